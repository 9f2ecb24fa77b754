package cn.jinhua.ducha.factsheet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.factsheet.Spreadsheets.Line;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A sheet in CSV or Excel is the JSON sheet written as rows (docs/sheets.md, "Sheets in CSV and Excel"): it is accepted
 * with the same facts, and every bad input of the contract is rejected whole, each error naming the field as the
 * row writes it, where the row is, and the reason in Chinese and English.
 */
class SheetLayoutTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static SheetReader reader;

    @BeforeAll
    static void loadCatalogue() {
        reader = new SheetReader(Catalogue.load(Path.of("rules")));
    }

    /** The two layouts, each with how a file of it is written and how a message says where a value is. */
    enum Layout {
        CSV(SheetFormat.CSV, "第 %d 行 / row %d"),
        XLSX(SheetFormat.XLSX, "单元格 B%d / cell B%d");

        final SheetFormat format;
        final String where;

        Layout(SheetFormat format, String where) {
            this.format = format;
            this.where = where;
        }

        byte[] write(List<Line> lines) {
            return this == CSV ? Spreadsheets.csv(lines, UTF_8) : Spreadsheets.xlsx(lines);
        }

        byte[] write(List<String> header, List<Line> lines) {
            return this == CSV ? Spreadsheets.csv(header, lines, UTF_8, false) : Spreadsheets.xlsx(header, lines);
        }

        String source() {
            return "samples/yiwu-2023-09." + name().toLowerCase();
        }

        /** Where the value of the line at {@code index} is: the header is row 1. */
        String at(int index) {
            return where.formatted(index + 2, index + 2);
        }

        /** Where the field of the line at {@code index} is. */
        String fieldAt(int index) {
            return this == CSV ? at(index) : "单元格 A%d / cell A%d".formatted(index + 2, index + 2);
        }
    }

    /** The contract's example sheet, as SheetReaderTests has it. */
    private static ObjectNode jsonSheet() {
        return SheetReaderTests.validSheet();
    }

    private static List<Line> validLines() {
        return Spreadsheets.lines(jsonSheet());
    }

    private static FactSheet expected() {
        return reader.read("samples/yiwu-2023-09.json", JSON.writeValueAsBytes(jsonSheet())).sheet().orElseThrow();
    }

    private static SheetReader.Result read(Layout layout, List<Line> lines) {
        return reader.read(layout.source(), layout.format, layout.write(lines));
    }

    private static FactSheet accepted(SheetReader.Result result) {
        assertThat(result.rejection()).as("accepted").isEmpty();
        return result.sheet().orElseThrow();
    }

    private static List<String> rejectedErrors(Layout layout, SheetReader.Result result) {
        assertThat(result.sheet()).as("a rejected sheet keeps nothing").isEmpty();
        Rejection rejection = result.rejection().orElseThrow();
        assertThat(rejection.source()).isEqualTo(layout.source());
        assertThat(rejection.errors()).isNotEmpty().allSatisfy(e -> assertThat(e)
                .as("says the reason in Chinese: %s", e).containsPattern("\\p{IsHan}")
                .as("and in English: %s", e).containsPattern("\\b[a-z]{2,} [a-z]{2,}\\b"));
        return rejection.errors();
    }

    @ParameterizedTest(name = "A {0} sheet gives the same facts as the JSON sheet")
    @EnumSource(Layout.class)
    void acceptsTheSameFactsAsTheJsonSheet(Layout layout) {
        Spreadsheets.assertSameFacts(accepted(read(layout, validLines())), expected());
    }

    @ParameterizedTest(name = "A {0} sheet may head its columns field,value in English alone, and drop the note column")
    @EnumSource(Layout.class)
    void acceptsThePlainHeader(Layout layout) {
        List<Line> lines = validLines().stream().map(l -> l.field().equals("progress.T08")
                ? Line.of("progress.T08", "IN_PROGRESS") : l).toList();

        FactSheet sheet = accepted(reader.read(layout.source(), layout.format,
                layout.write(List.of("field", "value"), lines)));

        assertThat(sheet.progress().get("T08")).isEqualTo(new Progress(ProgressStatus.IN_PROGRESS, null));
    }

    @ParameterizedTest(name = "A {0} sheet without the header row is rejected")
    @EnumSource(Layout.class)
    void rejectsASheetWithoutItsHeader(Layout layout) {
        List<String> errors = rejectedErrors(layout, reader.read(layout.source(), layout.format,
                layout.write(List.of("unit", "yiwu"), validLines())));

        assertThat(errors).singleElement().asString().contains("表头", "字段 field,值 value", "header");
    }

    @ParameterizedTest(name = "A blank value in a {0} sheet is a value not reported, not an error")
    @EnumSource(Layout.class)
    void readsABlankValueAsNotReported(Layout layout) {
        List<Line> lines = new ArrayList<>(validLines());
        lines.add(Line.of("tongban.citywide_items_available", null));
        lines.add(Line.of("progress.T09", null));
        lines.add(Line.of("submittedBy", null));
        lines.removeIf(l -> l.field().equals("submittedBy") && l.value() != null);

        FactSheet sheet = accepted(read(layout, lines));

        assertThat(sheet.facts()).doesNotContainKey("tongban.citywide_items_available");
        assertThat(sheet.progress()).doesNotContainKey("T09");
        assertThat(sheet.submittedBy()).isNull();
    }

    @ParameterizedTest(name = "A milestone in a {0} sheet is 是/否 or true/false in any case")
    @EnumSource(Layout.class)
    void readsMilestonesWrittenInChineseOrEnglish(Layout layout) {
        for (Object written : List.of("是", "TRUE", "true", "True", "否", "FALSE", "false")) {
            List<Line> lines = replace(validLines(), "investment.one_stop_center_integrated", written);

            FactSheet sheet = accepted(read(layout, lines));

            boolean yes = List.of("是", "TRUE", "true", "True").contains(written);
            assertThat(sheet.facts().get("investment.one_stop_center_integrated")).as("%s", written).isEqualTo(yes);
        }
    }

    @ParameterizedTest(name = "A percentage written 93.5% in a {0} sheet is 93.5 points")
    @EnumSource(Layout.class)
    void readsAPercentageWrittenWithItsSign(Layout layout) {
        FactSheet sheet = accepted(read(layout, replace(validLines(), "digital.one_network_rate_pct", "93.5%")));

        assertThat((BigDecimal) sheet.facts().get("digital.one_network_rate_pct")).isEqualByComparingTo("93.5");
    }

    @ParameterizedTest(name = "A {0} sheet may name its unit by code or Chinese name")
    @EnumSource(Layout.class)
    void resolvesTheUnitByCodeOrName(Layout layout) {
        for (Object named : List.of("330782", 330782, "义乌市")) {
            assertThat(accepted(read(layout, replace(validLines(), "unit", named))).unit().id()).isEqualTo("yiwu");
        }
    }

    @ParameterizedTest(name = "Columns after the note in a {0} sheet are for people and are not read")
    @EnumSource(Layout.class)
    void ignoresColumnsAfterTheNote(Layout layout) {
        List<String> header = List.of("字段 field", "值 value", "说明 note", "指标 label", "目标 target");
        List<Line> lines = validLines().stream()
                .map(l -> new Line(l.field(), l.value(), l.note(), List.of("标签 label", 90, "unknown,field")))
                .toList();

        FactSheet sheet = accepted(reader.read(layout.source(), layout.format, layout.write(header, lines)));

        Spreadsheets.assertSameFacts(sheet, expected());
    }

    static Stream<Arguments> badSheets() {
        return Stream.of(
                argumentSet("A sheet from a unit nobody knows is rejected",
                        change(l -> replace(l, "unit", "jinyi")), "unit", "未知单位", "unknown unit"),
                argumentSet("A sheet without a unit row is rejected",
                        change(l -> remove(l, "unit")), "unit", "缺失", "missing"),
                argumentSet("A sheet with a blank unit is rejected",
                        change(l -> replace(l, "unit", null)), "unit", "缺失", "missing"),
                argumentSet("A month numbered 13 is a malformed period",
                        change(l -> replace(l, "period", "2023-13")), "period", "不是 YYYY-MM 格式的月份",
                        "is not a month written YYYY-MM"),
                argumentSet("A period written with a slash is malformed",
                        change(l -> replace(l, "period", "2023/09")), "period", "不是 YYYY-MM 格式的月份",
                        "is not a month written YYYY-MM"),
                argumentSet("A period written as the number 202309 is malformed",
                        change(l -> replace(l, "period", 202309)), "period", "不是 YYYY-MM 格式的月份",
                        "is not a month written YYYY-MM"),
                argumentSet("A period without the month's leading zero is malformed",
                        change(l -> replace(l, "period", "2023-9")), "period", "不是 YYYY-MM 格式的月份",
                        "is not a month written YYYY-MM"),
                argumentSet("A period that is a day, not a month, is malformed",
                        change(l -> replace(l, "period", "2023-09-30")), "period", "不是 YYYY-MM 格式的月份",
                        "is not a month written YYYY-MM"),
                argumentSet("A sheet without a period row is rejected",
                        change(l -> remove(l, "period")), "period", "缺失", "missing"),
                argumentSet("An extra field row is an unknown field",
                        change(l -> add(l, "remarks", "无")), "remarks", "未知字段", "unknown field"),
                argumentSet("A row named facts is an unknown field: metric keys stand on rows of their own",
                        change(l -> add(l, "facts", "93.5")), "facts", "未知字段", "unknown field"),
                argumentSet("A metric key the catalogue does not have is rejected",
                        change(l -> add(l, "digital.one_network_rate", 93)), "digital.one_network_rate",
                        "未知指标", "unknown metric"),
                argumentSet("Task T39 does not exist in the plan",
                        change(l -> add(l, "progress.T39", "DONE")), "progress.T39", "未知任务", "unknown task"),
                argumentSet("Task T00 does not exist in the plan",
                        change(l -> add(l, "progress.T00", "DONE")), "progress.T00", "未知任务", "unknown task"),
                argumentSet("A task written T1 instead of T01 is unknown",
                        change(l -> add(l, "progress.T1", "DONE")), "progress.T1", "未知任务", "unknown task"),
                argumentSet("A task written X01 is unknown",
                        change(l -> add(l, "progress.X01", "DONE")), "progress.X01", "未知任务", "unknown task"),
                argumentSet("General work M6 does not exist in the plan (M1..M5 do)",
                        change(l -> add(l, "progress.M6", "DONE")), "progress.M6", "未知任务",
                        "unknown task (T01..T38, M1..M5)"),
                argumentSet("A boolean for a number metric is the wrong type",
                        change(l -> replace(l, "digital.one_network_rate_pct", true)),
                        "digital.one_network_rate_pct", "须为数值", "must be a number"),
                argumentSet("Words for a number metric are the wrong type",
                        change(l -> replace(l, "digital.one_network_rate_pct", "九十三")),
                        "digital.one_network_rate_pct", "须为数值", "must be a number"),
                argumentSet("A number with thousands separators is not read as a number",
                        change(l -> replace(l, "village.high_frequency_items", "1,088")),
                        "village.high_frequency_items", "须为数值", "must be a number"),
                argumentSet("A number beyond any double's exponent is not read as a number",
                        change(l -> replace(l, "village.high_frequency_items", "1e999999999")),
                        "village.high_frequency_items", "须为数值", "must be a number"),
                argumentSet("A percentage sign on a count is the wrong type",
                        change(l -> replace(l, "village.high_frequency_items", "88%")),
                        "village.high_frequency_items", "须为数值", "must be a number"),
                argumentSet("A number for a milestone is the wrong type",
                        change(l -> replace(l, "investment.one_stop_center_integrated", 1)),
                        "investment.one_stop_center_integrated", "须为布尔值", "must be a boolean"),
                argumentSet("Words for a milestone other than 是/否 are the wrong type",
                        change(l -> replace(l, "investment.one_stop_center_integrated", "已完成")),
                        "investment.one_stop_center_integrated", "须为布尔值", "must be a boolean"),
                argumentSet("A progress status outside the enum is rejected",
                        change(l -> replace(l, "progress.T08", "FINISHED")), "progress.T08", "不是",
                        "is not one of"),
                argumentSet("A progress status in lower case is not one of the enum's names",
                        change(l -> replace(l, "progress.T08", "done")), "progress.T08", "不是", "is not one of"),
                argumentSet("A progress note without a status is rejected",
                        change(l -> replace(l, "progress.T08", null)), "progress.T08", "缺失", "missing"),
                argumentSet("A percent above 100 is out of range",
                        change(l -> replace(l, "digital.one_network_rate_pct", new BigDecimal("100.1"))),
                        "digital.one_network_rate_pct", "超过 100", "above 100"),
                argumentSet("A negative percent that is not a growth rate is out of range",
                        change(l -> replace(l, "tax.online_mobile_coverage_pct", new BigDecimal("-0.5"))),
                        "tax.online_mobile_coverage_pct", "小于 0", "below 0"),
                argumentSet("A negative count is out of range",
                        change(l -> replace(l, "village.high_frequency_items", -3)),
                        "village.high_frequency_items", "小于 0", "below 0"),
                argumentSet("A negative number of days is out of range",
                        change(l -> replace(l, "investment.enterprise_project_approval_days", -1)),
                        "investment.enterprise_project_approval_days", "小于 0", "below 0"),
                argumentSet("A sheet that names its unit twice is rejected like a duplicate JSON key",
                        change(l -> add(l, "unit", "lanxi")), "unit", "重复", "duplicate"),
                argumentSet("A sheet that reports one metric twice is rejected",
                        change(l -> add(l, "digital.one_network_rate_pct", 85)), "digital.one_network_rate_pct",
                        "重复", "duplicate"),
                argumentSet("A sheet that reports one task's progress twice is rejected",
                        change(l -> add(l, "progress.T08", "BLOCKED")), "progress.T08", "重复", "duplicate"));
    }

    static Stream<Arguments> badSheetsInEachLayout() {
        return Stream.of(Layout.values()).flatMap(layout -> badSheets().map(a -> {
            Object[] args = a.get();
            return argumentSet(layout + ": " + ((Arguments.ArgumentSet) a).getName(),
                    layout, args[0], args[1], args[2], args[3]);
        }));
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("badSheetsInEachLayout")
    void rejectsTheWholeSheetNamingTheFieldWhereItIsAndTheReason(Layout layout, UnaryOperator<List<Line>> spoil,
                                                                 String field, String chinese, String english) {
        List<Line> lines = spoil.apply(validLines());

        List<String> errors = rejectedErrors(layout, read(layout, lines));

        assertThat(errors).as("the only thing wrong is %s", field).hasSize(1);
        int index = lastIndexOf(lines, field);
        // a field that is itself wrong (repeated, unknown) is named where the field is; a value where the value is
        boolean fieldWrong = chinese.equals("重复") || chinese.equals("未知字段");
        String named = index < 0 ? field + ":"
                : "%s (%s):".formatted(field, fieldWrong ? layout.fieldAt(index) : layout.at(index));
        assertThat(errors.get(0))
                .startsWith(named)
                .contains(chinese)
                .containsIgnoringCase(english);
    }

    @ParameterizedTest(name = "An error in a {0} sheet quotes a long value only in part")
    @EnumSource(Layout.class)
    void quotesALongValueShortened(Layout layout) {
        List<Line> lines = replace(validLines(), "village.high_frequency_items", "9".repeat(30_000) + "件");

        String error = rejectedErrors(layout, read(layout, lines)).get(0);

        assertThat(error).startsWith("village.high_frequency_items (").contains("须为数值").hasSizeLessThan(300);
    }

    @ParameterizedTest(name = "A duplicate row in a {0} sheet says where the first one is")
    @EnumSource(Layout.class)
    void namesBothRowsOfADuplicateField(Layout layout) {
        List<Line> lines = add(validLines(), "unit", "lanxi");

        String error = rejectedErrors(layout, read(layout, lines)).get(0);

        String first = layout == Layout.CSV ? "row 2" : "cell A2";
        String second = layout == Layout.CSV ? "row " + (lines.size() + 1) : "cell A" + (lines.size() + 1);
        assertThat(error).contains(first, second);
    }

    @ParameterizedTest(name = "A {0} sheet with many faults lists every one")
    @EnumSource(Layout.class)
    void listsEveryErrorOfASheetNotJustTheFirst(Layout layout) {
        List<Line> lines = replace(validLines(), "unit", "jinyi");
        lines = replace(lines, "period", "2023-13");
        lines = add(lines, "remarks", "无");
        lines = add(lines, "digital.one_network_rate", 93);
        lines = replace(lines, "village.high_frequency_items", -3);
        lines = replace(lines, "tax.online_mobile_coverage_pct", 101);
        lines = replace(lines, "investment.one_stop_center_integrated", 1);
        lines = add(lines, "progress.T39", "DONE");
        lines = replace(lines, "progress.T08", "FINISHED");
        lines = add(lines, "period", "2023-09");

        List<String> errors = rejectedErrors(layout, read(layout, lines));

        assertThat(errors).hasSize(10);
        for (String field : List.of("unit", "period", "remarks", "digital.one_network_rate",
                "village.high_frequency_items", "tax.online_mobile_coverage_pct",
                "investment.one_stop_center_integrated", "progress.T39", "progress.T08")) {
            assertThat(errors).as("names %s", field).anySatisfy(e -> assertThat(e).startsWith(field + " ("));
        }
    }

    @Test
    void readsJsonCsvAndExcelSheetsOfAFolderAndRejectsTwoForOneUnitAndMonth(@TempDir Path folder) throws IOException {
        ObjectNode lanxi = jsonSheet();
        lanxi.put("unit", "lanxi");
        ObjectNode wuyi = jsonSheet();
        wuyi.put("unit", "wuyi");
        Path json = write(folder.resolve("a/yiwu.json"), JSON.writeValueAsBytes(jsonSheet()));
        Path csv = write(folder.resolve("b/yiwu.csv"), Spreadsheets.csv(validLines(), UTF_8));
        Path xlsx = write(folder.resolve("lanxi.XLSX"), Spreadsheets.xlsx(Spreadsheets.lines(lanxi)));
        Path gbk = write(folder.resolve("wuyi.csv"), Spreadsheets.csv(Spreadsheets.lines(wuyi),
                java.nio.charset.Charset.forName("GBK")));
        // what Excel leaves beside a workbook it has open, and other files, are not sheets
        write(folder.resolve("~$lanxi.xlsx"), new byte[]{1, 2, 3});
        write(folder.resolve("notes.txt"), "不是报表".getBytes(UTF_8));

        SheetBatch batch = reader.readFolder(folder);

        assertThat(batch.accepted()).extracting(FactSheet::source)
                .containsExactlyInAnyOrder(xlsx.toString(), gbk.toString());
        assertThat(batch.rejected()).extracting(Rejection::source)
                .containsExactlyInAnyOrder(json.toString(), csv.toString());
        assertThat(batch.rejected()).filteredOn(r -> r.source().equals(json.toString())).singleElement()
                .satisfies(r -> assertThat(r.errors()).singleElement().asString().contains(csv.toString()));
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** Names the lambda's type for the argument table. */
    private static UnaryOperator<List<Line>> change(UnaryOperator<List<Line>> spoil) {
        return spoil;
    }

    static List<Line> replace(List<Line> lines, String field, Object value) {
        assertThat(lines).as("the sheet has %s", field).anySatisfy(l -> assertThat(l.field()).isEqualTo(field));
        List<Line> changed = new ArrayList<>();
        for (Line l : lines) {
            changed.add(l.field().equals(field) ? new Line(field, value, l.note()) : l);
        }
        return changed;
    }

    static List<Line> remove(List<Line> lines, String field) {
        return lines.stream().filter(l -> !l.field().equals(field)).toList();
    }

    static List<Line> add(List<Line> lines, String field, Object value) {
        List<Line> more = new ArrayList<>(lines);
        more.add(Line.of(field, value));
        return more;
    }

    private static int lastIndexOf(List<Line> lines, String field) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).field().equals(field)) {
                return i;
            }
        }
        return -1;
    }
}
