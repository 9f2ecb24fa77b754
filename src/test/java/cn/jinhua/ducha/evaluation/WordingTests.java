package cn.jinhua.ducha.evaluation;

import static cn.jinhua.ducha.evaluation.Judge.evaluate;
import static cn.jinhua.ducha.evaluation.Judge.sheet;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Kind;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.catalogue.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of explanation, alert message and forecast reads in Chinese and in English from the same message keys:
 * a key missing in either language fails (the bundle throws), and the English carries no Chinese.
 */
class WordingTests {

    /** Han characters, CJK punctuation (、。「」【】) and full-width forms (，：；（）). */
    private static final Pattern CHINESE = Pattern.compile("[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF]");

    private static final YearMonth SEPTEMBER = YearMonth.of(2023, 9);

    private static Catalogue catalogue() {
        return Judge.rulebook().catalogue();
    }

    private static Explanations explanations() {
        return new Explanations(catalogue());
    }

    private static Unit unit(String id) {
        return catalogue().unit(id).orElseThrow();
    }

    private static Commitment commitment(String id) {
        return catalogue().commitment(id).orElseThrow();
    }

    /** The commitment as the catalogue has it, but to be exceeded (超过), as a strict REACH_BY would be. */
    private static Commitment strict(Commitment c) {
        return new Commitment(c.id(), c.task(), c.area(), c.title(), c.label(), c.metric(), c.kind(), c.scope(),
                c.target(), c.margin(), true, c.baseline(), c.measure(), c.window(), c.windowBasis(), c.source(),
                c.lead(), c.limits(), c.order());
    }

    private static Verdict verdict(String unit, Commitment c, Status status, Object value, String expected,
                                   List<String> missingUnits, String benchmark, boolean noBenchmark,
                                   Baseline baseline) {
        return verdict(SEPTEMBER, unit, c, status, value, expected, missingUnits, benchmark, noBenchmark, baseline);
    }

    private static Verdict verdict(YearMonth period, String unit, Commitment c, Status status, Object value,
                                   String expected, List<String> missingUnits, String benchmark, boolean noBenchmark,
                                   Baseline baseline) {
        Window.Span span = c.spanFor(period).orElse(null);
        BigDecimal target = benchmark == null ? c.target() : new BigDecimal(benchmark).add(c.margin());
        return new Verdict(unit(unit), c, period, status, value, target,
                expected == null ? null : new BigDecimal(expected), missingUnits,
                benchmark == null ? null : new BigDecimal(benchmark), noBenchmark, span, baseline, "rule", List.of());
    }

    private static Verdict judged(String unit, String commitment, Status status, Object value) {
        return verdict(unit, commitment(commitment), status, value, null, null, null, false, null);
    }

    private static Verdict paced(Commitment c, Status status, String value, String expected, Baseline baseline) {
        return verdict(c.scope().name().startsWith("CITY") ? "jinhua" : "yiwu", c, status, new BigDecimal(value),
                expected, null, null, false, baseline);
    }

    private static Baseline own(String value) {
        return new Baseline(new BigDecimal(value), Baseline.Origin.OWN_BASE_SHEET, YearMonth.of(2022, 12), null,
                List.of());
    }

    /** One verdict of every kind in every status it can have, with every source of a baseline. */
    static Stream<Arguments> verdicts() {
        Commitment reach = commitment("T05.1");
        Commitment users = commitment("T09.1");
        Commitment annual = commitment("T28.3");
        List<Verdict> all = new ArrayList<>(List.of(
                judged("yiwu", "T09.2", Status.MET, new BigDecimal("93.5")),
                judged("yiwu", "T09.2", Status.MISSED, new BigDecimal("88")),
                judged("yiwu", "T01.1", Status.MET, new BigDecimal("70")),
                judged("yiwu", "T01.1", Status.MISSED, new BigDecimal("90")),
                paced(reach, Status.MET, "170", null, own("8")),
                paced(strict(reach), Status.MET, "170", null, own("8")),
                paced(reach, Status.MISSED, "100", null, Baseline.catalogue(BigDecimal.ZERO, YearMonth.of(2022, 12),
                        null)),
                paced(strict(reach), Status.MISSED, "100", null, own("8")),
                paced(reach, Status.ON_TRACK, "134", "123.5", own("8")),
                paced(reach, Status.AT_RISK, "110", "121.5", Baseline.catalogue(BigDecimal.ZERO,
                        YearMonth.of(2022, 12), new BigDecimal("170"))),
                paced(reach, Status.OFF_TRACK, "66", "121.5", own("0")),
                paced(users, Status.ON_TRACK, "5853750", "5793125", new Baseline(new BigDecimal("5472500"),
                        Baseline.Origin.UNITS_SUM, YearMonth.of(2022, 12), null, List.of("yiwu", "jinhua"))),
                paced(annual, Status.MET, "300", null, null),
                paced(annual, Status.AT_RISK, "150", "187.5", null),
                verdict("jinhua", annual, Status.ON_TRACK, new BigDecimal("200"), "187.5", List.of("kaifaqu"), null,
                        false, null),
                judged("jinhua", "G.1", Status.MET, Boolean.TRUE),
                judged("jinhua", "G.1", Status.AT_RISK, Boolean.FALSE),
                judged("jinhua", "G.2", Status.ON_TRACK, Boolean.FALSE),
                verdict(YearMonth.of(2024, 1), "jinhua", commitment("G.1"), Status.MISSED, Boolean.FALSE, null,
                        null, null, false, null),
                verdict("yiwu", commitment("T28.1"), Status.MET, new BigDecimal("9.1"), null, null, "4.1", false,
                        null),
                verdict("yiwu", commitment("T28.1"), Status.AT_RISK, new BigDecimal("6.3"), null, null, "4.1",
                        false, null),
                verdict("yiwu", commitment("T28.1"), Status.NO_DATA, null, null, null, null, true, null),
                judged("yiwu", "T28.1", Status.NO_DATA, null),
                judged("yiwu", "T05.P", Status.MET, "DONE"),
                judged("yiwu", "T05.P", Status.ON_TRACK, "IN_PROGRESS"),
                judged("yiwu", "T05.P", Status.AT_RISK, "NOT_STARTED"),
                judged("yiwu", "T05.P", Status.OFF_TRACK, "BLOCKED"),
                judged("yiwu", "T05.P", Status.NO_DATA, null),
                judged("jinhua", "M1.P", Status.ON_TRACK, "IN_PROGRESS"),
                judged("jinhua", "M1.P", Status.NO_DATA, null),
                judged("yiwu", "T09.2", Status.NO_DATA, null),
                verdict("jinhua", annual, Status.NO_DATA, null, null, List.of("yiwu", "jinhua"), null, false, null),
                Verdict.notApplicable(unit("wucheng"), commitment("T28.1"), SEPTEMBER, "rule", List.of())));
        assertThat(all.stream().map(v -> v.commitment().kind()).distinct()).as("every kind")
                .containsExactlyInAnyOrder(Kind.values());
        assertThat(all.stream().map(Verdict::status).distinct()).as("every status")
                .containsExactlyInAnyOrder(Status.values());
        return all.stream().map(v -> Arguments.of(v.unit().id() + " " + v.commitment().id() + " " + v.status(), v));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void explainsEveryKindAndStatusInBothLanguages(String name, Verdict v) {
        String chinese = explanations().explain(v);
        String english = explanations().explain(v, Locale.ENGLISH);

        assertThat(chinese).startsWith(v.unit().name() + " " + v.period() + " ")
                .matches(s -> CHINESE.matcher(s).find(), "Chinese");
        assertThat(english).doesNotMatch(".*" + CHINESE.pattern() + ".*").doesNotContain("{", "}", "null")
                .isNotEqualTo(chinese);
        assertThat(explanations().explain(v, Locale.SIMPLIFIED_CHINESE)).isEqualTo(chinese);
        if (v.status() != Status.NOT_APPLICABLE) {
            assertThat(english).endsWith(")");
        }
    }

    @Test
    void explainsInTheWordsOfThePlanAndTheirTranslation() {
        Verdict behind = paced(commitment("T05.1"), Status.OFF_TRACK, "66", "121.5", own("0"));

        assertThat(explanations().explain(behind)).isEqualTo("义乌市 2023-09 跨省通办事项优化 66 项，低于序时进度应达 121.5 项"
                + "（162 项 × 9/12，推定时限 2023-12），差 55.5 项；基期值 0 项，取自本单位 2022-12 报表，严重滞后（红灯）");
        assertThat(explanations().explain(behind, Locale.ENGLISH)).isEqualTo("Yiwu 2023-09: cross-province services "
                + "optimised 66 items, below the time-elapsed expectation 121.5 items (162 items × 9/12, inferred "
                + "deadline 2023-12), short by 55.5 items; baseline 0 items, from the unit's own 2022-12 sheet, off "
                + "track (red)");
    }

    @Test
    void countsHundredsOfMillionsOfYuanInBillionsInEnglishExactly() {
        Verdict guarantees = judged("jinhua", "T31.1", Status.MISSED, new BigDecimal("127.6"));

        assertThat(explanations().explain(guarantees)).contains("127.6 亿元", "140 亿元");
        assertThat(explanations().explain(guarantees, Locale.ENGLISH)).contains("12.76 billion yuan", "14 billion yuan")
                .doesNotContain("127.6", "hundred million");
    }

    @Test
    void writesEveryAlertLevelAndEveryForecastInBothLanguages() {
        String items = "tongban.cross_province_items_optimized";
        // yiwu: items 90 in June, 120 in September (yellow, and a forecast); village items behind in August and
        // September (escalated red); one-network rate below 90% (red); pujiang sends a sheet without most of its
        // values (DATA, missing); the others send nothing (DATA, no sheet)
        Evaluation e = evaluate("2023-09", sheet("yiwu", "2023-06", items, "90"),
                sheet("yiwu", "2023-08", "village.high_frequency_items", "20"),
                sheet("yiwu", "2023-09", items, "120", "village.high_frequency_items", "50",
                        "digital.one_network_rate_pct", "80"),
                sheet("pujiang", "2023-09", items, "150"));
        List<String> kinds = e.alerts().stream().map(a -> a.level() + (a.escalated() ? "+" : "")
                + (a.level() == AlertLevel.DATA ? (a.missing().isEmpty() ? " no sheet" : " missing") : "")).distinct()
                .toList();
        assertThat(kinds).as("every level of alert").contains("RED", "RED+", "YELLOW", "DATA no sheet",
                "DATA missing");
        assertThat(e.forecasts()).isNotEmpty();

        for (Alert a : e.alerts()) {
            String chinese = explanations().message(a);
            String english = explanations().message(a, Locale.ENGLISH);
            assertThat(chinese).startsWith("【").contains(a.unit().name());
            assertThat(english).startsWith("[").doesNotMatch(".*" + CHINESE.pattern() + ".*")
                    .doesNotContain("{", "}");
        }
        for (Forecast f : e.forecasts()) {
            assertThat(explanations().message(f)).startsWith("【提前预警】");
            assertThat(explanations().message(f, Locale.ENGLISH)).startsWith("[forecast] ")
                    .doesNotMatch(".*" + CHINESE.pattern() + ".*").doesNotContain("{", "}");
        }
    }

    @Test
    void namesEverythingTheShippedCatalogueNamesInEnglish() {
        Wording english = Wording.ENGLISH;
        Stream.of(cn.jinhua.ducha.catalogue.Scope.values()).forEach(s -> assertThat(english.englishName(
                "scope." + s.name())).as("scope %s", s).isNotBlank());
        Stream.of(Status.values()).forEach(s -> assertThat(english.englishName("status." + s.name()))
                .as("status %s", s).isNotBlank());
        Stream.of(Light.values()).forEach(l -> assertThat(english.englishName("light." + l.name()))
                .as("light %s", l).isNotBlank());
        Stream.of(cn.jinhua.ducha.factsheet.ProgressStatus.values()).forEach(p -> assertThat(english.englishName(
                "progress." + p.name())).as("progress %s", p).isNotBlank());
        for (Unit u : catalogue().units()) {
            assertThat(english.englishName("unit." + u.id())).as("unit %s", u.id()).isNotBlank();
        }
        for (Commitment c : catalogue().commitments()) {
            if (!c.isProgress()) {
                assertThat(english.englishName("commitment." + c.id())).as("commitment %s", c.id()).isNotBlank();
            } else if (c.isGeneralWork()) {
                assertThat(english.englishName("work." + c.progressCode())).as("work %s", c.id()).isNotBlank();
            } else {
                assertThat(english.englishName("task." + c.taskNumber())).as("task of %s", c.id()).isNotBlank();
            }
            assertThat(english.englishName("lead." + c.lead())).as("lead of %s: %s", c.id(), c.lead()).isNotBlank();
            if (c.measure() != null) {
                assertThat(english.englishName("measure." + c.measure())).as("measure %s", c.measure()).isNotNull();
            }
        }
    }
}
