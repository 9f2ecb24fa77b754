package cn.jinhua.ducha.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import cn.jinhua.ducha.RulesCopy;
import cn.jinhua.ducha.catalogue.Commitment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.definition.rule.Rule;

class RulebookTests {

    private static final Path RULES = Path.of("rules");
    private static Rulebook rulebook;

    @BeforeAll
    static void load() {
        rulebook = Rulebook.load(RULES);
    }

    @Test
    void hasOneRulePerCommitmentNamedByItsIdAndTitleCitingItsSource() {
        for (Commitment c : rulebook.catalogue().commitments()) {
            Rule rule = rulebook.ruleFor(c);
            assertThat(rule).as("rule of %s", c.id()).isNotNull();
            assertThat(rule.getName()).isEqualTo(c.id() + " " + c.title());
            assertThat(rule.getMetaData()).containsEntry("commitmentId", c.id()).containsEntry("source", c.source())
                    .containsEntry("kind", c.kind().name());
            if (c.task() != null) {
                assertThat(rule.getMetaData()).containsEntry("task", c.task().number());
            } else {
                assertThat(rule.getMetaData()).doesNotContainKey("task");
            }
        }
        assertThat(rulebook.ruleFor(rulebook.catalogue().commitment("T06.2").orElseThrow()).getName())
                .isEqualTo("T06.2 全市村(社)100个高频事项办事不出村");
    }

    @Test
    void keepsTheTextOfEveryRuleFileAndOfEachExpandedTemplate() {
        assertThat(rulebook.texts()).containsKeys("rules/alerts.drl", "rules/no-data.drl", "rules/not-applicable.drl",
                "rules/kinds/reach-by.drt.drl");
        assertThat(rulebook.texts().get("rules/kinds/reach-by.drt.drl")).contains("rule \"T05.1 ");
    }

    @Test
    void hashesEverythingInTheRulesDirectory(@TempDir Path dir) throws IOException {
        Path copy = RulesCopy.in(dir);
        assertThat(Rulebook.hash(copy)).isEqualTo(rulebook.hash()).startsWith("sha256:").hasSize(7 + 64);
        Files.writeString(copy.resolve("catalogue/settings.yaml"), "\n# a comment\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(Rulebook.hash(copy)).isNotEqualTo(rulebook.hash());
    }

    @Test
    void namesTheFileAndLineOfARuleThatDoesNotCompile(@TempDir Path dir) throws IOException {
        Path copy = RulesCopy.in(dir);
        Path alerts = copy.resolve("alerts.drl");
        Files.writeString(alerts, Files.readString(alerts).replace("$commitment : commitmentId )\n    not",
                "$commitment : commitmentId \n    not"));
        assertThatThrownBy(() -> Rulebook.load(copy)).isInstanceOfSatisfying(RulebookException.class,
                e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).matches("rules/alerts\\.drl:\\d+: .*")));
    }

    @Test
    void namesTheCommitmentsOfATemplateThatDoesNotCompile(@TempDir Path dir) throws IOException {
        Path copy = RulesCopy.in(dir);
        Path template = copy.resolve("kinds/at-most.drt");
        Files.writeString(template, Files.readString(template).replace("$o.isAtMostTarget()", "$o.isAtMostTarge()"));
        assertThatThrownBy(() -> Rulebook.load(copy)).isInstanceOfSatisfying(RulebookException.class,
                e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                        .startsWith("rules/kinds/at-most.drt (承诺 / commitment T01.1").contains("isAtMostTarge")));
    }

    @Test
    void namesTheCommitmentOfABrokenCatalogueEntry(@TempDir Path dir) throws IOException {
        Path copy = RulesCopy.in(dir);
        Path commitments = copy.resolve("catalogue/commitments.yaml");
        Files.writeString(commitments, Files.readString(commitments).replace("  window: \"2023-01..2024-12\"",
                "  window: \"2024-12..2023-01\""));
        assertThatThrownBy(() -> Rulebook.load(copy)).isInstanceOfSatisfying(RulebookException.class,
                e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("rules/catalogue/commitments.yaml: G.2: ").contains("window"));
    }

    @Test
    void refusesACommitmentWithoutAnyRule(@TempDir Path dir) throws IOException {
        Path copy = RulesCopy.in(dir);
        Path template = copy.resolve("kinds/at-most.drt");
        Files.writeString(template, Files.readString(template).replace("@commitmentId(\"@{id}\")", ""));
        assertThatThrownBy(() -> Rulebook.load(copy)).isInstanceOfSatisfying(RulebookException.class,
                e -> assertThat(e.problems()).contains("承诺 T01.1 有 0 条规则，应为 1 条 / commitment T01.1 has 0 rules, not one"));
    }

    @Test
    void refusesAMissingRulesDirectory(@TempDir Path dir) {
        assertThatThrownBy(() -> Rulebook.load(dir.resolve("nowhere"))).isInstanceOf(RulebookException.class)
                .hasMessageContaining("nowhere");
    }

    @Test
    void takesTheRulesCompiledWithTheBuildOnlyForTheRulesTheyWereCompiledFrom(@TempDir Path dir) throws IOException {
        Rulebook compiled = Rulebook.compile(RULES);
        assertThat(Precompiled.read(compiled.precompiledKey())).as("the build compiled rules/ (pom.xml)")
                .hasValueSatisfying(shipped -> assertThat(names(shipped)).isEqualTo(names(compiled.kieBase())));
        assertThat(rulebook.precompiledKey()).isEqualTo(compiled.precompiledKey());

        Path copy = RulesCopy.in(dir);
        Files.writeString(copy.resolve("alerts.drl"), "\n// a comment changes the key\n", StandardOpenOption.APPEND);
        Rulebook changed = Rulebook.load(copy);
        assertThat(changed.precompiledKey()).isNotEqualTo(compiled.precompiledKey());
        assertThat(Precompiled.read(changed.precompiledKey())).as("other rules are compiled").isEmpty();

        Path units = RulesCopy.in(dir.resolve("units")).resolve("catalogue/units.yaml");
        Files.writeString(units, Files.readString(units) + "\n# no rule names a unit\n");
        assertThat(Rulebook.load(units.getParent().getParent()).precompiledKey())
                .as("the registry of units is not part of what rules are compiled from")
                .isEqualTo(compiled.precompiledKey());
    }

    private static java.util.Set<String> names(org.kie.api.KieBase kieBase) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        kieBase.getKiePackages().forEach(p -> p.getRules().forEach(r -> names.add(p.getName() + " " + r.getName())));
        return names;
    }
}
