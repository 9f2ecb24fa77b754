package cn.jinhua.ducha.factsheet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.factsheet.Spreadsheets.Line;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CSV sheet as a county supervisor saves it from Excel: UTF-8 with or without a byte-order mark, or GBK as Excel
 * in China writes it, all read to the same facts as the JSON sheet; anything else is refused with the reason.
 */
class CsvSheetsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Charset GBK = Charset.forName("GBK");
    private static final String SOURCE = "county/义乌市-2023-09.csv";

    private static SheetReader reader;

    @BeforeAll
    static void loadCatalogue() {
        reader = new SheetReader(Catalogue.load(Path.of("rules")));
    }

    /** A sheet with Chinese wherever a sheet has words: the unit, the sender and a note. */
    private static ObjectNode jsonSheet() {
        ObjectNode sheet = JSON.createObjectNode();
        sheet.put("unit", "义乌市");
        sheet.put("period", "2023-09");
        sheet.put("submittedBy", "义乌市营商环境优化提升专班");
        ObjectNode facts = sheet.putObject("facts");
        facts.put("digital.one_network_rate_pct", new java.math.BigDecimal("96.3"));
        facts.put("registration.avg_processing_days", new java.math.BigDecimal("0.5"));
        facts.put("digital.zlb_registered_users", 1842520);
        facts.put("policy.smart_matching_app_live", true);
        facts.put("trade.fdi_growth_pct", new java.math.BigDecimal("-6.8"));
        ObjectNode progress = sheet.putObject("progress");
        progress.putObject("T06").put("status", "DONE").put("note", "100个高频事项已全部下沉村(社)，“一件事”办理");
        progress.putObject("T07").put("status", "BLOCKED").put("note", "待省级系统对接, 预计下月");
        return sheet;
    }

    private static FactSheet expected() {
        return reader.read("yiwu.json", JSON.writeValueAsBytes(jsonSheet())).sheet().orElseThrow();
    }

    static Stream<Arguments> encodings() {
        List<Line> lines = Spreadsheets.lines(jsonSheet());
        return Stream.of(
                argumentSet("UTF-8", Spreadsheets.csv(Spreadsheets.HEADER, lines, UTF_8, false)),
                argumentSet("UTF-8 with a byte-order mark, as Excel's \"CSV UTF-8\" saves it",
                        Spreadsheets.csv(Spreadsheets.HEADER, lines, UTF_8, true)),
                argumentSet("GBK, as Excel in China saves \"CSV (逗号分隔)\"",
                        Spreadsheets.csv(Spreadsheets.HEADER, lines, GBK, false)));
    }

    @ParameterizedTest(name = "A CSV sheet in {argumentSetName} gives the same facts as the JSON sheet")
    @MethodSource("encodings")
    void readsEveryEncodingExcelSavesToTheSameFacts(byte[] csv) {
        SheetReader.Result result = reader.read(SOURCE, SheetFormat.CSV, csv);

        assertThat(result.rejection()).isEmpty();
        FactSheet sheet = result.sheet().orElseThrow();
        assertThat(sheet.source()).isEqualTo(SOURCE);
        Spreadsheets.assertSameFacts(sheet, expected());
    }

    @Test
    void theGbkFileIsNotValidUtf8SoTheTestMeansSomething() {
        byte[] gbk = Spreadsheets.csv(Spreadsheets.lines(jsonSheet()), GBK);

        assertThat(new String(gbk, UTF_8)).contains("\uFFFD");
        assertThat(Arrays.equals(gbk, Spreadsheets.csv(Spreadsheets.lines(jsonSheet()), UTF_8))).isFalse();
    }

    static Stream<Arguments> unreadable() {
        byte[] tooLarge = new byte[SheetReader.MAX_BYTES + 1];
        Arrays.fill(tooLarge, (byte) ' ');
        return Stream.of(
                argumentSet("Bytes that are neither UTF-8 nor GBK are refused",
                        new byte[]{(byte) 0xE4, (byte) 0xB8, (byte) 0xFF, (byte) 0x80}, "GBK", "neither UTF-8 nor GBK"),
                argumentSet("A quote that is never closed is not CSV",
                        "字段 field,值 value\nunit,\"yiwu\nperiod,2023-09\n".getBytes(UTF_8), "CSV", "not valid CSV"),
                argumentSet("An empty file has no header", new byte[0], "表头", "no header"),
                argumentSet("A file of blank lines has no header", "\n,,\n\n".getBytes(UTF_8), "表头", "no header"),
                argumentSet("A file over the size limit is refused unread", tooLarge, "文件过大", "too large"),
                argumentSet("A formula in a column intake ignores is refused all the same",
                        "字段 field,值 value\nunit,yiwu,,\"=cmd|' /C calc'!A0\"\nperiod,2023-09\n".getBytes(UTF_8),
                        "第 2 行 / row 2 第 4 列 / column 4", "like a formula and is refused"),
                argumentSet("A formula behind a tab in an ignored column is refused",
                        "字段 field,值 value\nunit,yiwu,,,\t@SUM(A1)\nperiod,2023-09\n".getBytes(UTF_8),
                        "column 5", "like a formula"));
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("unreadable")
    void refusesWhatIsNotACsvSheetSayingWhy(byte[] bytes, String chinese, String english) {
        SheetReader.Result result = reader.read(SOURCE, SheetFormat.CSV, bytes);

        assertThat(result.sheet()).isEmpty();
        assertThat(result.rejection().orElseThrow().errors()).singleElement().asString()
                .contains(chinese)
                .contains(english);
    }

    @Test
    void takesNegativeNumbersAndLabelsInTheIgnoredColumns() {
        byte[] csv = "字段 field,值 value\nunit,yiwu,,全年目标,-3.5\nperiod,2023-09,,,+2\n".getBytes(UTF_8);
        assertThat(reader.read(SOURCE, SheetFormat.CSV, csv).rejection()).isEmpty();
    }

    @Test
    void readsQuotedCellsWithCommasAndLineBreaksAsExcelWritesThem() {
        byte[] csv = """
                字段 field,值 value,说明 note\r
                unit,yiwu,\r
                period,2023-09,\r
                progress.T07,BLOCKED,"待省级系统对接,
                预计下月"\r
                """.getBytes(UTF_8);

        FactSheet sheet = reader.read(SOURCE, SheetFormat.CSV, csv).sheet().orElseThrow();

        assertThat(sheet.progress().get("T07").note()).isEqualTo("待省级系统对接,\n预计下月");
    }
}
