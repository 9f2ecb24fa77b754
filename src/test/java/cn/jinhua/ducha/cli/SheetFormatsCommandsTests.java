package cn.jinhua.ducha.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import cn.jinhua.ducha.factsheet.Spreadsheets;
import cn.jinhua.ducha.store.TestDatabases;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line takes sheets in CSV and Excel wherever it takes JSON ones (validate, evaluate FOLDER, submit and
 * the store's evaluate), and writes the Excel template that a unit fills in.
 */
class SheetFormatsCommandsTests {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Path RULES = Path.of("rules");
    private static final Path SAMPLES = Path.of("samples");
    private static final String PERIOD = "2023-09";

    @TempDir
    static Path scratch;

    /** Every sample sheet of August and September 2023 as JSON. */
    private static Path asJson;
    /** The same sheets, each unit's in CSV (UTF-8 with BOM or GBK) or Excel by turns, the province's in JSON. */
    private static Path asSpreadsheets;

    @BeforeAll
    static void writeSheets() throws IOException {
        asJson = scratch.resolve("json");
        asSpreadsheets = scratch.resolve("spreadsheets");
        for (String month : List.of("2023-08", PERIOD)) {
            int turn = 0;
            List<Path> files;
            try (Stream<Path> list = Files.list(SAMPLES.resolve(month))) {
                files = list.sorted().toList();
            }
            for (Path file : files) {
                String unit = file.getFileName().toString().replace(".json", "");
                Files.createDirectories(asJson.resolve(month));
                Files.copy(file, asJson.resolve(month).resolve(file.getFileName()));
                Path to = asSpreadsheets.resolve(month);
                Files.createDirectories(to);
                List<Spreadsheets.Line> lines = Spreadsheets.lines(JSON.readTree(file.toFile()));
                switch (unit.equals("zhejiang") ? -1 : turn++ % 3) {
                    case 0 -> Files.write(to.resolve(unit + ".csv"),
                            Spreadsheets.csv(Spreadsheets.HEADER, lines, UTF_8, true));
                    case 1 -> Files.write(to.resolve(unit + ".csv"), Spreadsheets.csv(lines, Charset.forName("GBK")));
                    case 2 -> Files.write(to.resolve(unit + ".xlsx"), Spreadsheets.xlsx(lines));
                    default -> Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }

    /** One command line's exit status and what it printed on each stream. */
    private static Run ducha(Object... args) {
        return Run.of(Stream.concat(Stream.of(args), Stream.of("--rules", RULES)).toArray());
    }

    /** Each verdict by unit and commitment: its status, light, value, target, expected and explanation. */
    private static Map<String, String> verdicts(JsonNode evaluation) {
        Map<String, String> verdicts = new TreeMap<>();
        evaluation.get("verdicts").values().forEach(v -> verdicts.put(
                v.get("unit").asString() + " " + v.get("commitment").asString(),
                String.join(" | ", v.get("status").asString(), v.get("light").asString(), number(v.get("value")),
                        number(v.get("target")), number(v.get("expected")), v.get("explanation").asString())));
        return verdicts;
    }

    /** A number by its value, whatever its scale (100 and 100.0 alike). */
    private static String number(JsonNode node) {
        return node.isNumber() ? node.decimalValue().stripTrailingZeros().toPlainString() : node.asString();
    }

    private static List<String> alerts(JsonNode evaluation) {
        List<String> alerts = new ArrayList<>();
        evaluation.get("alerts").values().forEach(a -> alerts.add(a.get("unit").asString() + " "
                + a.get("commitment").asString() + " " + a.get("level").asString() + " " + a.get("message").asString()));
        return alerts;
    }

    @Test
    void evaluateJudgesCsvAndExcelSheetsExactlyAsTheirJson() throws IOException {
        try (Stream<Path> files = Files.walk(asSpreadsheets)) {
            assertThat(files.map(Path::toString)).anyMatch(f -> f.endsWith(".csv")).anyMatch(f -> f.endsWith(".xlsx"));
        }
        Run json = ducha("evaluate", asJson, "--period", PERIOD, "--format", "json");
        Run spreadsheets = ducha("evaluate", asSpreadsheets, "--period", PERIOD, "--format", "json");

        assertThat(json.status()).as(json.err()).isZero();
        assertThat(spreadsheets.status()).as(spreadsheets.out()).isZero();
        assertThat(spreadsheets.json().get("rejected").isEmpty()).isTrue();
        assertThat(verdicts(spreadsheets.json())).isEqualTo(verdicts(json.json())).hasSizeGreaterThan(500);
        assertThat(alerts(spreadsheets.json())).isEqualTo(alerts(json.json())).isNotEmpty();
    }

    @Test
    void validateListsTheErrorsOfCsvAndExcelSheetsByRowAndCell(@TempDir Path folder) throws IOException {
        Files.copy(asSpreadsheets.resolve(PERIOD + "/dongyang.csv"), folder.resolve("dongyang.csv"));
        List<Spreadsheets.Line> lanxi = List.of(Spreadsheets.Line.of("unit", "lanxi"),
                Spreadsheets.Line.of("period", PERIOD), Spreadsheets.Line.of("village.high_frequency_items", -3));
        Files.write(folder.resolve("lanxi.csv"), Spreadsheets.csv(lanxi, Charset.forName("GBK")));
        Files.write(folder.resolve("lanxi.xlsx"), Spreadsheets.xlsx(List.of(Spreadsheets.Line.of("unit", "兰溪市"),
                Spreadsheets.Line.of("period", "2023-13"))));

        Run run = ducha("validate", folder);

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.out())
                .contains("lanxi.csv", "village.high_frequency_items (第 4 行 / row 4): -3 小于 0 / -3 is below 0")
                .contains("lanxi.xlsx", "period (单元格 B3 / cell B3):")
                .contains("1 sheets accepted, 2 rejected");
    }

    @Test
    void submitStoresCsvAndExcelSheetsThatTheStoreThenJudgesAsTheirJson(@TempDir Path dir) throws IOException {
        String url = TestDatabases.h2(dir);
        Path formula = dir.resolve("refused/jinhua.xlsx");
        Files.createDirectories(formula.getParent());
        Files.write(formula, withFormula(Files.readAllBytes(asSpreadsheets.resolve(PERIOD + "/jinhua.xlsx"))));

        Run submitted = ducha("--db", url, "--by", "tester", "submit", asSpreadsheets);
        Run refused = ducha("--db", url, "--by", "tester", "submit", formula);
        Run fromStore = ducha("--db", url, "evaluate", "--period", PERIOD, "--format", "json");
        Run fromJson = ducha("evaluate", asJson, "--period", PERIOD, "--format", "json");

        assertThat(submitted.status()).as(submitted.out() + submitted.err()).isZero();
        assertThat(submitted.out()).contains(".csv", ".xlsx").contains("24 stored, 0 refused");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.out()).contains("jinhua.xlsx", "(单元格 B5 / cell B5)", "formulas are not evaluated");
        assertThat(fromStore.status()).as(fromStore.err()).isZero();
        assertThat(fromStore.json().get("rejected").isEmpty()).as("the store reads each sheet in its format").isTrue();
        assertThat(verdicts(fromStore.json())).isEqualTo(verdicts(fromJson.json()));
    }

    @Test
    void submitRefusesAnOversizedSheetByItsSizeWithoutReadingItWhole(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("yiwu.json");
        long size = 40L * 1024 * 1024;
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(size);
        }

        Run refused = ducha("--db", TestDatabases.h2(dir), "--by", "tester", "submit", huge);

        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.out()).contains("yiwu.json", String.valueOf(size), "too large", "0 stored, 1 refused");
    }

    /** The workbook with a formula in the value cell of its fourth row below the header. */
    private static byte[] withFormula(byte[] xlsx) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.getSheetAt(0).getRow(4).getCell(1).setCellFormula("SUM(1,2)");
            workbook.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void templateWritesTheUnitsTemplateThatFilledInJudgesAsItsJson(@TempDir Path dir) throws IOException {
        Path template = dir.resolve("义乌市-2023-09.xlsx");

        Run written = ducha("template", "--unit", "义乌市", "--period", PERIOD, "--from", SAMPLES, "--out", template);

        assertThat(written.status()).as(written.err()).isZero();
        assertThat(written.err()).isEmpty();
        assertThat(written.out()).contains("yiwu", PERIOD, template.toString());
        JsonNode september = JSON.readTree(SAMPLES.resolve(PERIOD + "/yiwu.json").toFile());
        Path filled = dir.resolve("filled/yiwu.xlsx");
        Files.createDirectories(filled.getParent());
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(template))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(3).getCell(6).getStringCellValue()).as("last month's sender, from --from")
                    .isEqualTo(JSON.readTree(SAMPLES.resolve("2023-08/yiwu.json").toFile()).get("submittedBy")
                            .asString());
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                XSSFRow row = sheet.getRow(r);
                String field = row.getCell(0).getStringCellValue();
                if (field.equals("submittedBy")) {
                    row.getCell(1).setCellValue(september.get("submittedBy").asString());
                } else if (field.startsWith("progress.")) {
                    JsonNode p = september.get("progress").get(field.substring("progress.".length()));
                    row.getCell(1).setCellValue(p.get("status").asString());
                    if (p.has("note")) {
                        row.getCell(2).setCellValue(p.get("note").asString());
                    }
                } else if (september.get("facts").has(field)) {
                    JsonNode v = september.get("facts").get(field);
                    Spreadsheets.set(row, 1, v.isBoolean() ? (v.booleanValue() ? "是" : "否") : v.decimalValue());
                }
            }
            try (var out = Files.newOutputStream(filled)) {
                workbook.write(out);
            }
        }
        Path json = dir.resolve("json/yiwu.json");
        Files.createDirectories(json.getParent());
        Files.copy(SAMPLES.resolve(PERIOD + "/yiwu.json"), json);

        Run validated = ducha("validate", filled.getParent());
        Map<String, String> fromTemplate = verdicts(ducha("evaluate", filled.getParent(), "--period", PERIOD,
                "--format", "json").json());
        Map<String, String> fromJson = verdicts(ducha("evaluate", json.getParent(), "--period", PERIOD,
                "--format", "json").json());

        assertThat(validated.status()).as(validated.out()).isZero();
        assertThat(validated.out()).contains("1 sheets accepted, 0 rejected");
        assertThat(fromTemplate).isEqualTo(fromJson);
    }

    @Test
    void templateRefusesAnUnknownUnitOrAMalformedPeriod(@TempDir Path dir) {
        Run unknown = ducha("template", "--unit", "jinyi", "--period", PERIOD, "--out", dir.resolve("x.xlsx"));
        Run malformed = ducha("template", "--unit", "yiwu", "--period", "2023/09", "--out", dir.resolve("x.xlsx"));

        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("--unit", "jinyi", "unknown unit");
        assertThat(malformed.status()).isEqualTo(1);
        assertThat(malformed.err()).contains("--period", "2023/09");
        assertThat(dir.resolve("x.xlsx")).doesNotExist();
    }
}
