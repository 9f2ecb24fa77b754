package cn.jinhua.ducha.factsheet;

import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Text written into a workbook as text, never as a formula (the formula guard of every workbook Ducha writes: the
 * template and the brief). Each text is a string cell; text that a spreadsheet would take for a formula once the
 * cell is edited ({@code = + - @} first, or a tab or carriage return) is quote-prefixed, so that even a hostile note
 * stays inert.
 */
public final class TextCells {

    private final XSSFWorkbook workbook;
    private final Map<XSSFCellStyle, XSSFCellStyle> quoted = new HashMap<>();

    public TextCells(XSSFWorkbook workbook) {
        this.workbook = workbook;
    }

    /**
     * Writes {@code value} into a new cell of {@code row} as a string cell in {@code style}, quote-prefixed where it
     * looks like a formula; a null value leaves the cell blank in {@code style}.
     */
    public XSSFCell put(XSSFRow row, int column, String value, XSSFCellStyle style) {
        XSSFCell cell = row.createCell(column);
        if (value == null) {
            cell.setCellStyle(style);
            return cell;
        }
        cell.setCellValue(value);
        cell.setCellStyle(looksLikeFormula(value) ? quoted(style) : style);
        if (cell.getCellType() != CellType.STRING) {
            throw new IllegalStateException("not written as text: " + cell.getAddress());
        }
        return cell;
    }

    /** Whether a spreadsheet would start a formula with this text once its cell is edited. */
    public static boolean looksLikeFormula(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
    }

    private XSSFCellStyle quoted(XSSFCellStyle style) {
        return quoted.computeIfAbsent(style, s -> {
            XSSFCellStyle q = workbook.createCellStyle();
            q.cloneStyleFrom(s);
            q.setQuotePrefixed(true);
            return q;
        });
    }
}
