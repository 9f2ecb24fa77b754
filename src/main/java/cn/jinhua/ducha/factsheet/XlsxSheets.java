package cn.jinhua.ducha.factsheet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.EmptyFileException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads an Excel sheet's rows (the layout of {@link SheetRows}) from the first worksheet: column A the field, B the
 * value, C the note; later columns are the template's labels and are ignored. Formulas are never evaluated: a
 * formula cell is refused, naming the cell. Numbers are read from the file's own text as Excel shows them, to 15
 * significant digits, so that the binary noise Excel writes ({@code 89.900000000000006}) is not taken for data.
 */
final class XlsxSheets {

    /** Excel keeps 15 significant digits; anything past them in the file is the binary double's noise. */
    private static final MathContext EXCEL_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);
    /** The largest part of a workbook inflated: a filled template's worksheet is some tens of kilobytes. */
    private static final long MAX_ENTRY_BYTES = 16L * 1024 * 1024;
    private static final double MIN_INFLATE_RATIO = 0.01;
    private static final long MAX_PARTS = 200;

    static {
        // POI's zip-bomb guards are process-wide: they are set once here, before this class opens any workbook, and
        // only ever tightened, never loosened below POI's defaults.
        ZipSecureFile.setMinInflateRatio(Math.max(ZipSecureFile.getMinInflateRatio(), MIN_INFLATE_RATIO));
        ZipSecureFile.setMaxEntrySize(Math.min(ZipSecureFile.getMaxEntrySize(), MAX_ENTRY_BYTES));
        ZipSecureFile.setMaxFileCount(Math.min(ZipSecureFile.getMaxFileCount(), MAX_PARTS));
    }

    private XlsxSheets() {
    }

    static SheetRows.Read read(byte[] bytes) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            if (workbook.getNumberOfSheets() == 0) {
                return SheetRows.Read.unreadable("工作簿没有工作表 / the workbook has no worksheet");
            }
            return rows(workbook.getSheetAt(0));
        } catch (OLE2NotOfficeXmlFileException e) {
            return SheetRows.Read.unreadable("这是旧版 Excel 97-2003 (.xls) 文件，请另存为 .xlsx / this is an old Excel "
                    + "97-2003 (.xls) file: save it as .xlsx");
        } catch (NotOfficeXmlFileException | EmptyFileException e) {
            return SheetRows.Read.unreadable("不是 Excel (.xlsx) 文件 / not an Excel (.xlsx) file");
        } catch (IOException | RuntimeException e) {
            if (isZipBomb(e)) {
                return SheetRows.Read.unreadable("文件解压后远大于其本身(疑似压缩炸弹)，已拒绝 / the file inflates far "
                        + "beyond its size (a zip bomb?) and is refused");
            }
            return SheetRows.Read.unreadable("不是有效的 Excel (.xlsx) 文件 / not a valid Excel (.xlsx) file: "
                    + e.getMessage());
        }
    }

    private static boolean isZipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && (t.getMessage().contains("Zip bomb")
                    || t.getMessage().contains(ZipSecureFile.MAX_FILE_COUNT_MSG))) {
                return true;
            }
        }
        return false;
    }

    private static SheetRows.Read rows(XSSFSheet sheet) {
        List<SheetRows.Row> rows = new ArrayList<>();
        boolean header = false;
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
            XSSFRow xr = sheet.getRow(r);
            if (xr == null) {
                continue;
            }
            String ignored = ignoredCellsError(xr, r);
            if (ignored != null) {
                return SheetRows.Read.unreadable(ignored);
            }
            SheetRows.Row row = new SheetRows.Row(text(xr.getCell(0)), value(xr.getCell(1)), text(xr.getCell(2)),
                    at(r, 0), at(r, 1), at(r, 2));
            if (row.isBlank()) {
                continue;
            }
            if (!header) {
                if (!SheetRows.isHeader(row)) {
                    return SheetRows.Read.unreadable(SheetRows.notAHeader(row, "第 %d 行 / row %d".formatted(r + 1,
                            r + 1)));
                }
                header = true;
                continue;
            }
            rows.add(row);
        }
        if (!header) {
            return SheetRows.Read.unreadable("第一个工作表为空，缺少表头“%s” / the first worksheet is empty: no header \"%s\""
                    .formatted(SheetRows.HEADER, SheetRows.HEADER));
        }
        return SheetRows.Read.of(rows);
    }

    /**
     * The cells intake ignores (the template's labels, targets and last values, or anything typed beside them) stay in
     * the stored file, which someone will open in a spreadsheet: a formula there, or text that one would take for a
     * formula, refuses the sheet as it would in a read column.
     */
    private static String ignoredCellsError(XSSFRow xr, int r) {
        for (int c = 3; c < xr.getLastCellNum(); c++) {
            org.apache.poi.xssf.usermodel.XSSFCell cell = xr.getCell(c);
            if (cell == null) {
                continue;
            }
            if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.FORMULA) {
                String f = cell.getCellFormula();
                String shown = f.length() > 40 ? f.substring(0, 40) + "…" : f;
                return "%s: 含公式 =%s，不予接收 / holds the formula =%s and is refused".formatted(at(r, c), shown,
                        shown);
            }
            if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
                String error = SheetReader.textError(at(r, c), cell.getStringCellValue());
                if (error != null) {
                    return error;
                }
            }
        }
        return null;
    }

    private static String at(int row, int column) {
        String ref = new CellReference(row, column).formatAsString(false);
        return "单元格 %s / cell %s".formatted(ref, ref);
    }

    /** A field or note cell as text, or its refusal. */
    private static Object text(XSSFCell cell) {
        Object value = value(cell);
        return value == null || value instanceof SheetRows.Refused ? value : SheetRows.text(value);
    }

    /**
     * A cell as the layout reads it: null when blank, text, an exact number, a boolean, or a refusal. A date reads as
     * its text ({@code 2023-09} when it is the first of a month, as Excel makes of a typed {@code 2023-09}); a number
     * formatted as a percentage as {@code 93.5%}, the percentage shown.
     */
    private static Object value(XSSFCell cell) {
        if (cell == null) {
            return null;
        }
        return switch (cell.getCellType()) {
            case BLANK, _NONE -> null;
            case STRING -> {
                String text = cell.getStringCellValue().strip();
                yield text.isEmpty() ? null : text;
            }
            case BOOLEAN -> cell.getBooleanCellValue();
            case NUMERIC -> number(cell);
            case FORMULA -> new SheetRows.Refused(("含公式 =%s，公式不予计算，请直接填写数值 / holds the formula =%s: "
                    + "formulas are not evaluated, enter the value itself").formatted(cell.getCellFormula(),
                    cell.getCellFormula()));
            case ERROR -> new SheetRows.Refused("含错误值 %s / holds the error value %s".formatted(errorText(cell),
                    errorText(cell)));
        };
    }

    private static String errorText(XSSFCell cell) {
        try {
            return FormulaError.forInt(cell.getErrorCellValue()).getString();
        } catch (IllegalArgumentException e) {
            return "#?";
        }
    }

    private static Object number(XSSFCell cell) {
        if (DateUtil.isCellDateFormatted(cell)) {
            LocalDateTime at = cell.getLocalDateTimeCellValue();
            if (at.toLocalTime().toSecondOfDay() != 0) {
                return at.toString();
            }
            return at.getDayOfMonth() == 1 ? YearMonth.from(at).toString() : at.toLocalDate().toString();
        }
        String raw = cell.getRawValue() == null ? "" : cell.getRawValue().strip();
        if (!SheetRows.NUMBER.matcher(raw).matches()) {
            String shown = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
            return new SheetRows.Refused("数值单元格存的不是数 \"%s\" / the number cell does not hold a number: \"%s\""
                    .formatted(shown, shown));
        }
        BigDecimal exact = new BigDecimal(raw);
        BigDecimal shown = exact.round(EXCEL_DIGITS).stripTrailingZeros();
        if (shown.scale() < 0) {
            shown = shown.setScale(0);
        }
        String format = cell.getCellStyle() == null ? null : cell.getCellStyle().getDataFormatString();
        if (format != null && format.replaceAll("\"[^\"]*\"", "").contains("%")) {
            BigDecimal points = shown.movePointRight(2).stripTrailingZeros();
            return (points.scale() < 0 ? points.setScale(0) : points).toPlainString() + "%";
        }
        return shown;
    }
}
