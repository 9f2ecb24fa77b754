package cn.jinhua.ducha.evaluation;

import static cn.jinhua.ducha.evaluation.Judge.evaluate;
import static cn.jinhua.ducha.evaluation.Judge.sheet;
import static cn.jinhua.ducha.evaluation.Judge.status;
import static cn.jinhua.ducha.evaluation.Judge.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of commitment at and around its boundaries (contract.md, "How each kind is judged"). */
class KindsTests {

    @Nested
    class AtLeast {

        @ParameterizedTest(name = "一网通办率 {0}% against 90% is {1}")
        @CsvSource({"90, MET", "90.0001, MET", "100, MET", "89.99, MISSED", "0, MISSED"})
        void keepsALevel(String value, Status expected) {
            Evaluation e = evaluate("2023-09", sheet("yiwu", "2023-09", "digital.one_network_rate_pct", value));
            Verdict v = verdict(e, "yiwu", "T09.2");
            assertThat(v.status()).isEqualTo(expected);
            assertThat(v.target()).isEqualByComparingTo("90");
            assertThat(v.expected()).isNull();
            assertThat(v.rule()).isEqualTo("T09.2 一网通办率保持90%以上");
        }
    }

    @Nested
    class AtMost {

        @ParameterizedTest(name = "approval in {0} days against 80 is {1}")
        @CsvSource({"80, MET", "79.9, MET", "80.01, MISSED", "200, MISSED"})
        void keepsACeiling(String value, Status expected) {
            Evaluation e = evaluate("2023-06", sheet("dongyang", "2023-06",
                    "investment.enterprise_project_approval_days", value));
            assertThat(status(e, "dongyang", "T01.1")).isEqualTo(expected);
        }
    }

    @Nested
    class ReachBy {

        @ParameterizedTest(name = "{1} of 162 items in {0} is {2}")
        @CsvSource({
                "2023-09, 162, MET",
                "2023-09, 121.5, ON_TRACK",   // exactly on 序时进度: 162 × 9/12
                "2023-09, 121.4, AT_RISK",
                "2023-09, 72.9, AT_RISK",     // gap exactly 0.30
                "2023-09, 72.8, OFF_TRACK",
                "2023-12, 161.9, MISSED",
                "2023-12, 162, MET",
                "2024-03, 161, MISSED",       // still judged after the deadline
                "2024-03, 170, MET"})
        void reachesALevelByTheWindowsEnd(String period, String value, Status expected) {
            Evaluation e = evaluate(period, sheet("yiwu", period, "tongban.cross_province_items_optimized", value));
            assertThat(status(e, "yiwu", "T05.1")).isEqualTo(expected);
        }

        @Test
        void fortyFivePercentInSeptemberAgainstAFullTargetIsExactlyOnTheYellowBand() {
            Evaluation e = evaluate("2023-09", sheet("lanxi", "2023-09",
                    "legal.township_legality_review_coverage_pct", "45"));
            Verdict v = verdict(e, "lanxi", "T14.1");
            assertThat(v.status()).isEqualTo(Status.AT_RISK);
            assertThat(v.expected()).isEqualByComparingTo("75");
        }

        @Test
        void expectsTheTargetTimesTheElapsedShareExactly() {
            Evaluation e = evaluate("2023-07", sheet("jinhua", "2023-07", "digital.zlb_registered_users", "1"));
            // 5,900,000 × 7/12 does not terminate: shown to ten places, compared exactly
            assertThat(verdict(e, "jinhua", "T09.1").expected()).isEqualByComparingTo("3441666.6666666667");
        }

        @Test
        void explainsThePaceAGapInPlainChinese() {
            Evaluation e = evaluate("2023-09", sheet("yiwu", "2023-09", "tongban.cross_province_items_optimized", "120"));
            String why = new Explanations(Judge.rulebook().catalogue()).explain(verdict(e, "yiwu", "T05.1"));
            assertThat(why).isEqualTo("义乌市 2023-09 跨省通办事项优化 120 项，低于序时进度应达 121.5 项（162 项 × 9/12，"
                    + "推定时限 2023-12），差 1.5 项；基期 2022-12 未报送该值，按目录基期值 0 项，滞后（黄灯）");
        }

        @Test
        void measuresProgressFromTheUnitsOwnBaseValue() {
            // B = 40 from the base-period sheet: 序时进度 asks 40 + (162 − 40) × 9/12 = 131.5, so 125 is behind
            Evaluation e = evaluate("2023-09",
                    sheet("yiwu", "2022-12", "tongban.cross_province_items_optimized", "40"),
                    sheet("yiwu", "2023-09", "tongban.cross_province_items_optimized", "125"));
            Verdict v = verdict(e, "yiwu", "T05.1");
            assertThat(v.baseline().value()).isEqualByComparingTo("40");
            assertThat(v.baseline().origin()).isEqualTo(Baseline.Origin.OWN_BASE_SHEET);
            assertThat(v.expected()).isEqualByComparingTo("131.5");
            assertThat(v.status()).isEqualTo(Status.AT_RISK);
            assertThat(new Explanations(Judge.rulebook().catalogue()).explain(v))
                    .contains("40 项 + (162 − 40) × 9/12").contains("基期值 40 项，取自本单位 2022-12 报表");
        }

        @Test
        void ignoresABaseValueAtOrAboveTheTarget() {
            Evaluation e = evaluate("2023-09",
                    sheet("yiwu", "2022-12", "village.high_frequency_items", "100"),
                    sheet("yiwu", "2023-09", "village.high_frequency_items", "80"));
            Verdict v = verdict(e, "yiwu", "T06.2");
            assertThat(v.baseline().value()).isEqualByComparingTo("0");
            assertThat(v.baseline().origin()).isEqualTo(Baseline.Origin.CATALOGUE);
            assertThat(v.baseline().reported()).isEqualByComparingTo("100");
            assertThat(v.expected()).isEqualByComparingTo("75");
            assertThat(new Explanations(Judge.rulebook().catalogue()).explain(v))
                    .contains("基期 2022-12 报送 100 项，不低于目标，不作基期");
        }

        @Test
        void usesTheCataloguesBaselineWhenTheBaseSheetLacksTheValue() {
            Evaluation e = evaluate("2023-09",
                    sheet("yiwu", "2022-12", "village.high_frequency_items", "30"),
                    sheet("yiwu", "2023-09", "tongban.cross_province_items_optimized", "125"));
            Verdict v = verdict(e, "yiwu", "T05.1");
            assertThat(v.baseline().value()).isEqualByComparingTo("0");
            assertThat(v.baseline().origin()).isEqualTo(Baseline.Origin.CATALOGUE);
            assertThat(v.baseline().reported()).isNull();
            assertThat(v.expected()).isEqualByComparingTo("121.5");
        }

        @Test
        void sumsTheBaseValuesOfTheUnitsThatReportedOneForACityTotal() {
            // only two of eleven units sent a base value: B is their sum, 3,000,000
            Evaluation e = evaluate("2023-06",
                    sheet("yiwu", "2022-12", "digital.zlb_registered_users", "1000000"),
                    sheet("jinhua", "2022-12", "digital.zlb_registered_users", "2000000"),
                    sheet("jinhua", "2023-06", "digital.zlb_registered_users", "4400000"));
            Verdict v = verdict(e, "jinhua", "T09.1");
            assertThat(v.baseline().value()).isEqualByComparingTo("3000000");
            assertThat(v.baseline().origin()).isEqualTo(Baseline.Origin.UNITS_SUM);
            assertThat(v.baseline().units()).containsExactly("yiwu", "jinhua");
            // 3,000,000 + (5,900,000 − 3,000,000) × 6/12 = 4,450,000: 4,400,000 is just behind
            assertThat(v.expected()).isEqualByComparingTo("4450000");
            assertThat(v.status()).isEqualTo(Status.AT_RISK);
        }

        @ParameterizedTest(name = "a guarantee scale of {1} 亿元 in {0} is {2}")
        @CsvSource({"2023-06, 140, ON_TRACK", "2023-12, 140, MISSED", "2023-12, 140.01, MET"})
        void strictTargetMustBeExceeded(String period, String value, Status expected) {
            Evaluation e = evaluate(period, sheet("jinhua", period, "finance.gov_guarantee_scale_100m_cny", value));
            assertThat(status(e, "jinhua", "T31.1")).isEqualTo(expected);
        }
    }

    @Nested
    class AnnualAtLeast {

        @ParameterizedTest(name = "{1} new export shops by {0} is {2}")
        @CsvSource({"2024-01, 250, ON_TRACK", "2024-01, 249, AT_RISK", "2023-12, 2999, MISSED", "2023-12, 3000, MET",
                "2023-06, 1500, ON_TRACK"})
        void totalsTheYearToDateAgainstTheCalendarYear(String period, String value, Status expected) {
            Evaluation e = evaluate(period, sheet("jinhua", period, "trade.new_active_export_shops_ytd", value));
            assertThat(status(e, "jinhua", "T28.3")).isEqualTo(expected);
        }

        @Test
        void endsWithItsYearUnlikeReachBy() {
            Evaluation e = evaluate("2024-01", sheet("jinhua", "2024-01", "one_thing.new_jinhua_items_ytd", "1"));
            assertThat(verdict(e, "jinhua", "T07.1")).isNull();
            assertThat(verdict(e, "jinhua", "T28.4")).isNull();
            assertThat(verdict(e, "jinhua", "T09.1")).isNotNull();
        }
    }

    @Nested
    class Milestone {

        @ParameterizedTest(name = "an open milestone in {0} is {1}")
        @CsvSource({"2023-08, ON_TRACK", "2023-09, AT_RISK", "2023-11, AT_RISK", "2023-12, MISSED", "2024-02, MISSED"})
        void turnsYellowInTheLastQuarterAndRedAtTheDeadline(String period, Status expected) {
            Evaluation e = evaluate(period, sheet("wuyi", period, "investment.one_stop_center_integrated", false));
            Verdict v = verdict(e, "wuyi", "T01.2");
            assertThat(v.status()).isEqualTo(expected);
            assertThat(v.value()).isEqualTo(false);
            assertThat(v.target()).isNull();
        }

        @Test
        void isMetOnceDoneEvenAfterTheDeadline() {
            Evaluation e = evaluate("2024-02", sheet("wuyi", "2024-02", "investment.one_stop_center_integrated", true));
            assertThat(status(e, "wuyi", "T01.2")).isEqualTo(Status.MET);
        }

        @ParameterizedTest(name = "the two-year goal still open in {0} is {1}")
        @CsvSource({"2024-05, ON_TRACK", "2024-06, AT_RISK", "2024-12, MISSED"})
        void measuresTheLastQuarterOfALongWindow(String period, Status expected) {
            Evaluation e = evaluate(period, sheet("jinhua", period, "overall.province_first_tier", false));
            assertThat(status(e, "jinhua", "G.2")).isEqualTo(expected);
        }
    }

    @Nested
    class BenchmarkMargin {

        @ParameterizedTest(name = "growth {1}% against a province at 4.2% in {0} is {2}")
        @CsvSource({"2023-09, 7.2, MET", "2023-09, 7.19, AT_RISK", "2023-12, 7.19, MISSED", "2023-12, 7.2, MET",
                "2024-01, -3, AT_RISK"})
        void beatsTheProvinceByTheMargin(String period, String value, Status expected) {
            Evaluation e = evaluate(period,
                    sheet("yiwu", period, "trade.import_export_growth_pct", value),
                    sheet("zhejiang", period, "trade.import_export_growth_pct", "4.2"));
            Verdict v = verdict(e, "yiwu", "T28.1");
            assertThat(v.status()).isEqualTo(expected);
            assertThat(v.target()).isEqualByComparingTo("7.2");
        }

        @Test
        void hasNoDataWithoutTheProvincesValue() {
            Evaluation e = evaluate("2023-09", sheet("yiwu", "2023-09", "trade.import_export_growth_pct", "9"));
            assertThat(status(e, "yiwu", "T28.1")).isEqualTo(Status.NO_DATA);
            // the unit reported its value: the province's gap is not the unit's missing data
            assertThat(e.alerts()).filteredOn(a -> a.unit().id().equals("yiwu") && a.level() == AlertLevel.DATA)
                    .singleElement().satisfies(a -> assertThat(a.missing()).extracting(c -> c.id())
                            .isNotEmpty().doesNotContain("T28.1"));
        }

        @Test
        void leavesUnitsOutsideTheFreeTradeZoneNotApplicable() {
            Evaluation e = evaluate("2023-09", sheet("dongyang", "2023-09", "trade.import_export_growth_pct", "30"),
                    sheet("zhejiang", "2023-09", "trade.import_export_growth_pct", "4.2"));
            Verdict v = verdict(e, "dongyang", "T28.1");
            assertThat(v.status()).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(v.light()).isNull();
            assertThat(verdict(e, "jinhua", "T28.1")).isNull();
            assertThat(verdict(e, "zhejiang", "T28.1")).isNull();
        }
    }

    @Nested
    class ProgressReports {

        @ParameterizedTest(name = "task reported {0} is {1}")
        @CsvSource({"DONE, MET", "IN_PROGRESS, ON_TRACK", "NOT_STARTED, AT_RISK", "BLOCKED, OFF_TRACK"})
        void judgesTheReportedStatus(String reported, Status expected) {
            Evaluation e = evaluate("2023-06", sheet("pujiang", "2023-06", "progress.T08", reported));
            Verdict v = verdict(e, "pujiang", "T08.P");
            assertThat(v.status()).isEqualTo(expected);
            assertThat(v.value()).isEqualTo(reported);
            assertThat(v.rule()).isEqualTo("T08.P 推进政府职能变革重塑进展");
        }

        @Test
        void beginsInJune2023() {
            Evaluation e = evaluate("2023-05", sheet("pujiang", "2023-05", "progress.T08", "DONE"));
            assertThat(verdict(e, "pujiang", "T08.P")).isNull();
            assertThat(verdict(e, "jinhua", "S.1")).isNull();
        }

        @Test
        void coversTheCityAndEveryLocalUnitButNotTheProvince() {
            Evaluation e = evaluate("2023-06");
            assertThat(e.verdicts()).filteredOn(v -> v.commitment().id().equals("T08.P")).hasSize(11)
                    .allSatisfy(v -> assertThat(v.status()).isEqualTo(Status.NO_DATA));
        }
    }

    @Nested
    class Scopes {

        @Test
        void cityTotalSumsEverySupervisedUnitAndNamesThoseMissing() {
            Evaluation e = evaluate("2023-06",
                    sheet("yiwu", "2023-06", "trade.new_active_export_shops_ytd", "1000.5"),
                    sheet("panan", "2023-06", "trade.new_active_export_shops_ytd", "0"),
                    sheet("jinhua", "2023-06", "trade.new_active_export_shops_ytd", "499.5"),
                    sheet("zhejiang", "2023-06", "trade.new_active_export_shops_ytd", "99999"));
            Verdict v = verdict(e, "jinhua", "T28.3");
            assertThat((BigDecimal) v.value()).isEqualByComparingTo("1500");
            assertThat(v.status()).isEqualTo(Status.ON_TRACK);
            assertThat(v.missingUnits()).containsExactly("wucheng", "jindong", "wuyi", "pujiang", "lanxi",
                    "dongyang", "yongkang", "kaifaqu");
            assertThat(verdict(e, "yiwu", "T28.3")).isNull();
        }

        @Test
        void cityTotalNobodyReportedHasNoData() {
            Evaluation e = evaluate("2023-06");
            Verdict v = verdict(e, "jinhua", "T09.1");
            assertThat(v.status()).isEqualTo(Status.NO_DATA);
            assertThat(v.missingUnits()).hasSize(11);
        }

        @Test
        void cityCommitmentsJudgeOnlyTheCity() {
            Evaluation e = evaluate("2023-06", sheet("yiwu", "2023-06", "finance.new_local_financial_licenses_ytd", "5"));
            assertThat(verdict(e, "yiwu", "T31.2")).isNull();
            assertThat(status(e, "jinhua", "T31.2")).isEqualTo(Status.NO_DATA);
            // T09.2 (一网通办率) covers the city's own cases too (scope ALL, contract v2)
            assertThat(status(e, "jinhua", "T09.2")).isEqualTo(Status.NO_DATA);
        }

        @Test
        void judgesEveryPairOnceForEachSupervisedUnit() {
            Evaluation e = evaluate("2023-06");
            // 58 for each local unit; the city's 58, T09.2 (ALL), S.3 and the five general works M1.P..M5.P
            assertThat(e.verdicts()).hasSize(10 * 58 + 65);
            assertThat(e.verdicts()).extracting(v -> v.unit().id() + v.commitment().id()).doesNotHaveDuplicates();
        }
    }
}
