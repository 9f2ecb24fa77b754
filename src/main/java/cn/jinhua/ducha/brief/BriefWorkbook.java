package cn.jinhua.ducha.brief;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import cn.jinhua.ducha.evaluation.Light;
import cn.jinhua.ducha.factsheet.TextCells;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The brief as a workbook: one worksheet per section, in the document's order, with every column; the last one
 * holds every verdict of the run. Each sheet's table has an auto-filter and a frozen header row; a light is the
 * cell's fill as well as its label. Counts are numbers; everything else is text, written through the formula guard
 * ({@link TextCells}), so nothing a sheet or a note said can become a formula.
 */
public final class BriefWorkbook {

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final TextCells cells = new TextCells(workbook);
    private final XSSFCellStyle header;
    private final XSSFCellStyle text;
    private final XSSFCellStyle count;
    private final Map<Light, XSSFCellStyle> litText = new EnumMap<>(Light.class);
    private final Map<Light, XSSFCellStyle> litCount = new EnumMap<>(Light.class);

    /** The English edition's font: a Latin face (the Chinese edition's are 黑体 and 宋体). */
    static final String ENGLISH_FONT = "Arial";

    private BriefWorkbook(boolean english) {
        XSSFFont bold = workbook.createFont();
        bold.setBold(true);
        bold.setFontName(english ? ENGLISH_FONT : "黑体");
        XSSFFont plain = workbook.createFont();
        plain.setFontName(english ? ENGLISH_FONT : "宋体");
        header = fill(style(bold, true), "F2F2F2");
        text = style(plain, true);
        count = style(plain, false);
        for (Light l : Light.values()) {
            litText.put(l, fill(style(plain, true), Lights.fill(l)));
            litCount.put(l, fill(style(plain, false), Lights.fill(l)));
        }
    }

    /** The workbook's bytes (.xlsx), in the brief's language. */
    public static byte[] write(Brief brief) {
        BriefWorkbook book = new BriefWorkbook(brief.isEnglish());
        try (XSSFWorkbook workbook = book.workbook; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Map<Section, BriefTables.Table> tables = BriefTables.of(brief);
            for (Section section : Section.values()) {
                book.sheet(section, tables.get(section), brief);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sheet(Section section, BriefTables.Table table, Brief brief) {
        BriefWords w = brief.words();
        XSSFSheet sheet = workbook.createSheet(w.sheet(section));
        XSSFRow title = sheet.createRow(0);
        cells.put(title, 0, w.format("sheet.title", brief.title(), brief.issue(),
                w.heading(section.chinese(), section.english())), header);
        List<BriefTables.Column> columns = table.columns();
        XSSFRow head = sheet.createRow(1);
        for (int c = 0; c < columns.size(); c++) {
            cells.put(head, c, columns.get(c).header(), header);
        }
        int r = 2;
        for (List<BriefTables.Cell> row : table.rows()) {
            XSSFRow xr = sheet.createRow(r++);
            for (int c = 0; c < row.size(); c++) {
                BriefTables.Cell cell = row.get(c);
                if (cell.count() != null) {
                    var x = xr.createCell(c);
                    x.setCellValue(cell.count());
                    x.setCellStyle(cell.light() == null ? count : litCount.get(cell.light()));
                } else {
                    cells.put(xr, c, Lights.printable(cell.text()),
                            cell.light() == null ? text : litText.get(cell.light()));
                }
            }
        }
        if (table.rows().isEmpty()) {
            cells.put(sheet.createRow(r), 0, table.empty(), text);
        } else {
            sheet.setAutoFilter(new CellRangeAddress(1, r - 1, 0, columns.size() - 1));
        }
        if (section == Section.RANKING && brief.ranking().available()) {
            cells.put(sheet.createRow(r + 1), 0, brief.ranking().note(), text);
        }
        sheet.createFreezePane(0, 2);
        for (int c = 0; c < columns.size(); c++) {
            sheet.setColumnWidth(c, width(columns.get(c).header(), table));
        }
    }

    /** Wide enough for the header and most cells, at most 60 characters (long text wraps). */
    private static int width(String header, BriefTables.Table table) {
        int column = table.columns().stream().map(BriefTables.Column::header).toList().indexOf(header);
        int widest = display(header);
        for (List<BriefTables.Cell> row : table.rows()) {
            widest = Math.max(widest, display(row.get(column).text()));
        }
        return Math.min(60, Math.max(8, widest + 2)) * 256;
    }

    /** Display width: a CJK character counts two. */
    private static int display(String text) {
        return text.codePoints().map(c -> c >= 0x2E80 ? 2 : 1).sum();
    }

    private XSSFCellStyle style(XSSFFont font, boolean wrap) {
        XSSFCellStyle s = workbook.createCellStyle();
        s.setFont(font);
        s.setWrapText(wrap);
        s.setVerticalAlignment(VerticalAlignment.TOP);
        return s;
    }

    private static XSSFCellStyle fill(XSSFCellStyle style, String rgb) {
        style.setFillForegroundColor(new XSSFColor(hex(rgb), null));
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        return style;
    }

    private static byte[] hex(String rgb) {
        return new byte[] {(byte) Integer.parseInt(rgb.substring(0, 2), 16),
            (byte) Integer.parseInt(rgb.substring(2, 4), 16), (byte) Integer.parseInt(rgb.substring(4, 6), 16)};
    }
}
