package cn.jinhua.ducha.factsheet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import tools.jackson.databind.JsonNode;

/**
 * Sheets in the CSV and Excel layout for tests, written the way people and Excel write them: CSV through Commons
 * CSV in the charset asked, Excel through POI with typed cells (numbers as numbers, booleans as booleans).
 */
public final class Spreadsheets {

    public static final List<String> HEADER = List.of("字段 field", "值 value", "说明 note");

    private Spreadsheets() {
    }

    /**
     * One row: a field, its value (String, Number, Boolean or null), a note (or null), and what stands in the
     * columns after the note.
     */
    public record Line(String field, Object value, String note, List<Object> after) {

        public Line(String field, Object value, String note) {
            this(field, value, note, List.of());
        }

        public static Line of(String field, Object value) {
            return new Line(field, value, null);
        }
    }

    /** The rows of a JSON sheet (the contract's shape), in its order: unit, period, submittedBy, facts, progress. */
    public static List<Line> lines(JsonNode sheet) {
        List<Line> lines = new ArrayList<>();
        for (String field : List.of("unit", "period", "submittedBy")) {
            if (sheet.has(field)) {
                lines.add(Line.of(field, sheet.get(field).asString()));
            }
        }
        if (sheet.has("facts")) {
            for (Map.Entry<String, JsonNode> fact : sheet.get("facts").properties()) {
                JsonNode v = fact.getValue();
                lines.add(Line.of(fact.getKey(), v.isBoolean() ? (Object) v.booleanValue() : v.decimalValue()));
            }
        }
        if (sheet.has("progress")) {
            for (Map.Entry<String, JsonNode> p : sheet.get("progress").properties()) {
                JsonNode note = p.getValue().get("note");
                lines.add(new Line("progress." + p.getKey(), p.getValue().get("status").asString(),
                        note == null ? null : note.asString()));
            }
        }
        return lines;
    }

    /** A CSV file of {@code lines} under {@code header}, in {@code charset}, with a byte-order mark if asked. */
    public static byte[] csv(List<String> header, List<Line> lines, Charset charset, boolean bom) {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.EXCEL)) {
            printer.printRecord(header);
            for (Line line : lines) {
                List<Object> record = new ArrayList<>(List.of("", "", ""));
                record.set(0, line.field());
                record.set(1, csvValue(line.value()));
                record.set(2, line.note());
                line.after().forEach(a -> record.add(csvValue(a)));
                printer.printRecord(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ((bom ? "\uFEFF" : "") + text).getBytes(charset);
    }

    public static byte[] csv(List<Line> lines, Charset charset) {
        return csv(HEADER, lines, charset, false);
    }

    private static String csvValue(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value == null ? null : value.toString();
    }

    /** An .xlsx file whose first worksheet holds {@code lines} under {@code header}, cells typed by value. */
    public static byte[] xlsx(List<String> header, List<Line> lines) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet("报表");
            XSSFRow head = sheet.createRow(0);
            for (int c = 0; c < header.size(); c++) {
                head.createCell(c).setCellValue(header.get(c));
            }
            int r = 1;
            for (Line line : lines) {
                XSSFRow row = sheet.createRow(r++);
                if (line.field() != null) {
                    row.createCell(0).setCellValue(line.field());
                }
                set(row, 1, line.value());
                if (line.note() != null) {
                    row.createCell(2).setCellValue(line.note());
                }
                for (int c = 0; c < line.after().size(); c++) {
                    set(row, 3 + c, line.after().get(c));
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] xlsx(List<Line> lines) {
        return xlsx(HEADER, lines);
    }

    /** Sets a cell as a person typing {@code value} would: a number, a boolean or text. */
    public static void set(XSSFRow row, int column, Object value) {
        if (value instanceof Number n) {
            row.createCell(column).setCellValue(new BigDecimal(n.toString()).doubleValue());
        } else if (value instanceof Boolean b) {
            row.createCell(column).setCellValue(b);
        } else if (value != null) {
            row.createCell(column).setCellValue(value.toString());
        }
    }

    /**
     * A downloaded template filled in as a person does in Excel: the sheet's values typed into column B (是/否 for
     * milestones), its progress statuses and notes, and who submits it.
     */
    public static byte[] fill(byte[] template, FactSheet sheet) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            rowOf(workbook, "submittedBy").getCell(ExcelTemplate.VALUE).setCellValue(sheet.submittedBy());
            sheet.facts().forEach((metric, value) -> set(rowOf(workbook, metric), ExcelTemplate.VALUE,
                    value instanceof Boolean b ? (b ? "是" : "否") : value));
            sheet.progress().forEach((task, p) -> {
                XSSFRow row = rowOf(workbook, "progress." + task);
                row.getCell(ExcelTemplate.VALUE).setCellValue(p.status().name());
                if (p.note() != null) {
                    row.getCell(ExcelTemplate.NOTE).setCellValue(p.note());
                }
            });
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The row of a template whose column A names {@code field}. */
    public static XSSFRow rowOf(XSSFWorkbook workbook, String field) {
        XSSFSheet sheet = workbook.getSheetAt(0);
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
            if (sheet.getRow(r).getCell(ExcelTemplate.FIELD).getStringCellValue().equals(field)) {
                return sheet.getRow(r);
            }
        }
        throw new AssertionError("no row for " + field);
    }

    /** The same unit, period, sender, facts (by value) and progress as {@code expected}. */
    public static void assertSameFacts(FactSheet actual, FactSheet expected) {
        assertThat(actual.unit()).isEqualTo(expected.unit());
        assertThat(actual.period()).isEqualTo(expected.period());
        assertThat(actual.submittedBy()).isEqualTo(expected.submittedBy());
        assertThat(actual.facts())
                .usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(expected.facts());
        assertThat(actual.facts()).containsOnlyKeys(expected.facts().keySet());
        assertThat(actual.progress()).isEqualTo(expected.progress());
    }

    /** The text of one part of a zip (an .xlsx). */
    public static String entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return new String(in.readAllBytes(), UTF_8);
                }
            }
        }
        throw new AssertionError("no " + name);
    }

    /** The zip (an .xlsx) with one part's bytes replaced. */
    public static byte[] rezip(byte[] zip, String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream rezipped = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                rezipped.putNextEntry(new ZipEntry(e.getName()));
                rezipped.write(e.getName().equals(name) ? content : in.readAllBytes());
                rezipped.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
