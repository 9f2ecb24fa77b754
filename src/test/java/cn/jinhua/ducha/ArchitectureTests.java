package cn.jinhua.ducha;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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
