package cn.jinhua.ducha;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lines between packages (STYLE.md, "Layout shows the architecture"). */
class ArchitectureTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.jinhua.ducha");
    }

    @Test
    void theCatalogueDependsOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage("..catalogue..")
                .should().dependOnClassesThat().resideInAnyPackage("..factsheet..", "..rulebook..", "..evaluation..",
                        "..cli..", "..web..", "..store..")
                .check(classes);
    }

    @Test
    void judgingNeverReachesIntoTheCommandLine() {
        noClasses().that().resideInAnyPackage("..rulebook..", "..evaluation..", "..factsheet..")
                .should().dependOnClassesThat().resideInAnyPackage("..cli..", "..web..")
                .check(classes);
    }

    @Test
    void theStoreNeverReachesIntoTheCommandLine() {
        noClasses().that().resideInAPackage("..store..")
                .should().dependOnClassesThat().resideInAnyPackage("..cli..", "..web..")
                .check(classes);
    }

    @Test
    void sheetsAreReadWithoutTheRuleEngine() {
        noClasses().that().resideInAPackage("..factsheet..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..", "..rulebook..",
                        "..evaluation..")
                .check(classes);
    }

    @Test
    void theCommandLineNeverTouchesASession() {
        noClasses().that().resideInAPackage("..cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie.api.runtime..")
                .check(classes);
    }

    @Test
    void theWebNeverTouchesASession() {
        noClasses().that().resideInAPackage("..web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie.api.runtime..")
                .check(classes);
    }

    @Test
    void judgingAndTheStoreNeverReachIntoTheWeb() {
        noClasses().that().resideInAnyPackage("..alerting..", "..store..", "..evaluation..", "..rulebook..")
                .should().dependOnClassesThat().resideInAnyPackage("..web..", "org.springframework.web..",
                        "org.springframework.security..")
                .check(classes);
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("cn.jinhua.ducha.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theRulebookCompilesRulesWithoutKnowingWhatTheyJudge() {
        noClasses().that().resideInAPackage("..rulebook..")
                .should().dependOnClassesThat().resideInAnyPackage("..evaluation..", "..store..", "..alerting..",
                        "..web..", "..cli..")
                .check(classes);
    }

    /**
     * DRL is code the compiler cannot see: the rules may import the facts they judge (evaluation) and the plan's
     * terms (catalogue), and the rulebook's own Java may not hide an import of them in a string (a cycle no class
     * file shows: evaluation uses the rulebook).
     */
    @Test
    void ruleTextImportsOnlyTheFactsItJudges() throws IOException {
        java.util.regex.Pattern importLine = java.util.regex.Pattern.compile("(?m)^\\s*import\\s+([\\w.]+)");
        try (Stream<Path> files = Files.walk(Path.of("rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl") || f.toString().endsWith(".drt"))
                    .toList()) {
                java.util.regex.Matcher m = importLine.matcher(Files.readString(file));
                while (m.find()) {
                    assertThat(m.group(1)).as("%s imports", file)
                            .matches("cn\\.jinhua\\.ducha\\.(evaluation|catalogue)\\.[A-Z]\\w*(\\.\\w+)?|java\\..+");
                }
            }
        }
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/cn/jinhua/ducha/rulebook"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                assertThat(Files.readString(source)).as(source.toString())
                        .doesNotContainPattern("import\\s+cn\\.jinhua\\.ducha\\.(evaluation|store|alerting|web|cli)\\.");
            }
        }
    }

    @Test
    void nothingReadsTheClock() {
        noClasses().that().resideInAnyPackage("..evaluation..", "..rulebook..", "..catalogue..", "..factsheet..")
                .should().callMethod(java.time.YearMonth.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(classes);
    }

    @Test
    void everyPackageSaysWhatItIsFor() throws IOException {
        try (Stream<Path> dirs = Files.walk(Path.of("src/main/java/cn/jinhua/ducha"))) {
            dirs.filter(Files::isDirectory).filter(d -> hasJava(d))
                    .forEach(d -> assertThat(d.resolve("package-info.java")).as("package-info of %s", d).exists());
        }
    }

    private static boolean hasJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
