package cn.jinhua.ducha.evaluation;

import static cn.jinhua.ducha.evaluation.Judge.alerts;
import static cn.jinhua.ducha.evaluation.Judge.evaluate;
import static cn.jinhua.ducha.evaluation.Judge.sheet;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.factsheet.SheetReader;
import org.junit.jupiter.api.Test;

/**
 * 提前预警 (issue 15): the projection at the last three months' pace, made in Java, and the rule in
 * rules/forecasts.drl that warns when it falls short of the target while the light is green or yellow.
 */
class ForecastsTests {

    private static final String RULE = "提前预警: 按近三个月进度预计期末达不到目标 (FORECAST: short of the target at the last "
            + "three months' pace, while green or yellow)";
    /** T05.1: 162 items by 2023-12 (window 2023), LOCAL, B = 0 without a base sheet. */
    private static final String ITEMS = "tongban.cross_province_items_optimized";

    private static List<String> forecasts(Evaluation e) {
        return e.forecasts().stream().map(f -> f.unit().id() + " " + f.commitment().id() + " " + f.verdict().status())
                .toList();
    }

    private static Forecast only(Evaluation e) {
        assertThat(e.forecasts()).hasSize(1);
        return e.forecasts().get(0);
    }

    @Test
    void carriesTheLastThreeMonthsPaceOnToTheWindowsEnd() {
        // 90 in June, 120 in September: 10 a month, 120 + 10 × 3 = 150 by December, 12 short of 162
        Evaluation e = evaluate("2023-09", sheet("yiwu", "2023-06", ITEMS, "90"), sheet("yiwu", "2023-09", ITEMS, "120"));

        Forecast f = only(e);
        Projection p = f.projection();
        assertThat(f.rule()).isEqualTo(RULE);
        assertThat(f.verdict().status()).isEqualTo(Status.AT_RISK);
        assertThat(p.from()).isEqualTo(YearMonth.of(2023, 6));
        assertThat(p.fromValue()).isEqualByComparingTo("90");
        assertThat(p.value()).isEqualByComparingTo("120");
        assertThat(p.end()).isEqualTo(YearMonth.of(2023, 12));
        assertThat(p.monthsUsed()).isEqualTo(3);
        assertThat(p.projected()).isEqualByComparingTo("150");
        assertThat(p.shortfall()).isEqualByComparingTo("12");
        assertThat(f.matched()).as("the rule matched the verdict and the projection")
                .hasAtLeastOneElementOfType(Verdict.class).hasAtLeastOneElementOfType(Projection.class);
        assertThat(p.readings()).singleElement().satisfies(r -> assertThat(r.period()).isEqualTo(YearMonth.of(2023, 6)));
        Explanations words = new Explanations(Judge.rulebook().catalogue());
        assertThat(words.message(f)).startsWith("【提前预警】义乌市 2023-09").contains("按近三个月进度", "预计年底",
                "达 150 项", "差 12 项", "滞后（黄灯）");
        assertThat(words.message(f, Locale.ENGLISH)).startsWith("[forecast] Yiwu 2023-09").contains(
                "at the pace of the last three months",
                "by the year end (inferred deadline 2023-12) it reaches 150 items",
                "short by 12 items", "at risk (yellow) now");
    }

    @Test
    void warnsWhileTheLightIsStillGreen() {
        // 125 in September is ahead of 序时进度 (121.5), but 100 in June: 125 + 25 = 150 by December
        Evaluation e = evaluate("2023-09", sheet("yiwu", "2023-06", ITEMS, "100"), sheet("yiwu", "2023-09", ITEMS, "125"));

        assertThat(Judge.status(e, "yiwu", "T05.1")).isEqualTo(Status.ON_TRACK);
        assertThat(forecasts(e)).containsExactly("yiwu T05.1 ON_TRACK");
        assertThat(alerts(e)).as("no alert of the contract's for a green pair").noneMatch(a -> a.startsWith("yiwu T05.1"));
    }

    @Test
    void saysNothingOnceTheLightIsRed() {
        Evaluation e = evaluate("2023-09", sheet("yiwu", "2023-06", ITEMS, "50"), sheet("yiwu", "2023-09", ITEMS, "60"));

        assertThat(Judge.status(e, "yiwu", "T05.1")).isEqualTo(Status.OFF_TRACK);
        assertThat(e.forecasts()).isEmpty();
        assertThat(alerts(e)).contains("yiwu T05.1 RED");
    }

    @Test
    void saysNothingWhenThePaceReachesTheTarget() {
        // 80 → 125: 15 a month, 170 by December; and exactly 162 (90 → 126: 12 a month) is enough
        assertThat(evaluate("2023-09", sheet("yiwu", "2023-06", ITEMS, "80"), sheet("yiwu", "2023-09", ITEMS, "125"))
                .forecasts()).isEmpty();
        assertThat(evaluate("2023-09", sheet("yiwu", "2023-06", ITEMS, "90"), sheet("yiwu", "2023-09", ITEMS, "126"))
                .forecasts()).isEmpty();
        assertThat(forecasts(evaluate("2023-09", sheet("yiwu", "2023-06", ITEMS, "91"),
                sheet("yiwu", "2023-09", ITEMS, "126")))).as("161 is short by one").containsExactly("yiwu T05.1 ON_TRACK");
    }

    @Test
    void saysNothingOnceTheTargetIsMetOrTheWindowHasEnded() {
        assertThat(evaluate("2023-09", sheet("yiwu", "2023-06", ITEMS, "162"), sheet("yiwu", "2023-09", ITEMS, "162"))
                .forecasts()).as("MET").isEmpty();
        assertThat(evaluate("2023-12", sheet("yiwu", "2023-09", ITEMS, "120"), sheet("yiwu", "2023-12", ITEMS, "130"))
                .forecasts()).as("the window's last month: MISSED, nothing left to forecast").isEmpty();
    }

    @Test
    void asksForAStrictTargetToBeExceeded() {
        // T31.1 must exceed 140 (CITY_TOTAL): 110 → 125 is 5 a month, exactly 140 by December, which is short
        String scale = "finance.gov_guarantee_scale_100m_cny";
        Evaluation e = evaluate("2023-09", sheet("jinhua", "2023-06", scale, "110"), sheet("jinhua", "2023-09", scale, "125"));

        Forecast f = e.forecasts().stream().filter(x -> x.commitment().id().equals("T31.1")).findFirst().orElseThrow();
        assertThat(f.projection().projected()).isEqualByComparingTo("140");
        assertThat(f.projection().shortfall()).isEqualByComparingTo("0");
        assertThat(f.verdict().status()).isEqualTo(Status.ON_TRACK);
    }

    @Test
    void sumsTheUnitsForACityTotalAsTheVerdictDoes() {
        // T28.3, 3,000 new export shops a year: June 600 + 400, September 1,000 + 700 = 1,700; 233.33 a month
        String shops = "trade.new_active_export_shops_ytd";
        Evaluation e = evaluate("2023-09", sheet("yiwu", "2023-06", shops, "600"), sheet("jindong", "2023-06", shops, "400"),
                sheet("yiwu", "2023-09", shops, "1000"), sheet("jindong", "2023-09", shops, "700"));

        Forecast f = e.forecasts().stream().filter(x -> x.commitment().id().equals("T28.3")).findFirst().orElseThrow();
        assertThat(f.unit().id()).isEqualTo("jinhua");
        assertThat(f.projection().fromValue()).isEqualByComparingTo("1000");
        assertThat(f.projection().projected()).as("1700 + 700 exactly").isEqualByComparingTo("2400");
        assertThat(f.projection().readings()).hasSize(2);
    }

    @Test
    void measuresTheFirstThreeMonthsFromTheBaseline() {
        // March 2023: three months back is the base period 2022-12, whose value is B (here the unit's own, 12)
        Evaluation e = evaluate("2023-03", sheet("yiwu", "2022-12", ITEMS, "12"), sheet("yiwu", "2023-03", ITEMS, "42"));

        Forecast f = only(e);
        assertThat(f.projection().from()).isEqualTo(YearMonth.of(2022, 12));
        assertThat(f.projection().fromValue()).isEqualByComparingTo("12");
        assertThat(f.projection().projected()).as("42 + 10 × 9").isEqualByComparingTo("132");
        assertThat(f.projection().readings()).as("B is the verdict's own baseline").isEmpty();
    }

    @Test
    void needsThreeMonthsOfHistory() {
        assertThat(evaluate("2023-02", sheet("yiwu", "2022-12", ITEMS, "0"), sheet("yiwu", "2023-02", ITEMS, "2"))
                .forecasts()).as("February: the window is two months old").isEmpty();
        assertThat(evaluate("2023-09", sheet("yiwu", "2023-07", ITEMS, "110"), sheet("yiwu", "2023-08", ITEMS, "115"),
                sheet("yiwu", "2023-09", ITEMS, "120"))).as("no value three months back: no guess")
                .satisfies(e -> assertThat(e.forecasts()).isEmpty());
    }

    @Test
    void warnsOfNoOtherKind() {
        // a falling level to keep (AT_LEAST), an open milestone and a benchmark fall behind month after month
        Evaluation e = evaluate("2023-09",
                sheet("yiwu", "2023-06", "digital.one_network_rate_pct", "99", "investment.one_stop_center_integrated",
                        false, "trade.import_export_growth_pct", "20"),
                sheet("yiwu", "2023-09", "digital.one_network_rate_pct", "91", "investment.one_stop_center_integrated",
                        false, "trade.import_export_growth_pct", "2"));

        assertThat(e.forecasts()).isEmpty();
        SheetReader reader = new SheetReader(Judge.rulebook().catalogue());
        Evaluation samples = new Evaluator(Judge.rulebook()).evaluate(reader.readFolder(Path.of("samples")),
                YearMonth.of(2023, 9));
        assertThat(samples.forecasts()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.commitment().kind().isPaced()).isTrue())
                .allSatisfy(f -> assertThat(f.verdict().status()).isIn(Status.ON_TRACK, Status.AT_RISK));
    }

    @Test
    void leavesAWaivedPairAlone() {
        SheetBatch batch = new SheetBatch(List.of(sheet("yiwu", "2023-06", ITEMS, "90"), sheet("yiwu", "2023-09", ITEMS,
                "120")), List.of());
        Evaluation e = new Evaluator(Judge.rulebook()).evaluate(batch, YearMonth.of(2023, 9),
                List.of(new Waiver("yiwu", "T05.1", "省级系统对接延期")));

        assertThat(e.forecasts()).isEmpty();
    }

    @Test
    void leavesTheContractsVerdictsAndAlertsAsTheyWere() {
        // the same sheets with and without the month the forecast reads: verdicts and alerts identical
        Evaluation without = evaluate("2023-09", sheet("yiwu", "2023-08", ITEMS, "100"), sheet("yiwu", "2023-09", ITEMS, "120"));
        Evaluation with = evaluate("2023-09", sheet("yiwu", "2023-06", ITEMS, "90"), sheet("yiwu", "2023-08", ITEMS, "100"),
                sheet("yiwu", "2023-09", ITEMS, "120"));

        assertThat(with.forecasts()).hasSize(1);
        assertThat(without.forecasts()).isEmpty();
        assertThat(with.verdicts()).extracting(v -> v.unit().id() + v.commitment().id() + v.status() + v.value())
                .containsExactlyElementsOf(without.verdicts().stream()
                        .map(v -> v.unit().id() + v.commitment().id() + v.status() + v.value()).toList());
        assertThat(alerts(with)).containsExactlyElementsOf(alerts(without));
    }

    @Test
    void projectsExactly() {
        // T21.1, 100% by 2023-12: 80 → 90 over three months, two left: 90 + 10 × 2 / 3 = 96.666…, kept exact
        String pct = "supervision.double_random_coverage_pct";
        Evaluation e = evaluate("2023-10", sheet("yiwu", "2023-07", pct, "80"), sheet("yiwu", "2023-10", pct, "90"));
        Projection p = only(e).projection();
        assertThat(p.projected()).isEqualByComparingTo(new BigDecimal("96.6666666667"));
        assertThat(p.pace().toDecimal()).isEqualByComparingTo("3.3333333333");
    }
}
