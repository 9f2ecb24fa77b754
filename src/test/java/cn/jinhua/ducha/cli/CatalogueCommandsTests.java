package cn.jinhua.ducha.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.rulebook.Rulebook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ducha catalogue} says how much of the plan it judges and on what basis each deadline stands, and
 * {@code ducha rule ID} shows where a commitment is judged, in one command (issue 13).
 */
class CatalogueCommandsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Run ducha(String... args) {
        return Run.of(Stream.concat(Stream.of(args), Stream.of("--rules", "rules")).toArray());
    }

    private static JsonNode commitment(JsonNode catalogue, String id) {
        return catalogue.get("commitments").valueStream().filter(c -> c.get("id").asString().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id));
    }

    @Test
    void catalogueJsonGivesEveryCommitmentItsWindowBasis() {
        Run run = ducha("catalogue", "--format", "json");

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode catalogue = JSON.readTree(run.out());
        assertThat(catalogue.get("commitments").valueStream()).hasSize(84).allSatisfy(c -> {
            assertThat(c.get("windowBasis").asString()).as(c.get("id").asString()).isIn("STATED", "INFERRED");
            assertThat(c.get("windowBasisReason").isNull()).as(c.get("id").asString())
                    .isEqualTo(c.get("windowBasis").asString().equals("STATED"));
            assertThat(c.has("window") && c.has("source") && c.has("taskTitle") && c.has("lead")).isTrue();
        });
        JsonNode t051 = commitment(catalogue, "T05.1");
        assertThat(t051.get("windowBasis").asString()).isEqualTo("INFERRED");
        assertThat(t051.get("window").asString()).isEqualTo("2023");
        assertThat(t051.get("windowBasisReason").asString()).contains("一年重点突破。2023年底", "inferred");
        assertThat(commitment(catalogue, "T09.1").get("windowBasis").asString()).isEqualTo("STATED");
        JsonNode t052 = commitment(catalogue, "T05.2");
        assertThat(t052.get("kind").asString()).isEqualTo("AT_LEAST");
        assertThat(t052.get("window").asString()).isEqualTo("from 2023");
        assertThat(commitment(catalogue, "T09.2").get("scope").asString()).isEqualTo("ALL");
        JsonNode m1 = commitment(catalogue, "M1.P");
        assertThat(m1.get("task").isNull()).isTrue();
        assertThat(m1.get("metric").asString()).isEqualTo("progress.M1");
        assertThat(m1.get("lead").asString()).isEqualTo("市委办公室(改革办)");
        assertThat(m1.get("windowBasisReason").asString()).contains("五年整体跃迁。2027年底");
    }

    @Test
    void catalogueJsonCountsTasksMeasuredAndFollowedByProgressAloneAndListsWhatItDoesNotJudge() {
        JsonNode catalogue = JSON.readTree(ducha("catalogue", "--format", "json").out());

        JsonNode coverage = catalogue.get("coverage");
        assertThat(coverage.get("tasks").intValue()).isEqualTo(38);
        assertThat(coverage.get("covered").intValue()).isEqualTo(38);
        assertThat(coverage.get("numeric").intValue()).isEqualTo(19);
        assertThat(coverage.get("progressOnly").intValue()).isEqualTo(19);
        assertThat(coverage.get("numericTasks").valueStream().map(JsonNode::intValue)).contains(5, 36)
                .doesNotContain(8);
        assertThat(coverage.get("progressOnlyTasks").valueStream().map(JsonNode::intValue)).contains(8, 37)
                .doesNotContain(36);
        assertThat(coverage.get("generalWorks").intValue()).isEqualTo(5);
        List<JsonNode> notJudged = catalogue.get("notJudged").valueStream().toList();
        assertThat(coverage.get("notJudged").intValue()).isEqualTo(notJudged.size());
        assertThat(notJudged).isNotEmpty().allSatisfy(n -> {
            assertThat(n.get("words").asString()).isNotBlank();
            assertThat(n.get("task").isNull() != n.get("section").isNull()).as(n.get("words").asString()).isTrue();
            assertThat(n.get("reason").asString()).isIn("QUALITATIVE", "JUDGED_BY_OTHERS", "WORKING_METHOD");
        });
        assertThat(notJudged).anySatisfy(n -> assertThat(n.get("words").asString()).contains("赛马平台"))
                .anySatisfy(n -> assertThat(n.get("words").asString()).contains("共享法庭"));
    }

    @Test
    void catalogueTableSaysTheSameInChineseThenEnglish() {
        Run run = ducha("catalogue");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("T05.1", "窗口 2023年 (推定时限)", "窗口 2023年 ·", "【五项面上工作】")
                .contains("推定时限 / inferred windows", "一年重点突破: 原文未写明时限")
                .contains("不评判的内容 / not judged", "[工作方法而非结果 / a working method, not a result]")
                .contains("覆盖：38 项任务中 19 项有量化承诺", "/ coverage: of 38 tasks, 19 have a numeric commitment")
                .doesNotContain("38 of 38");
    }

    @Test
    void ruleShowsTheCatalogueEntryTheSeedsWordsAndTheCompiledRule() {
        Run run = ducha("rule", "T05.1");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("T05.1 优化两批共162个跨省通办事项办理流程")
                .contains("期末达到 REACH_BY", "各县(市、区) LOCAL", "162 项", "tongban.cross_province_items_optimized")
                .contains("推定时限 INFERRED", "一年重点突破。2023年底")
                .contains("“优化两批共162个“跨省通办”事项办理流程”")
                .contains("(rules/kinds/reach-by.drt.drl)", "rule \"T05.1 优化两批共162个跨省通办事项办理流程\"",
                        "@commitmentId(\"T05.1\")")
                .doesNotContain("rule \"T05.2", "rule \"T06.2");
        assertThat(run.out().strip()).endsWith("end");
    }

    @Test
    void everyCommitmentsCompiledRuleIsFoundByItsNameAndNoOtherRuleWithIt() {
        Rulebook rulebook = Rulebook.load(Path.of("rules"));

        for (Commitment c : rulebook.catalogue().commitments()) {
            String text = rulebook.ruleText(c.ruleName()).orElseThrow(() -> new AssertionError("no rule " + c.id()));
            assertThat(text).as(c.id()).startsWith("(rules/kinds/").contains("\nrule \"" + c.ruleName() + "\"")
                    .contains("@commitmentId(\"" + c.id() + "\")").endsWith("end")
                    .containsOnlyOnce("rule \"");
        }
        assertThat(rulebook.ruleText("T05.1")).isEmpty();
    }

    @Test
    void ruleShowsAStatedWindowAndAGeneralWork() {
        assertThat(ducha("rule", "T09.1").out()).contains("原文写明 STATED", "rule \"T09.1 ");
        assertThat(ducha("rule", "M1.P").out()).contains("五项面上工作", "市委办公室(改革办)", "rule \"M1.P ");
    }

    @Test
    void ruleRefusesAnUnknownCommitmentWithExitOne() {
        Run run = ducha("rule", "T05.9");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("未知承诺 \"T05.9\"", "unknown commitment \"T05.9\"");
    }
}
