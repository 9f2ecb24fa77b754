package cn.jinhua.ducha.rulebook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.CatalogueException;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Kind;
import cn.jinhua.ducha.digest.Sha256;
import cn.jinhua.ducha.files.Folders;
import org.drools.template.ObjectDataCompiler;
import org.kie.api.KieBase;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * The rules in force: the catalogue, the generic DRL files and one rule per commitment generated from the kind
 * templates in {@code rules/kinds}, compiled once into a KieBase. Immutable; build a new one to change rules.
 */
public final class Rulebook {

    /** The DRL package every rule file declares. */
    public static final String PACKAGE = "cn.jinhua.ducha.rules";
    /**
     * The last rule books this process loaded, by the content of every file they were read from: loading the same
     * rules again (a test suite's hundreds of in-process commands, a server reloading unchanged rules) takes the one
     * built. A rule book is immutable, so sharing it is safe. {@link #compile} never looks here.
     */
    private static final Map<String, Rulebook> LOADED = Collections.synchronizedMap(
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Rulebook> eldest) {
                    return size() > 4;
                }
            });
    private static final String KINDS = "kinds";
    private static final Pattern RULE_HEAD = Pattern.compile("(?m)^[ \\t]*rule\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern RULE_END = Pattern.compile("(?m)^[ \\t]*end[ \\t]*$");
    private static final Map<Kind, String> TEMPLATES = new EnumMap<>(Map.of(
            Kind.AT_LEAST, "at-least.drt",
            Kind.AT_MOST, "at-most.drt",
            Kind.REACH_BY, "reach-by.drt",
            Kind.ANNUAL_AT_LEAST, "reach-by.drt",
            Kind.MILESTONE, "milestone.drt",
            Kind.BENCHMARK_MARGIN, "benchmark-margin.drt",
            Kind.PROGRESS, "progress.drt"));

    /**
     * What warms the compiler: a rule of the same shape as the kinds' (a constraint, a branch, an insert), over a
     * type declared here, so that the rulebook does not name the facts it compiles rules over (evaluation uses the
     * rulebook, not the other way round).
     */
    private static final String WARM_UP = """
            package cn.jinhua.ducha.warmup;
            dialect "java"
            declare Reading
                commitmentId : String
                present : boolean
            end
            rule "warm up"
            when
                $r : Reading( commitmentId == "-", present )
            then
                String status = null;
                if ($r.isPresent()) { status = "MET"; }
                insert( java.util.List.of($r, status, drools.getRule().getName()) );
            end
            """;

    private final Catalogue catalogue;
    private final KieBase kieBase;
    private final String hash;
    /** What the rules were built from, as {@link Precompiled} keys it. */
    private final String precompiledKey;
    private final Map<String, String> files;
    private final Map<String, String> texts;
    private final Map<String, String> rules;
    /** Sessions are reset and reused, not built anew: building one costs more than judging a sheet in it. */
    private final KieSessionsPool sessions;

    private Rulebook(Catalogue catalogue, KieBase kieBase, String hash, String precompiledKey,
                     Map<String, String> files, Map<String, String> texts) {
        this.catalogue = catalogue;
        this.kieBase = kieBase;
        this.hash = hash;
        this.precompiledKey = precompiledKey;
        this.files = files;
        this.texts = texts;
        this.rules = rulesByName(texts);
        this.sessions = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Reads and compiles {@code rulesDir}.
     *
     * @throws RulebookException naming every file and line (or commitment) that fails, with the compiler's message
     */
    public static Rulebook load(Path rulesDir) {
        return load(rulesDir, () -> null);
    }

    /**
     * Reads and compiles {@code rulesDir} with another registry of units (benchmarks bring their own).
     *
     * @throws RulebookException naming every file and line (or commitment) that fails, with the compiler's message
     */
    public static Rulebook load(Path rulesDir, Path unitsFile) {
        return load(rulesDir, unitsFile, true, () -> null);
    }

    /**
     * Reads and compiles {@code rulesDir} as {@link #load(Path)} does, with the catalogue of the same folder that the
     * caller reads meanwhile on another core ({@code readElsewhere} gives it when the rules need it, or null, and
     * the catalogue is read here): a national registry takes half a second to read, and reading sheets needs it too.
     * The compiled rules are taken from the build meanwhile.
     *
     * @throws RulebookException naming every file and line (or commitment) that fails, with the compiler's message
     */
    public static Rulebook load(Path rulesDir, Supplier<Catalogue> readElsewhere) {
        return load(rulesDir, rulesDir.resolve(Catalogue.DIRECTORY).resolve("units.yaml"), true, readElsewhere);
    }

    /**
     * The rules this build of Ducha carries (its {@code rules/} when it was built), unpacked into a temporary folder
     * for this process; empty where the class path carries none.
     */
    public static Optional<Path> shipped() {
        return Precompiled.unpack();
    }

    /**
     * Reads and compiles {@code rulesDir} from its files, never taking the rules compiled with the build: the
     * build's own step, and the benchmark of a first start on rules of one's own.
     */
    public static Rulebook compile(Path rulesDir) {
        return load(rulesDir, rulesDir.resolve(Catalogue.DIRECTORY).resolve("units.yaml"), false, () -> null);
    }

    private static Rulebook load(Path rulesDir, Path unitsFile, boolean shippedIfSame,
                                 Supplier<Catalogue> readElsewhere) {
        if (!Files.isDirectory(rulesDir)) {
            throw new RulebookException(List.of(rulesDir + ": 规则目录不存在 / no rules directory here"));
        }
        // one read of every file: the hash, the stored copy and the rule files all come from it
        Map<String, byte[]> snapshot = snapshot(rulesDir);
        String loaded = shippedIfSame ? hash(snapshot) + " " + unitsFile.toAbsolutePath().normalize() + " "
                + unitsDigest(unitsFile) : null;
        Rulebook done = loaded == null ? null : LOADED.get(loaded);
        if (done != null) {
            return done;
        }
        String key = Precompiled.key(snapshot);
        // On a second core while the catalogue is read: the rules compiled with the build where they were compiled
        // from these very files (Precompiled), else the rule compiler, which takes long to start cold.
        CompletableFuture<Optional<KieBase>> shipped = CompletableFuture.supplyAsync(
                () -> shippedIfSame ? Precompiled.read(key) : Optional.empty());
        CompletableFuture<KnowledgeBuilder> builder = shipped.thenApply(s -> s.isPresent() ? null : startBuilder());
        Catalogue catalogue = readElsewhere.get();
        try {
            catalogue = catalogue != null ? catalogue : Catalogue.load(rulesDir, unitsFile);
        } catch (CatalogueException e) {
            throw new RulebookException(e.problems());
        }
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, Source> sources = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path drl : files(rulesDir, ".drl")) {
            String name = display(rulesDir, drl);
            String text = new String(snapshot.get(relative(rulesDir, drl)), StandardCharsets.UTF_8);
            texts.put(name, text);
            sources.put(name, new Source(name, name, text, false));
        }
        Map<String, List<Commitment>> byTemplate = new LinkedHashMap<>();
        for (Commitment c : catalogue.commitments()) {
            byTemplate.computeIfAbsent(TEMPLATES.get(c.kind()), t -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<String, List<Commitment>> entry : byTemplate.entrySet()) {
            Path template = rulesDir.resolve(KINDS).resolve(entry.getKey());
            String name = display(rulesDir, template);
            if (!Files.isRegularFile(template)) {
                entry.getValue().forEach(c -> problems.add("%s: 承诺 %s 的模板不存在 / commitment %s: template not found"
                        .formatted(name, c.id(), c.id())));
                continue;
            }
            try {
                String drl = new ObjectDataCompiler().compile(entry.getValue().stream().map(Rulebook::row).toList(),
                        new ByteArrayInputStream(snapshot.get(relative(rulesDir, template))));
                texts.put(name + ".drl", drl);
                sources.put(name + ".drl", new Source(name + ".drl", name, drl, true));
            } catch (RuntimeException e) {
                problems.add("%s: 模板无法展开 / the template does not expand: %s".formatted(name, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new RulebookException(problems);
        }
        KieBase kieBase = shipped.join().orElseGet(() -> compile(builder.join(), sources, problems));
        if (kieBase == null) {
            throw new RulebookException(problems);
        }
        checkOneRulePerCommitment(kieBase, catalogue);
        Map<String, String> files = new LinkedHashMap<>();
        snapshot.forEach((path, bytes) -> files.put(path, new String(bytes, StandardCharsets.UTF_8)));
        Rulebook rulebook = new Rulebook(catalogue, kieBase, hash(snapshot), key, Collections.unmodifiableMap(files),
                Collections.unmodifiableMap(texts));
        if (loaded != null) {
            LOADED.put(loaded, rulebook);
        }
        return rulebook;
    }

    /** The digest of a registry of units read from outside the rules' folder (benchmarks); "" when unreadable. */
    private static String unitsDigest(Path unitsFile) {
        try {
            return Sha256.of().add(Files.readAllBytes(unitsFile)).hex();
        } catch (IOException e) {
            return "";
        }
    }

    /** A fresh builder, its compiler warmed on the generic imports every rule file shares. */
    private static KnowledgeBuilder startBuilder() {
        KnowledgeBuilder warmUp = KnowledgeBuilderFactory.newKnowledgeBuilder();
        warmUp.add(ResourceFactory.newByteArrayResource(WARM_UP.getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
        return KnowledgeBuilderFactory.newKnowledgeBuilder();
    }

    private static KieBase compile(KnowledgeBuilder builder, Map<String, Source> sources, List<String> problems) {
        // One batch: every file is parsed first and all consequences are compiled together in one pass.
        CompositeKnowledgeBuilder batch = builder.batch();
        for (Source source : sources.values()) {
            Resource resource = ResourceFactory.newByteArrayResource(source.text().getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(source.key());
            batch.add(resource, ResourceType.DRL);
        }
        batch.build();
        if (builder.hasErrors()) {
            for (KnowledgeBuilderError error : builder.getErrors()) {
                Source source = error.getResource() == null ? null : sources.get(error.getResource().getSourcePath());
                int line = error.getLines().length == 0 ? 0 : error.getLines()[0];
                String message = error.getMessage().trim();
                problems.add(source == null ? message : source.locate(line) + ": " + message);
            }
            return null;
        }
        return builder.newKieBase();
    }

    private static void checkOneRulePerCommitment(KieBase kieBase, Catalogue catalogue) {
        Map<String, Integer> rules = new LinkedHashMap<>();
        kieBase.getKiePackages().forEach(p -> p.getRules().forEach(r -> {
            Object id = r.getMetaData().get("commitmentId");
            if (id != null) {
                rules.merge(id.toString(), 1, Integer::sum);
            }
        }));
        List<String> problems = new ArrayList<>();
        for (Commitment c : catalogue.commitments()) {
            int count = rules.getOrDefault(c.id(), 0);
            if (count != 1) {
                problems.add("承诺 %s 有 %d 条规则，应为 1 条 / commitment %s has %d rules, not one"
                        .formatted(c.id(), count, c.id(), count));
            }
        }
        if (!problems.isEmpty()) {
            throw new RulebookException(problems);
        }
    }

    private static Map<String, Object> row(Commitment c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", c.id());
        row.put("title", escape(c.title()));
        row.put("task", c.taskNumber() == null ? "" : c.taskNumber().toString());
        row.put("area", c.area().id());
        row.put("kind", c.kind().name());
        row.put("source", escape(c.source()));
        return row;
    }

    /** Catalogue text lands inside DRL string literals. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static List<Path> files(Path dir, String suffix) {
        return Folders.files(dir).stream().filter(p -> p.toString().endsWith(suffix)).toList();
    }

    private static String display(Path rulesDir, Path file) {
        return "rules/" + rulesDir.relativize(file).toString().replace('\\', '/');
    }

    private static String relative(Path rulesDir, Path file) {
        return rulesDir.relativize(file).toString().replace('\\', '/');
    }

    /** Every file under {@code rulesDir}, by relative path, in path order. */
    private static Map<String, byte[]> snapshot(Path rulesDir) {
        Map<String, byte[]> snapshot = new LinkedHashMap<>();
        try {
            for (Path file : files(rulesDir, "")) {
                snapshot.put(relative(rulesDir, file), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return snapshot;
    }

    /**
     * sha256 over every file under {@code rulesDir}: its relative path and its bytes, in path order; the ruleset
     * hash that runs record and the JSON output names.
     */
    public static String hash(Path rulesDir) {
        return hash(snapshot(rulesDir));
    }

    private static String hash(Map<String, byte[]> snapshot) {
        Sha256 digest = Sha256.of();
        snapshot.forEach((path, bytes) -> digest.add(path).add((byte) 0).add(Long.toString(bytes.length))
                .add((byte) 0).add(bytes));
        return "sha256:" + digest.hex();
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    String precompiledKey() {
        return precompiledKey;
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /**
     * A fresh session over these rules, from a pool: {@link KieSession#dispose()} resets it and hands it back.
     * Thread-safe.
     */
    public KieSession newSession() {
        return sessions.newKieSession();
    }

    /** The content hash of everything in {@code rules/}: {@code sha256:…}. */
    public String hash() {
        return hash;
    }

    /**
     * Every file under {@code rules/} as read, by path relative to it: enough to rebuild this very rule base
     * elsewhere (replay does).
     */
    public Map<String, String> files() {
        return files;
    }

    /** The text of every rule file, the DRL generated from each template included, by display name. */
    public Map<String, String> texts() {
        return texts;
    }

    /**
     * The text of the rule named {@code ruleName} as it was compiled (a template's rule expanded for its commitment),
     * from {@code rule "…"} to its {@code end}, headed by the file it came from in parentheses:
     * {@code (rules/kinds/reach-by.drt.drl)}; empty when no rule has that name. For a commitment, pass
     * {@link Commitment#ruleName()}.
     */
    public Optional<String> ruleText(String ruleName) {
        return Optional.ofNullable(rules.get(ruleName));
    }

    /**
     * Every rule of {@code texts} (file name to DRL, as {@link #texts()} gives them, or as a stored ruleset keeps them)
     * by rule name, each headed by its file as {@link #ruleText} does it.
     */
    public static Map<String, String> rulesByName(Map<String, String> texts) {
        Map<String, String> rules = new LinkedHashMap<>();
        texts.forEach((file, text) -> {
            Matcher head = RULE_HEAD.matcher(text);
            while (head.find()) {
                Matcher end = RULE_END.matcher(text);
                int stop = end.find(head.end()) ? end.end() : text.length();
                String name = head.group(1).replaceAll("\\\\(.)", "$1");
                rules.putIfAbsent(name, "(" + file + ")\n" + text.substring(head.start(), stop));
            }
        });
        return Collections.unmodifiableMap(rules);
    }

    /** The compiled rule judging {@code commitment}, with its metadata. */
    public Rule ruleFor(Commitment commitment) {
        return kieBase.getRule(PACKAGE, commitment.ruleName());
    }

    /** A rule file, or a template expanded into DRL, as the compiler saw it. */
    private record Source(String key, String name, String text, boolean generated) {

        /** Where a compiler message points: file and line, or for generated DRL the template and commitment. */
        String locate(int line) {
            if (!generated || line <= 0) {
                return line > 0 ? name + ":" + line : name;
            }
            String[] lines = text.split("\n", -1);
            for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
                String l = lines[i].trim();
                if (l.startsWith("rule \"")) {
                    String id = l.substring(6).split(" ", 2)[0];
                    return "%s (承诺 / commitment %s, 生成的 DRL 第 %d 行 / generated DRL line %d)"
                            .formatted(name, id, line, line);
                }
            }
            return name + " (生成的 DRL 第 " + line + " 行 / generated DRL line " + line + ")";
        }
    }
}
