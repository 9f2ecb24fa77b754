package cn.jinhua.ducha.rulebook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.jinhua.ducha.digest.Sha256;

import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped rules compiled when Ducha is built, so that a cold start reads them instead of compiling 92
 * consequences with ECJ (BENCHMARKS.md, issue 12). The build writes {@link #RESOURCE}: the compiled packages and
 * the key of what they were compiled from. {@link Rulebook#load} takes them only when the key of the rules it reads
 * is the same: the bytes of every rule file, template and catalogue file the rules are generated from (the
 * registry of units excepted: no rule names a unit), and of every class the rules import. Any other rules, or a
 * class changed since, are compiled as before; a cold start never judges by rules other than those it read.
 */
final class Precompiled {

    /** Where the build puts the compiled rules, on the class path. */
    static final String RESOURCE = "META-INF/ducha/rules.compiled";
    /** Where the build puts a copy of the rules' files, and the list of them. */
    private static final String FILES = "META-INF/ducha/rules/";
    private static final String INDEX = "META-INF/ducha/rules.index";

    private static final Logger LOG = LoggerFactory.getLogger(Precompiled.class);
    private static final String UNITS = "catalogue/units.yaml";
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(cn\\.jinhua\\.[\\w.]+)\\s*;?\\s*$");
    /** What a compiled rule base may hold: Drools, the JDK and the rules' own classes; nothing else is read. */
    private static final ObjectInputFilter CLASSES = ObjectInputFilter.Config.createFilter(
            "java.**;org.drools.**;org.kie.**;org.mvel2.**;cn.jinhua.ducha.**;maxdepth=200;!*");

    private Precompiled() {
    }

    /**
     * The key of a rules folder: sha256 over its files but the units, in path order, then over the bytes of every
     * class its rule files import.
     */
    static String key(Map<String, byte[]> snapshot) {
        Sha256 digest = Sha256.of();
        TreeSet<String> imported = new TreeSet<>();
        snapshot.forEach((path, bytes) -> {
            if (path.equals(UNITS)) {
                return;
            }
            digest.add(path).add((byte) 0).add(bytes).add((byte) 0);
            if (path.endsWith(".drl") || path.endsWith(".drt")) {
                Matcher m = IMPORT.matcher(new String(bytes, StandardCharsets.UTF_8));
                while (m.find()) {
                    imported.add(m.group(1));
                }
            }
        });
        for (String type : imported) {
            digest.add(type).add(classBytes(type));
        }
        return digest.hex();
    }

    private static byte[] classBytes(String type) {
        String resource = type.replace('.', '/') + ".class";
        try (InputStream in = Precompiled.class.getClassLoader().getResourceAsStream(resource)) {
            // an import that names no class here fails the compile anyway: it cannot match a built key
            return in == null ? new byte[] {0} : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped compiled rules if they were compiled from rules with {@code key}; empty otherwise. */
    static Optional<KieBase> read(String key) {
        try (InputStream in = Precompiled.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(in.readAllBytes()));
            objects.setObjectInputFilter(CLASSES);
            // the key first: other rules are known before a byte of the packages is read
            if (!objects.readUTF().equals(key)) {
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            List<KiePackage> packages = (List<KiePackage>) objects.readObject();
            var kieBase = KnowledgeBaseFactory.newKnowledgeBase();
            kieBase.addPackages(packages);
            return Optional.of(kieBase);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // never fatal: the rules are compiled from their files as if nothing had been shipped
            LOG.debug("预编译规则不可用，改为编译 / the precompiled rules are not usable, compiling instead", e);
            return Optional.empty();
        }
    }

    /**
     * The rules the jar was built with, unpacked into a temporary folder removed when the process ends; empty when
     * the class path carries none.
     */
    static Optional<Path> unpack() {
        ClassLoader loader = Precompiled.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(INDEX)) {
            if (in == null) {
                return Optional.empty();
            }
            List<String> files = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
            Path dir = Files.createTempDirectory("ducha-rules-");
            dir.toFile().deleteOnExit();
            for (String file : files) {
                Path target = dir.resolve(file).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("a rules file outside the folder: " + file);
                }
                Files.createDirectories(target.getParent());
                registerDeletion(dir, target.getParent());
                try (InputStream bytes = loader.getResourceAsStream(FILES + file)) {
                    if (bytes == null) {
                        throw new IOException("missing from the jar: " + FILES + file);
                    }
                    Files.write(target, bytes.readAllBytes());
                }
                target.toFile().deleteOnExit();
            }
            return Optional.of(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("无法取出 jar 内置的规则 / cannot unpack the rules built into the jar", e);
        }
    }

    /** Folders are deleted after their files: deleteOnExit runs in the reverse order of registration. */
    private static void registerDeletion(Path root, Path dir) {
        List<Path> chain = new ArrayList<>();
        for (Path d = dir; !d.equals(root); d = d.getParent()) {
            chain.add(d);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            chain.get(i).toFile().deleteOnExit();
        }
    }

    static void write(String key, KieBase kieBase, OutputStream out) throws IOException {
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeUTF(key);
            objects.writeObject(new ArrayList<>(kieBase.getKiePackages()));
        }
    }

    /**
     * The build's step (pom.xml, process-classes): compiles {@code args[0]} (rules/) and writes the result to
     * {@code args[1]}/{@link #RESOURCE}.
     */
    public static void main(String[] args) throws IOException {
        Path rules = Path.of(args[0]);
        Path classes = Path.of(args[1]);
        Path out = classes.resolve(RESOURCE);
        Rulebook rulebook = Rulebook.compile(rules);
        Files.createDirectories(out.getParent());
        try (OutputStream file = Files.newOutputStream(out)) {
            write(rulebook.precompiledKey(), rulebook.kieBase(), file);
        }
        // the files too, so that the jar judges outside the repository with the rules it was built with
        List<String> index = new ArrayList<>(rulebook.files().keySet());
        for (String file : index) {
            Path copy = classes.resolve(FILES + file);
            Files.createDirectories(copy.getParent());
            Files.write(copy, Files.readAllBytes(rules.resolve(file)));
        }
        Files.write(classes.resolve(INDEX), index, StandardCharsets.UTF_8);
        System.out.printf("precompiled %d rules into %s%n", rulebook.kieBase().getKiePackages().stream()
                .mapToInt(p -> p.getRules().size()).sum(), out);
    }
}
