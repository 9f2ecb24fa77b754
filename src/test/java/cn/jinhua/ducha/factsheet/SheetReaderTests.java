package cn.jinhua.ducha.factsheet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.BIG_DECIMAL;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import cn.jinhua.ducha.catalogue.Catalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fact sheet is accepted whole or rejected whole (contract.md, "A fact sheet"); every reason names the field and
 * says what is wrong in Chinese and in English.
 */
class SheetReaderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SOURCE = "samples/yiwu-2023-09.json";

    private static SheetReader reader;

    @BeforeAll
    static void loadCatalogue() {
        // The reader needs only the catalogue; compiling the DRL as well would add seconds and prove nothing here.
        reader = new SheetReader(Catalogue.load(Path.of("rules")));
    }

    /** The contract's own example sheet, valid as it stands; each rejection case spoils one thing in it. */
    static ObjectNode validSheet() {
        ObjectNode sheet = JSON.createObjectNode();
        sheet.put("unit", "yiwu");
        sheet.put("period", "2023-09");
        sheet.put("submittedBy", "义乌市营商环境办");
        ObjectNode facts = sheet.putObject("facts");
        facts.put("digital.one_network_rate_pct", new BigDecimal("93.5"));
        facts.put("investment.enterprise_project_approval_days", 76);
        facts.put("tax.online_mobile_coverage_pct", 100);
        facts.put("village.high_frequency_items", 88);
        facts.put("investment.one_stop_center_integrated", true);
        facts.put("trade.import_export_growth_pct", new BigDecimal("9.1"));
        sheet.putObject("progress").putObject("T08")
                .put("status", "IN_PROGRESS")
                .put("note", "权责清单动态调整已完成第一轮");
        return sheet;
    }

    private static ObjectNode facts(ObjectNode sheet) {
        return (ObjectNode) sheet.get("facts");
    }

    private static ObjectNode progress(ObjectNode sheet) {
        return (ObjectNode) sheet.get("progress");
    }

    private static ObjectNode t08(ObjectNode sheet) {
        return (ObjectNode) progress(sheet).get("T08");
    }

    private static SheetReader.Result read(ObjectNode sheet) {
        return reader.read(SOURCE, JSON.writeValueAsBytes(sheet));
    }

    private static SheetReader.Result read(String text) {
        return reader.read(SOURCE, text.getBytes(UTF_8));
    }

    /** The sheet is refused whole: nothing of it is accepted, and the rejection names where it came from. */
    private static List<String> rejectedErrors(SheetReader.Result result) {
        assertThat(result.sheet()).as("a rejected sheet keeps nothing").isEmpty();
        assertThat(result.rejection()).isPresent();
        Rejection rejection = result.rejection().orElseThrow();
        assertThat(rejection.source()).isEqualTo(SOURCE);
        assertThat(rejection.errors()).isNotEmpty().allSatisfy(SheetReaderTests::assertBilingual);
        return rejection.errors();
    }

    private static void assertBilingual(String error) {
        assertThat(error)
                .as("says the reason in Chinese: %s", error).containsPattern("\\p{IsHan}")
                .as("and in English: %s", error).containsPattern("\\b[a-z]{2,} [a-z]{2,}\\b");
    }

    static Stream<Arguments> badSheets() {
        return Stream.of(
                argumentSet("A sheet from a unit nobody knows is rejected",
                        change(s -> s.put("unit", "jinyi")), "unit", "未知单位", "unknown unit"),
                argumentSet("A sheet without a unit is rejected",
                        change(s -> s.remove("unit")), "unit", "缺失", "missing"),
                argumentSet("A month numbered 13 is a malformed period",
                        change(s -> s.put("period", "2023-13")), "period", "不是 YYYY-MM 格式的月份",
                        "is not a month written YYYY-MM"),
                argumentSet("A period written with a slash is malformed",
                        change(s -> s.put("period", "2023/09")), "period", "不是 YYYY-MM 格式的月份",
                        "is not a month written YYYY-MM"),
                argumentSet("A period written as the number 202309 is malformed",
                        change(s -> s.put("period", 202309)), "period", "不是 YYYY-MM 格式的月份",
                        "is not a month written YYYY-MM"),
                argumentSet("A period without the month's leading zero is malformed",
                        change(s -> s.put("period", "2023-9")), "period", "不是 YYYY-MM 格式的月份",
                        "is not a month written YYYY-MM"),
                argumentSet("A period that is a day, not a month, is malformed",
                        change(s -> s.put("period", "2023-09-30")), "period", "不是 YYYY-MM 格式的月份",
                        "is not a month written YYYY-MM"),
                argumentSet("A sheet without a period is rejected",
                        change(s -> s.remove("period")), "period", "缺失", "missing"),
                argumentSet("A misspelt \"fatcs\" is an unknown field, not a sheet without facts",
                        change(s -> s.set("fatcs", s.remove("facts"))), "fatcs", "未知字段", "unknown field"),
                argumentSet("An extra top-level field is an unknown field",
                        change(s -> s.put("remarks", "无")), "remarks", "未知字段", "unknown field"),
                argumentSet("An unknown field inside a progress entry is rejected",
                        change(s -> t08(s).put("notes", "笔误")), "progress.T08.notes", "未知字段", "unknown field"),
                argumentSet("A metric key the catalogue does not have is rejected",
                        change(s -> facts(s).put("digital.one_network_rate", 93)), "facts.digital.one_network_rate",
                        "未知指标", "unknown metric"),
                argumentSet("A progress key under facts is an unknown metric there",
                        change(s -> facts(s).put("progress.T05", 1)), "facts.progress.T05", "未知指标",
                        "unknown metric"),
                argumentSet("Task T39 does not exist in the plan",
                        change(s -> progress(s).putObject("T39").put("status", "DONE")), "progress.T39", "未知任务",
                        "unknown task"),
                argumentSet("Task T00 does not exist in the plan",
                        change(s -> progress(s).putObject("T00").put("status", "DONE")), "progress.T00", "未知任务",
                        "unknown task"),
                argumentSet("A task written T1 instead of T01 is unknown",
                        change(s -> progress(s).putObject("T1").put("status", "DONE")), "progress.T1", "未知任务",
                        "unknown task"),
                argumentSet("A task written X01 is unknown",
                        change(s -> progress(s).putObject("X01").put("status", "DONE")), "progress.X01", "未知任务",
                        "unknown task"),
                argumentSet("General work M6 does not exist in the plan (M1..M5 do)",
                        change(s -> progress(s).putObject("M6").put("status", "DONE")), "progress.M6", "未知任务",
                        "unknown task (T01..T38, M1..M5)"),
                argumentSet("A general work written M01 is unknown",
                        change(s -> progress(s).putObject("M01").put("status", "DONE")), "progress.M01", "未知任务",
                        "unknown task"),
                argumentSet("A boolean for a number metric is the wrong type",
                        change(s -> facts(s).put("digital.one_network_rate_pct", true)),
                        "facts.digital.one_network_rate_pct", "须为数值", "must be a number"),
                argumentSet("A number written as a string is the wrong type",
                        change(s -> facts(s).put("digital.one_network_rate_pct", "93.5")),
                        "facts.digital.one_network_rate_pct", "须为数值", "must be a number"),
                argumentSet("A null metric value is the wrong type",
                        change(s -> facts(s).putNull("village.high_frequency_items")),
                        "facts.village.high_frequency_items", "须为数值", "must be a number"),
                argumentSet("A number for a milestone is the wrong type",
                        change(s -> facts(s).put("investment.one_stop_center_integrated", 1)),
                        "facts.investment.one_stop_center_integrated", "须为布尔值", "must be a boolean"),
                argumentSet("A string \"true\" for a milestone is the wrong type",
                        change(s -> facts(s).put("investment.one_stop_center_integrated", "true")),
                        "facts.investment.one_stop_center_integrated", "须为布尔值", "must be a boolean"),
                argumentSet("A progress status outside the enum is rejected",
                        change(s -> t08(s).put("status", "FINISHED")), "progress.T08.status", "不是",
                        "is not one of"),
                argumentSet("A progress status in lower case is not one of the enum's names",
                        change(s -> t08(s).put("status", "done")), "progress.T08.status", "不是", "is not one of"),
                argumentSet("A progress entry without a status is rejected",
                        change(s -> t08(s).remove("status")), "progress.T08.status", "缺失", "missing"),
                argumentSet("A progress entry that is a bare status string is the wrong type",
                        change(s -> progress(s).put("T08", "DONE")), "progress.T08", "须为对象", "must be an object"),
                argumentSet("A progress note that is a number is the wrong type",
                        change(s -> t08(s).put("note", 5)), "progress.T08.note", "须为字符串", "must be a string"),
                argumentSet("Facts given as a list are the wrong type",
                        change(s -> s.putArray("facts")), "facts", "须为对象", "must be an object"),
                argumentSet("A percent above 100 is out of range",
                        change(s -> facts(s).put("digital.one_network_rate_pct", new BigDecimal("100.1"))),
                        "facts.digital.one_network_rate_pct", "超过 100", "above 100"),
                argumentSet("A negative percent that is not a growth rate is out of range",
                        change(s -> facts(s).put("tax.online_mobile_coverage_pct", new BigDecimal("-0.5"))),
                        "facts.tax.online_mobile_coverage_pct", "小于 0", "below 0"),
                argumentSet("A negative count is out of range",
                        change(s -> facts(s).put("village.high_frequency_items", -3)),
                        "facts.village.high_frequency_items", "小于 0", "below 0"),
                argumentSet("A negative number of days is out of range",
                        change(s -> facts(s).put("investment.enterprise_project_approval_days", -1)),
                        "facts.investment.enterprise_project_approval_days", "小于 0", "below 0"));
    }

    /** Names the lambda's type for the argument table. */
    private static Consumer<ObjectNode> change(Consumer<ObjectNode> spoil) {
        return spoil;
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("badSheets")
    void rejectsTheWholeSheetNamingTheFieldAndTheReason(Consumer<ObjectNode> spoil, String field, String chinese,
                                                        String english) {
        ObjectNode sheet = validSheet();
        spoil.accept(sheet);

        List<String> errors = rejectedErrors(read(sheet));

        assertThat(errors).as("the only thing wrong is %s", field).hasSize(1);
        assertThat(errors.get(0))
                .startsWith(field + ":")
                .contains(chinese)
                .containsIgnoringCase(english);
    }

    @ParameterizedTest(name = "a sheet for {0} is refused: not a month a sheet can report")
    @ValueSource(strings = {"1899-01", "2022-11", "2023-11", "9999-12"})
    void refusesAPeriodBeforeTheFirstBasePeriodOrAfterNextMonth(String period) {
        // the current month, by the reader's clock, is 2023-09: sheets may report 2022-12 .. 2023-10
        SheetReader september = new SheetReader(Catalogue.load(Path.of("rules")),
                Clock.fixed(Instant.parse("2023-09-15T08:00:00Z"), ZoneOffset.UTC));
        ObjectNode sheet = validSheet();
        sheet.put("period", period);
        SheetReader.Result result = september.read(SOURCE, JSON.writeValueAsBytes(sheet));
        assertThat(rejectedErrors(result)).singleElement().satisfies(e -> assertThat(e)
                .startsWith("period: ").contains(period).contains("2022-12").contains("2023-10"));
    }

    @ParameterizedTest(name = "a sheet for {0} is read")
    @ValueSource(strings = {"2022-12", "2023-09", "2023-10"})
    void readsTheBasePeriodUpToNextMonth(String period) {
        SheetReader september = new SheetReader(Catalogue.load(Path.of("rules")),
                Clock.fixed(Instant.parse("2023-09-15T08:00:00Z"), ZoneOffset.UTC));
        ObjectNode sheet = validSheet();
        sheet.put("period", period);
        assertThat(september.read(SOURCE, JSON.writeValueAsBytes(sheet)).rejection()).isEmpty();
    }

    @ParameterizedTest(name = "a note {0} is refused as formula-like")
    @ValueSource(strings = {"=1+1", "+1", "@SUM(A1)", "-1+cmd|' /C calc'!A0", "\t=cmd|x!A0", "  =1", "\r=1",
            "＝１＋１", "＋cmd", "－1+1", "＠SUM(A1)"})
    void refusesANoteASpreadsheetWouldTakeForAFormula(String note) {
        ObjectNode sheet = validSheet();
        t08(sheet).put("note", note);
        assertThat(rejectedErrors(read(sheet))).singleElement().satisfies(e -> assertThat(e)
                .startsWith("progress.T08.note: ").contains("像公式").contains("like a formula"));
    }

    @ParameterizedTest(name = "text with U+{0} is refused")
    @ValueSource(strings = {"202E", "2066", "200F", "0007", "001B"})
    void refusesControlAndBidirectionalCharactersInText(String code) {
        ObjectNode sheet = validSheet();
        sheet.put("submittedBy", "义乌市" + (char) Integer.parseInt(code, 16) + "营商环境办");
        assertThat(rejectedErrors(read(sheet))).singleElement().satisfies(e -> assertThat(e)
                .startsWith("submittedBy: ").contains("U+" + code));
    }

    @Test
    void keepsANoteWithLineBreaksAndADashInside() {
        ObjectNode sheet = validSheet();
        t08(sheet).put("note", "第一轮已完成\n第二轮 - 进行中");
        assertThat(read(sheet).rejection()).isEmpty();
    }

    @ParameterizedTest(name = "{0} is refused with a short message naming the field")
    @ValueSource(strings = {"1e400", "1e100000000", "1e2147483647", "1234567890123456", "1e-30",
            "1e-2147483647"})
    void refusesANumberNoSheetCanMean(String number) {
        String text = JSON.writeValueAsString(validSheet())
                .replace("\"village.high_frequency_items\":88", "\"village.high_frequency_items\":" + number);
        assertThat(text).contains(number);
        List<String> errors = rejectedErrors(read(text));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e).startsWith("facts.village.high_frequency_items: ");
            assertThat(e.length()).as("the message, not the number written out").isLessThan(200);
        });
    }

    @ParameterizedTest(name = "{0} is within bounds")
    @ValueSource(strings = {"123456789012345", "0.00000000000000000001", "0e400", "5.5E+6", "-99.5"})
    void acceptsTheLargestAndSmallestNumbersASheetMayMean(String number) {
        // a growth rate: the one measure with no maximum beyond the digits a number may have
        String text = JSON.writeValueAsString(validSheet())
                .replace("\"trade.import_export_growth_pct\":9.1", "\"trade.import_export_growth_pct\":" + number);
        SheetReader.Result result = read(text);
        assertThat(result.rejection()).isEmpty();
        assertThat(result.sheet().orElseThrow().facts().get("trade.import_export_growth_pct"))
                .asInstanceOf(BIG_DECIMAL).isEqualByComparingTo(new BigDecimal(number));
    }

    @Test
    void refusesACountAboveItsMeasuresMaximum() {
        String text = JSON.writeValueAsString(validSheet())
                .replace("\"village.high_frequency_items\":88", "\"village.high_frequency_items\":100001");
        assertThat(rejectedErrors(read(text))).containsExactly("facts.village.high_frequency_items: 100001 超过上限 "
                + "100000 项，请核对 / 100001 is above 100000 项, the most a sheet may report: check it");
    }

    @ParameterizedTest(name = "{0} items is a count within its maximum")
    @ValueSource(strings = {"100000", "63.5", "6.3E+1", "0"})
    void acceptsACountUpToItsMaximumWholeOrNot(String number) {
        String text = JSON.writeValueAsString(validSheet())
                .replace("\"village.high_frequency_items\":88", "\"village.high_frequency_items\":" + number);
        assertThat(read(text).rejection()).isEmpty();
    }

    @Test
    void refusesDaysAboveTenYearsButTakesHalfDays() {
        ObjectNode sheet = validSheet();
        facts(sheet).put("investment.enterprise_project_approval_days", new BigDecimal("3650.5"));
        assertThat(rejectedErrors(read(JSON.writeValueAsString(sheet)))).containsExactly(
                "facts.investment.enterprise_project_approval_days: 3650.5 超过上限 3650 天，请核对 / "
                        + "3650.5 is above 3650 天, the most a sheet may report: check it");
        facts(sheet).put("investment.enterprise_project_approval_days", new BigDecimal("75.5"));
        assertThat(read(JSON.writeValueAsString(sheet)).rejection()).isEmpty();
    }

    @Test
    void quotesTheOffendingValueInTheMessage() {
        ObjectNode sheet = validSheet();
        sheet.put("unit", "jinyi");
        sheet.put("period", "2023-13");
        facts(sheet).put("village.high_frequency_items", -3);

        assertThat(rejectedErrors(read(sheet)))
                .anySatisfy(e -> assertThat(e).startsWith("unit:").contains("jinyi"))
                .anySatisfy(e -> assertThat(e).startsWith("period:").contains("2023-13"))
                .anySatisfy(e -> assertThat(e).startsWith("facts.village.high_frequency_items:")
                        .contains("-3 is below 0"));
    }

    static Stream<Arguments> duplicateKeys() {
        return Stream.of(
                argumentSet("A sheet that names its unit twice is rejected", "unit", """
                        {"unit": "yiwu", "unit": "lanxi", "period": "2023-09"}
                        """),
                argumentSet("A sheet that reports one metric twice is rejected", "digital.one_network_rate_pct", """
                        {"unit": "yiwu", "period": "2023-09",
                         "facts": {"digital.one_network_rate_pct": 93.5, "digital.one_network_rate_pct": 85}}
                        """),
                argumentSet("A sheet that reports one task's progress twice is rejected", "T08", """
                        {"unit": "yiwu", "period": "2023-09",
                         "progress": {"T08": {"status": "DONE"}, "T08": {"status": "BLOCKED"}}}
                        """),
                argumentSet("A progress entry with two statuses is rejected", "status", """
                        {"unit": "yiwu", "period": "2023-09",
                         "progress": {"T08": {"status": "DONE", "status": "BLOCKED"}}}
                        """));
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("duplicateKeys")
    void rejectsADuplicateJsonKeyNamingTheKey(String key, String text) {
        List<String> errors = rejectedErrors(read(text));

        assertThat(errors).singleElement().satisfies(e -> assertThat(e)
                .as("names the repeated field like every other error: %s", e).contains(key + ": ")
                .as("says in Chinese that the key is repeated: %s", e).contains("重复")
                .as("says in English that the key is a duplicate: %s", e).containsIgnoringCase("duplicate"));
    }

    static Stream<Arguments> notJson() {
        return Stream.of(
                argumentSet("Plain text is not JSON", "unit: yiwu\nperiod: 2023-09\n"),
                argumentSet("A truncated object is not JSON", "{\"unit\": \"yiwu\", \"period\": "),
                argumentSet("Single-quoted strings are not JSON", "{'unit': 'yiwu', 'period': '2023-09'}"),
                argumentSet("A comment is not JSON", "{\"unit\": \"yiwu\", // 义乌\n \"period\": \"2023-09\"}"),
                argumentSet("A second object after the first is not one JSON value",
                        "{\"unit\": \"yiwu\", \"period\": \"2023-09\"} {\"unit\": \"lanxi\"}"),
                argumentSet("An empty file is not a sheet", ""));
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("notJson")
    void rejectsWhatIsNotJson(String text) {
        assertThat(rejectedErrors(read(text))).singleElement().asString().contains("JSON");
    }

    @ParameterizedTest(name = "A sheet that is the JSON value {0} is not an object and is rejected")
    @ValueSource(strings = {"[]", "[{\"unit\": \"yiwu\"}]", "\"yiwu\"", "42", "true", "null"})
    void rejectsJsonThatIsNotAnObject(String text) {
        assertThat(rejectedErrors(read(text))).singleElement().asString()
                .contains("对象")
                .contains("JSON object");
    }

    @ParameterizedTest(name = "A sheet naming its unit {0} is read as {1}")
    @CsvSource({
            "yiwu,       yiwu",
            "330782,     yiwu",
            "义乌市,      yiwu",
            "金华开发区,   kaifaqu",
            "330700,     jinhua",
            "金华市,      jinhua",
            "浙江省,      zhejiang",
            "330000,     zhejiang"})
    void resolvesTheUnitByIdCodeOrChineseName(String named, String id) {
        ObjectNode sheet = validSheet();
        sheet.put("unit", named);

        FactSheet read = read(sheet).sheet().orElseThrow(() -> new AssertionError("rejected: " + read(sheet)));

        assertThat(read.unit().id()).isEqualTo(id);
    }

    @Test
    void acceptsAValidSheetWithExactDecimalValues() {
        SheetReader.Result result = read("""
                {
                  "unit": "义乌市",
                  "period": "2023-09",
                  "submittedBy": "义乌市营商环境办",
                  "facts": {
                    "digital.one_network_rate_pct": 89.9,
                    "finance.gov_guarantee_scale_100m_cny": 140.00000000000000001,
                    "digital.zlb_registered_users": 5900000,
                    "tax.online_mobile_coverage_pct": 100,
                    "village.high_frequency_items": 0,
                    "investment.one_stop_center_integrated": true,
                    "trade.import_export_growth_pct": -12.5
                  },
                  "progress": {
                    "T08": { "status": "IN_PROGRESS", "note": "权责清单动态调整已完成第一轮" },
                    "T38": { "status": "DONE" }
                  }
                }
                """);

        assertThat(result.rejection()).isEmpty();
        FactSheet sheet = result.sheet().orElseThrow();
        assertThat(sheet.source()).isEqualTo(SOURCE);
        assertThat(sheet.unit().id()).isEqualTo("yiwu");
        assertThat(sheet.period()).isEqualTo(YearMonth.of(2023, 9));
        assertThat(sheet.submittedBy()).isEqualTo("义乌市营商环境办");
        assertThat(sheet.facts()).containsOnlyKeys("digital.one_network_rate_pct",
                "finance.gov_guarantee_scale_100m_cny", "digital.zlb_registered_users", "tax.online_mobile_coverage_pct",
                "village.high_frequency_items", "investment.one_stop_center_integrated",
                "trade.import_export_growth_pct");
        assertThat(sheet.facts().get("digital.one_network_rate_pct")).asInstanceOf(BIG_DECIMAL)
                .isEqualByComparingTo("89.9");
        // Beyond a double's precision: a reader that went through double would see 140.
        assertThat(sheet.facts().get("finance.gov_guarantee_scale_100m_cny")).asInstanceOf(BIG_DECIMAL)
                .isEqualByComparingTo("140.00000000000000001");
        assertThat(sheet.facts().get("digital.zlb_registered_users")).asInstanceOf(BIG_DECIMAL)
                .isEqualByComparingTo("5900000");
        assertThat(sheet.facts().get("tax.online_mobile_coverage_pct")).asInstanceOf(BIG_DECIMAL)
                .isEqualByComparingTo("100");
        assertThat(sheet.facts().get("village.high_frequency_items")).asInstanceOf(BIG_DECIMAL)
                .isEqualByComparingTo("0");
        assertThat(sheet.facts().get("trade.import_export_growth_pct")).asInstanceOf(BIG_DECIMAL)
                .isEqualByComparingTo("-12.5");
        assertThat(sheet.facts().get("investment.one_stop_center_integrated")).isEqualTo(Boolean.TRUE);
        assertThat(sheet.progress()).containsOnly(
                Map.entry("T08", new Progress(ProgressStatus.IN_PROGRESS, "权责清单动态调整已完成第一轮")),
                Map.entry("T38", new Progress(ProgressStatus.DONE, null)));
        assertThat(sheet.value("progress.T08")).contains("IN_PROGRESS");
    }

    @Test
    void acceptsTheGeneralWorksProgressAndTheNewMetrics() {
        ObjectNode sheet = validSheet();
        sheet.put("unit", "jinhua");
        progress(sheet).putObject("M1").put("status", "IN_PROGRESS").put("note", "“双十条”清单化推进");
        progress(sheet).putObject("M5").put("status", "DONE");
        facts(sheet).put("safeguard.task_force_established", true);
        facts(sheet).put("tongban.citywide_items_available", 588);
        ObjectNode local = validSheet();
        facts(local).put("village.fifteen_minute_service_circle_built", false);
        facts(local).put("legal.fifteen_minute_legal_service_circle_built", true);
        facts(local).put("culture.fifteen_minute_culture_circle_built", true);

        FactSheet city = read(sheet).sheet().orElseThrow(() -> new AssertionError("rejected: " + read(sheet)));
        FactSheet county = read(local).sheet().orElseThrow(() -> new AssertionError("rejected: " + read(local)));

        assertThat(city.progress()).containsEntry("M1", new Progress(ProgressStatus.IN_PROGRESS, "“双十条”清单化推进"))
                .containsEntry("M5", new Progress(ProgressStatus.DONE, null));
        assertThat(city.value("progress.M1")).contains("IN_PROGRESS");
        assertThat(city.facts()).containsEntry("safeguard.task_force_established", true);
        assertThat(county.facts()).containsEntry("village.fifteen_minute_service_circle_built", false)
                .containsEntry("culture.fifteen_minute_culture_circle_built", true);
    }

    @ParameterizedTest(name = "A growth rate of {1} per cent for {0} is accepted")
    @CsvSource({
            "trade.import_export_growth_pct, -12.5",
            "trade.fdi_growth_pct,           -0.1",
            "trade.fdi_growth_pct,           135"})
    void acceptsGrowthRatesOutsideZeroToHundred(String metric, BigDecimal growth) {
        ObjectNode sheet = validSheet();
        facts(sheet).put(metric, growth);

        FactSheet read = read(sheet).sheet().orElseThrow(() -> new AssertionError("rejected: " + read(sheet)));

        assertThat(read.facts().get(metric)).asInstanceOf(BIG_DECIMAL).isEqualByComparingTo(growth);
    }

    @Test
    void listsEveryErrorOfASheetNotJustTheFirst() {
        ObjectNode sheet = validSheet();
        sheet.put("unit", "jinyi");
        sheet.put("period", "2023-13");
        sheet.put("remarks", "无");
        facts(sheet).put("digital.one_network_rate", 93);
        facts(sheet).put("village.high_frequency_items", -3);
        facts(sheet).put("tax.online_mobile_coverage_pct", 101);
        facts(sheet).put("investment.one_stop_center_integrated", 1);
        progress(sheet).putObject("T39").put("status", "DONE");
        t08(sheet).put("status", "FINISHED");

        List<String> errors = rejectedErrors(read(sheet));

        assertThat(errors).hasSize(9);
        for (String field : List.of("unit", "period", "remarks", "facts.digital.one_network_rate",
                "facts.village.high_frequency_items", "facts.tax.online_mobile_coverage_pct",
                "facts.investment.one_stop_center_integrated", "progress.T39", "progress.T08.status")) {
            assertThat(errors).as("names %s", field).anySatisfy(e -> assertThat(e).startsWith(field + ":"));
        }
    }

    @Test
    void rejectsASheetWholeWhenOneValueIsBadAndKeepsTheOthersOfTheBatch(@TempDir Path folder) throws IOException {
        ObjectNode good = validSheet();
        ObjectNode bad = validSheet();
        bad.put("unit", "lanxi");
        facts(bad).put("digital.one_network_rate_pct", -1);
        Path goodFile = write(folder.resolve("yiwu.json"), good);
        Path badFile = write(folder.resolve("county/lanxi.json"), bad);

        SheetBatch batch = reader.readFolder(folder);

        assertThat(batch.accepted()).extracting(FactSheet::source).containsExactly(goodFile.toString());
        assertThat(batch.of(YearMonth.of(2023, 9))).extracting(s -> s.unit().id()).containsExactly("yiwu");
        assertThat(batch.rejected()).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo(badFile.toString());
            assertThat(r.errors()).singleElement().asString().startsWith("facts.digital.one_network_rate_pct:");
        });
    }

    @Test
    void rejectsBothSheetsForOneUnitAndPeriodEachNamingTheOther(@TempDir Path folder) throws IOException {
        ObjectNode byId = validSheet();
        ObjectNode byName = validSheet();
        byName.put("unit", "义乌市");
        ObjectNode earlier = validSheet();
        earlier.put("period", "2023-08");
        Path first = write(folder.resolve("a/yiwu.json"), byId);
        Path second = write(folder.resolve("b/义乌市-九月.json"), byName);
        Path august = write(folder.resolve("a/yiwu-2023-08.json"), earlier);

        SheetBatch batch = reader.readFolder(folder);

        assertThat(batch.accepted()).extracting(FactSheet::source).containsExactly(august.toString());
        assertThat(batch.rejected()).extracting(Rejection::source)
                .containsExactlyInAnyOrder(first.toString(), second.toString());
        for (Rejection rejection : batch.rejected()) {
            Path other = rejection.source().equals(first.toString()) ? second : first;
            assertThat(rejection.errors()).singleElement().asString()
                    .contains(other.toString())
                    .contains("重复")
                    .contains("another sheet");
        }
    }

    @Test
    void acceptsASheetSavedWithAByteOrderMark() {
        byte[] text = JSON.writeValueAsBytes(validSheet());
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        assertThat(reader.read(SOURCE, withBom).sheet()).isPresent();
    }

    @Test
    void rejectsASheetThatIsNotUtf8SayingSo() {
        byte[] gbk = "{\"unit\": \"义乌市\", \"period\": \"2023-09\"}".getBytes(java.nio.charset.Charset.forName("GBK"));
        assertThat(rejectedErrors(reader.read(SOURCE, gbk))).singleElement().asString()
                .contains("UTF-8").contains("编码");
    }

    private static Path write(Path file, ObjectNode sheet) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, JSON.writeValueAsBytes(sheet));
    }
}
