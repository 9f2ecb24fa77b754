package cn.jinhua.ducha.factsheet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.factsheet.Spreadsheets.Line;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An Excel sheet is read safely and exactly: formulas are refused, never evaluated; numbers are the numbers Excel
 * shows; a zip bomb, an external entity, an oversized file or a file that is not .xlsx is refused with the reason.
 */
class XlsxSheetsTests {

    private static final String SOURCE = "county/yiwu-2023-09.xlsx";
    private static final List<Line> BASE = List.of(
            Line.of("unit", "yiwu"),
            Line.of("period", "2023-09"),
            Line.of("digital.one_network_rate_pct", new BigDecimal("89.9")),
            Line.of("village.high_frequency_items", 88),
            new Line("progress.T08", "IN_PROGRESS", "权责清单动态调整已完成第一轮"));

    private static SheetReader reader;

    @BeforeAll
    static void loadCatalogue() {
        reader = new SheetReader(Catalogue.load(Path.of("rules")));
    }

    /** The base sheet, changed on its first worksheet by {@code edit} (row 1 is the header; row 3 is period). */
    private static byte[] edited(Consumer<XSSFWorkbook> edit) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(Spreadsheets.xlsx(BASE)));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            edit.accept(workbook);
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static XSSFCell cell(XSSFWorkbook workbook, String ref) {
        XSSFSheet sheet = workbook.getSheetAt(0);
        org.apache.poi.ss.util.CellReference at = new org.apache.poi.ss.util.CellReference(ref);
        var row = sheet.getRow(at.getRow()) == null ? sheet.createRow(at.getRow()) : sheet.getRow(at.getRow());
        return row.getCell(at.getCol()) == null ? row.createCell(at.getCol()) : row.getCell(at.getCol());
    }

    private static FactSheet accepted(byte[] xlsx) {
        SheetReader.Result result = reader.read(SOURCE, SheetFormat.XLSX, xlsx);
        assertThat(result.rejection()).as("accepted").isEmpty();
        return result.sheet().orElseThrow();
    }

    private static List<String> rejected(byte[] xlsx) {
        SheetReader.Result result = reader.read(SOURCE, SheetFormat.XLSX, xlsx);
        assertThat(result.sheet()).as("a rejected sheet keeps nothing").isEmpty();
        return result.rejection().orElseThrow().errors();
    }

    private static BigDecimal fact(FactSheet sheet, String metric) {
        return (BigDecimal) sheet.facts().get(metric);
    }

    @Test
    void refusesAFormulaInAValueCellNamingTheCellAndTheFieldWithoutEvaluatingIt() throws IOException {
        byte[] xlsx = edited(w -> {
            XSSFCell c = cell(w, "B5");
            c.setCellFormula("80+8");
            // a cached result, as Excel saves one: it must not be taken for the value either
            c.setCellValue(88);
        });

        assertThat(rejected(xlsx)).singleElement().asString()
                .startsWith("village.high_frequency_items (单元格 B5 / cell B5):")
                .contains("公式", "=80+8", "formulas are not evaluated");
    }

    @Test
    void refusesFormulasInTheFieldAndNoteColumnsToo() throws IOException {
        byte[] xlsx = edited(w -> {
            cell(w, "A4").setCellFormula("\"digital.\"&\"one_network_rate_pct\"");
            cell(w, "C6").setCellFormula("HYPERLINK(\"http://example.com\",\"笔记\")");
        });

        assertThat(rejected(xlsx))
                .anySatisfy(e -> assertThat(e).startsWith("单元格 A4 / cell A4:").contains("formula"))
                .anySatisfy(e -> assertThat(e).startsWith("progress.T08 (单元格 C6 / cell C6):").contains("formula"))
                .hasSize(2);
    }

    @Test
    void refusesAFormulaOrFormulaTextInAColumnIntakeIgnores() throws IOException {
        byte[] formula = edited(w -> cell(w, "E5").setCellFormula("HYPERLINK(\"http://evil\",\"点此\")"));
        byte[] text = edited(w -> cell(w, "D4").setCellValue("\t=cmd|' /C calc'!A0"));
        byte[] fine = edited(w -> {
            cell(w, "D4").setCellValue("≤ 80");
            cell(w, "E5").setCellValue(-3.5);
        });

        assertThat(rejected(formula)).singleElement().asString().startsWith("单元格 E5 / cell E5:")
                .contains("holds the formula =HYPERLINK");
        assertThat(rejected(text)).singleElement().asString().startsWith("单元格 D4 / cell D4:")
                .contains("like a formula");
        accepted(fine);
    }

    @Test
    void refusesAnErrorValue() throws IOException {
        byte[] xlsx = edited(w -> cell(w, "B4").setCellErrorValue(org.apache.poi.ss.usermodel.FormulaError.DIV0));

        assertThat(rejected(xlsx)).singleElement().asString()
                .startsWith("digital.one_network_rate_pct (单元格 B4 / cell B4):")
                .contains("#DIV/0!", "error value");
    }

    @ParameterizedTest(name = "The number stored as {0} is read as {1}")
    @CsvSource({
            "89.9,                 89.9",
            // what Excel itself writes for some typed decimals: the double's seventeen digits
            "89.900000000000006,   89.9",
            "0.30000000000000004,  0.3",
            "1.1000000000000001,   1.1",
            "59000,                59000",
            "5.9E4,                59000",
            "100.0,                100",
            "0.5,                  0.5"})
    void readsNumbersAsExcelShowsThemWithoutBinaryNoise(String stored, String read) throws IOException {
        byte[] xlsx = edited(w -> {
            XSSFCell c = cell(w, "B5");
            c.setCellValue(1);
            // the file's own text, as another program may have written it
            c.getCTCell().setV(stored);
        });

        BigDecimal value = fact(accepted(xlsx), "village.high_frequency_items");

        assertThat(value.toPlainString()).isEqualTo(read);
    }

    @Test
    void refusesANumberCellThatDoesNotHoldANumber() throws IOException {
        byte[] xlsx = edited(w -> {
            XSSFCell c = cell(w, "B5");
            c.setCellValue(1);
            c.getCTCell().setV("1E999999999");
        });

        assertThat(rejected(xlsx)).singleElement().asString()
                .startsWith("village.high_frequency_items (单元格 B5 / cell B5):")
                .contains("1E999999999", "does not hold a number");
    }

    @Test
    void readsANumberTypedIntoExcelExactly() {
        FactSheet sheet = accepted(Spreadsheets.xlsx(BASE));

        assertThat(fact(sheet, "digital.one_network_rate_pct")).isEqualTo(new BigDecimal("89.9"));
        assertThat(fact(sheet, "village.high_frequency_items")).isEqualTo(new BigDecimal("88"));
    }

    @Test
    void readsAPercentageFormattedCellAsThePercentageShown() throws IOException {
        byte[] xlsx = edited(w -> {
            XSSFCell c = cell(w, "B4");
            c.setCellValue(0.935);
            XSSFCellStyle percent = w.createCellStyle();
            percent.setDataFormat(w.createDataFormat().getFormat("0.0%"));
            c.setCellStyle(percent);
        });

        assertThat(fact(accepted(xlsx), "digital.one_network_rate_pct")).isEqualByComparingTo("93.5");
    }

    @Test
    void readsAPeriodThatExcelTurnedIntoADateAsItsMonth() throws IOException {
        byte[] xlsx = edited(w -> {
            XSSFCell c = cell(w, "B3");
            c.setCellValue(LocalDate.of(2023, 9, 1));
            XSSFCellStyle month = w.createCellStyle();
            month.setDataFormat(w.createDataFormat().getFormat("yyyy-mm"));
            c.setCellStyle(month);
        });

        assertThat(accepted(xlsx).period()).isEqualTo(java.time.YearMonth.of(2023, 9));
    }

    @Test
    void readsAMilestoneFromABooleanCell() throws IOException {
        byte[] xlsx = edited(w -> {
            cell(w, "A7").setCellValue("investment.one_stop_center_integrated");
            cell(w, "B7").setCellValue(true);
        });

        assertThat(accepted(xlsx).facts()).containsEntry("investment.one_stop_center_integrated", true);
    }

    @Test
    void readsOnlyTheFirstWorksheet() throws IOException {
        byte[] xlsx = edited(w -> w.createSheet("草稿").createRow(0).createCell(0).setCellFormula("1/0"));

        assertThat(accepted(xlsx).facts()).containsOnlyKeys("digital.one_network_rate_pct",
                "village.high_frequency_items");
    }

    @Test
    void refusesAZipBombByTheInflationRatio() throws IOException {
        byte[] xlsx = Spreadsheets.xlsx(BASE);
        String worksheet = Spreadsheets.entry(xlsx, "xl/worksheets/sheet1.xml");
        // 10 MB of blanks between elements (valid XML) deflate to a few kilobytes: a ratio far below 1 %
        byte[] bomb = Spreadsheets.rezip(xlsx, "xl/worksheets/sheet1.xml",
                worksheet.replace("<sheetData>", "<sheetData>" + " ".repeat(10_000_000)).getBytes(UTF_8));
        assertThat(bomb.length).isLessThan(100_000);

        assertThat(rejected(bomb)).singleElement().asString()
                .contains("压缩炸弹", "zip bomb", "refused");
    }

    @Test
    void refusesAPartThatInflatesPastTheSizeLimitEvenAtAnOrdinaryRatio() throws IOException {
        byte[] xlsx = Spreadsheets.xlsx(BASE);
        String worksheet = Spreadsheets.entry(xlsx, "xl/worksheets/sheet1.xml");
        // 17 MB of comment that deflates only some fifty-fold, so that the ratio guard alone would let it pass
        java.util.Random random = new java.util.Random(42);
        StringBuilder filler = new StringBuilder("<!--");
        for (int i = 0; i < 340_000; i++) {
            filler.append((char) ('0' + random.nextInt(10))).append(" ".repeat(49));
        }
        filler.append("-->");

        byte[] huge = Spreadsheets.rezip(xlsx, "xl/worksheets/sheet1.xml",
                worksheet.replace("<sheetData>", "<sheetData>" + filler).getBytes(UTF_8));

        assertThat(huge.length).as("under the file size limit, deflated at a ratio of at least 2 %")
                .isLessThan(SheetReader.MAX_BYTES).isGreaterThan(filler.length() / 50);
        assertThat(rejected(huge)).singleElement().asString().contains("zip bomb");
    }

    @Test
    void refusesAnExternalEntityWithoutReadingIt(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "机密 TOP-SECRET-42");
        byte[] xlsx = Spreadsheets.xlsx(BASE);
        String worksheet = Spreadsheets.entry(xlsx, "xl/worksheets/sheet1.xml")
                .replaceFirst("<\\?xml[^>]*\\?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<!DOCTYPE worksheet [<!ENTITY secret SYSTEM \"" + secret.toUri() + "\">]>")
                .replace("<row r=\"2\">", "<row r=\"9\"><c r=\"C9\" t=\"inlineStr\"><is><t>&secret;</t></is></c></row>"
                        + "<row r=\"2\">");

        List<String> errors = rejected(Spreadsheets.rezip(xlsx, "xl/worksheets/sheet1.xml", worksheet.getBytes(UTF_8)));

        assertThat(errors).singleElement().asString()
                .contains("not a valid Excel (.xlsx) file", "DOCTYPE")
                .doesNotContain("TOP-SECRET");
    }

    @Test
    void refusesAFileOverTheSizeLimitUnread() {
        byte[] large = Arrays.copyOf(Spreadsheets.xlsx(BASE), SheetReader.MAX_BYTES + 1);

        assertThat(rejected(large)).singleElement().asString().contains("文件过大", "too large");
    }

    @Test
    void refusesTheOversizedFileInAFolderWithoutReadingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("yiwu.xlsx");
        Files.write(file, new byte[SheetReader.MAX_BYTES + 1]);

        SheetBatch batch = reader.readFolder(dir);

        assertThat(batch.rejected()).singleElement().satisfies(r -> assertThat(r.errors()).singleElement().asString()
                .contains(String.valueOf(SheetReader.MAX_BYTES + 1), "too large"));
    }

    @Test
    void refusesAPdfNamedXlsx() {
        byte[] pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                .getBytes(UTF_8);

        assertThat(rejected(pdf)).singleElement().asString().contains("不是 Excel", "not an Excel (.xlsx) file");
    }

    @Test
    void refusesAnOldXlsFileAskingForXlsx() throws IOException {
        byte[] xls;
        try (HSSFWorkbook old = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            old.createSheet("报表").createRow(0).createCell(0).setCellValue("字段 field");
            old.write(out);
            xls = out.toByteArray();
        }

        assertThat(rejected(xls)).singleElement().asString().contains(".xls", "save it as .xlsx");
    }

    @Test
    void refusesAWorkbookWhoseFirstWorksheetIsEmpty() throws IOException {
        byte[] xlsx;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.createSheet("空");
            workbook.write(out);
            xlsx = out.toByteArray();
        }

        assertThat(rejected(xlsx)).singleElement().asString().contains("表头", "no header");
    }


    /** The same zip with {@code name}'s content replaced, deflated. */
}
