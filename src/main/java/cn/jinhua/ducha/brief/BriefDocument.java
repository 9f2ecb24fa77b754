package cn.jinhua.ducha.brief;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;

/**
 * The brief as a Word document in the form of a 督查通报: the title in 方正小标宋, headings in 黑体, text in
 * 仿宋_GB2312 (GB/T 9704's fonts for official documents), set for East Asian text and Latin text alike, in the
 * document's defaults and on every run, with the language zh-CN, so that Word and LibreOffice pick a Chinese face
 * (or their substitute for it) rather than a Western one.
 */
public final class BriefDocument {

    /** The fonts: East Asian text and Latin text (figures, codes) of each kind of paragraph. */
    static final String TITLE_FONT = "方正小标宋简体";
    static final String HEADING_FONT = "黑体";
    static final String BODY_FONT = "仿宋_GB2312";
    static final String LATIN_FONT = "Times New Roman";

    /** The styles the document defines: its title and two levels of headings (Word's navigation reads them). */
    static final String TITLE = "Title";
    static final String HEADING_1 = "Heading1";
    static final String HEADING_2 = "Heading2";

    private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    private static final double BODY_POINTS = 16;   // 三号
    private static final double TABLE_POINTS = 10.5; // 五号
    /** The width between the margins, in twentieths of a point. */
    private static final long TEXT_WIDTH = 11906 - 1587 - 1474;

    private BriefDocument() {
    }

    /** The document's bytes (.docx). */
    public static byte[] write(Brief brief) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            styles(doc);
            page(doc);
            Map<Section, BriefTables.Table> tables = BriefTables.of(brief);

            XWPFParagraph title = paragraph(doc, TITLE, ParagraphAlignment.CENTER);
            run(title, Brief.TITLE, TITLE_FONT, TITLE_FONT, 22, false);
            XWPFParagraph issue = paragraph(doc, null, ParagraphAlignment.CENTER);
            run(issue, brief.issue(), BODY_FONT, LATIN_FONT, BODY_POINTS, false);
            XWPFParagraph from = paragraph(doc, null, ParagraphAlignment.CENTER);
            run(from, Brief.ISSUER, BODY_FONT, LATIN_FONT, 12, false);
            XWPFParagraph english = paragraph(doc, null, ParagraphAlignment.CENTER);
            run(english, "Jinhua business-environment reform (一号改革工程): supervision brief, %s · values as of %s"
                    .formatted(brief.period(), brief.asOfDay()), BODY_FONT, LATIN_FONT, 10.5, false);

            text(doc, "根据“%s”的要求，现将 %d 年 %d 月（数据截至 %s）各地各单位“一号改革工程”承诺落实情况通报如下。预警动态统计 %s 之后的变化。"
                    .formatted(Brief.MEETINGS, brief.period().getYear(), brief.period().getMonthValue(),
                            brief.asOfDay(), brief.since()));
            text(doc, ("As the plan asks (regular meetings of the task force, in principle every two weeks), this brief "
                    + "reports how the units stand on the plan's commitments in %s, and the alerts' changes after %s.")
                    .formatted(brief.period(), brief.since()), 11);

            int n = 0;
            heading(doc, HEADING_1, NUMERALS[n++] + "、" + Section.SUMMARY.chinese(), Section.SUMMARY.english());
            Brief.Summary s = brief.summary();
            text(doc, ("本期评判 %d 个单位、%d 项承诺，得出有灯结论 %d 条：绿灯 %d 条、黄灯 %d 条、红灯 %d 条、灰灯(未报数据) %d 条；"
                    + "本期评判发出预警 %d 条。%s 之后新发预警 %d 条、督办升级 %d 条、关闭与解除 %d 条；整改逾期 %d 条。")
                    .formatted(s.units(), s.commitments(), s.judged(), light(s, 0), light(s, 1), light(s, 2),
                            light(s, 3), s.alerts(), brief.since(), brief.raised().size(), brief.escalated().size(),
                            brief.closed().size(), brief.overdue().size()));
            table(doc, tables.get(Section.SUMMARY));

            heading(doc, HEADING_1, NUMERALS[n++] + "、" + Section.AREAS.chinese(), Section.AREAS.english());
            table(doc, tables.get(Section.AREAS));
            heading(doc, HEADING_1, NUMERALS[n++] + "、" + Section.UNITS.chinese(), Section.UNITS.english());
            table(doc, tables.get(Section.UNITS));
            heading(doc, HEADING_1, NUMERALS[n++] + "、" + Section.RANKING.chinese(), Section.RANKING.english());
            table(doc, tables.get(Section.RANKING));
            if (brief.ranking().available()) {
                text(doc, brief.ranking().note(), 10.5);
            }

            heading(doc, HEADING_1, NUMERALS[n++] + "、预警动态", "Alerts after " + brief.since());
            int m = 0;
            for (Section section : List.of(Section.RAISED, Section.ESCALATED, Section.CLOSED)) {
                heading(doc, HEADING_2, "（" + NUMERALS[m++] + "）" + section.chinese(), section.english());
                table(doc, tables.get(section));
            }
            for (Section section : List.of(Section.OVERDUE, Section.SILENT, Section.WORST)) {
                heading(doc, HEADING_1, NUMERALS[n++] + "、" + section.chinese(), section.english());
                table(doc, tables.get(section));
            }
            text(doc, "附：全部评判结论见同期 Excel 通报（“全部结论”工作表）。/ Every verdict is in the workbook of the same "
                    + "brief (sheet 全部结论 Verdicts).", 10.5);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int light(Brief.Summary s, int index) {
        return s.lights().get(Lights.ORDER.get(index));
    }

    /** The defaults of every run (仿宋_GB2312, Times New Roman for Latin text, zh-CN) and the heading styles. */
    private static void styles(XWPFDocument doc) {
        XWPFStyles styles = doc.createStyles();
        styles.setDefaultFonts(fonts(BODY_FONT, LATIN_FONT));
        styles.setEastAsia("zh-CN");
        styles.setSpellingLanguage("zh-CN");
        styles.addStyle(style(TITLE, "Title", TITLE_FONT, TITLE_FONT, 22, 0));
        styles.addStyle(style(HEADING_1, "heading 1", HEADING_FONT, HEADING_FONT, BODY_POINTS, 0));
        styles.addStyle(style(HEADING_2, "heading 2", HEADING_FONT, HEADING_FONT, 14, 1));
    }

    private static CTFonts fonts(String eastAsia, String latin) {
        CTFonts fonts = CTFonts.Factory.newInstance();
        fonts.setEastAsia(eastAsia);
        fonts.setAscii(latin);
        fonts.setHAnsi(latin);
        fonts.setCs(latin);
        return fonts;
    }

    private static XWPFStyle style(String id, String name, String eastAsia, String latin, double points, int level) {
        CTStyle ct = CTStyle.Factory.newInstance();
        ct.setStyleId(id);
        ct.setType(STStyleType.PARAGRAPH);
        ct.addNewName().setVal(name);
        ct.addNewQFormat();
        CTPPrGeneral p = ct.addNewPPr();
        p.addNewKeepNext();
        p.addNewOutlineLvl().setVal(BigInteger.valueOf(level));
        p.addNewSpacing().setBefore(BigInteger.valueOf(240));
        CTRPr r = ct.addNewRPr();
        r.addNewRFonts().set(fonts(eastAsia, latin));
        r.addNewSz().setVal(BigInteger.valueOf(Math.round(points * 2)));
        r.addNewLang().setEastAsia("zh-CN");
        XWPFStyle style = new XWPFStyle(ct);
        style.setType(STStyleType.PARAGRAPH);
        return style;
    }

    /** A4 portrait, margins of GB/T 9704 (37 mm top, 35 mm bottom, 28 mm left, 26 mm right). */
    private static void page(XWPFDocument doc) {
        CTSectPr section = doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = section.addNewPgSz();
        size.setW(BigInteger.valueOf(11906));
        size.setH(BigInteger.valueOf(16838));
        CTPageMar margins = section.addNewPgMar();
        margins.setTop(BigInteger.valueOf(2098));
        margins.setBottom(BigInteger.valueOf(1984));
        margins.setLeft(BigInteger.valueOf(1587));
        margins.setRight(BigInteger.valueOf(1474));
    }

    private static XWPFParagraph paragraph(XWPFDocument doc, String style, ParagraphAlignment alignment) {
        XWPFParagraph p = doc.createParagraph();
        if (style != null) {
            p.setStyle(style);
        }
        if (alignment != null) {
            p.setAlignment(alignment);
        }
        return p;
    }

    private static void heading(XWPFDocument doc, String style, String chinese, String english) {
        XWPFParagraph p = paragraph(doc, style, null);
        run(p, chinese + " / " + english, HEADING_FONT, HEADING_FONT, HEADING_1.equals(style) ? BODY_POINTS : 14,
                false);
    }

    private static void text(XWPFDocument doc, String text) {
        text(doc, text, BODY_POINTS);
    }

    private static void text(XWPFDocument doc, String text, double points) {
        XWPFParagraph p = paragraph(doc, null, ParagraphAlignment.BOTH);
        p.setIndentationFirstLine((int) Math.round(points * 2 * 20)); // two characters
        run(p, text, BODY_FONT, LATIN_FONT, points, false);
    }

    /** A run in the given fonts, East Asian and Latin both named, and the language zh-CN. */
    private static XWPFRun run(XWPFParagraph p, String text, String eastAsia, String latin, double points,
                               boolean bold) {
        XWPFRun r = p.createRun();
        r.setText(Lights.printable(text));
        r.setFontFamily(eastAsia, XWPFRun.FontCharRange.eastAsia);
        r.setFontFamily(latin, XWPFRun.FontCharRange.ascii);
        r.setFontFamily(latin, XWPFRun.FontCharRange.hAnsi);
        r.setFontFamily(latin, XWPFRun.FontCharRange.cs);
        r.setLang("zh-CN");
        r.setFontSize(points);
        r.setBold(bold);
        return r;
    }

    private static void table(XWPFDocument doc, BriefTables.Table table) {
        List<Integer> shown = new java.util.ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.columns().get(i).inDocument()) {
                shown.add(i);
            }
        }
        if (table.rows().isEmpty()) {
            text(doc, table.empty(), TABLE_POINTS * 1.2);
            return;
        }
        XWPFTable t = doc.createTable(table.rows().size() + 1, shown.size());
        t.setWidth("100%");
        t.getCTTbl().getTblPr().addNewTblLayout().setType(STTblLayoutType.FIXED);
        double weights = shown.stream().mapToDouble(i -> table.columns().get(i).weight()).sum();
        List<String> widths = shown.stream().map(i -> Long.toString(Math.round(TEXT_WIDTH
                * table.columns().get(i).weight() / weights))).toList();
        var grid = t.getCTTbl().getTblGrid();
        for (int c = 0; grid != null && c < grid.sizeOfGridColArray() && c < widths.size(); c++) {
            grid.getGridColArray(c).setW(new BigInteger(widths.get(c)));
        }
        XWPFTableRow header = t.getRow(0);
        header.setRepeatHeader(true);
        for (int c = 0; c < shown.size(); c++) {
            BriefTables.Column column = table.columns().get(shown.get(c));
            XWPFTableCell cell = header.getCell(c);
            cell.setWidth(widths.get(c));
            cell.setColor("F2F2F2");
            run(cell.getParagraphs().get(0), column.header(), HEADING_FONT, HEADING_FONT, TABLE_POINTS, false);
        }
        for (int r = 0; r < table.rows().size(); r++) {
            List<BriefTables.Cell> row = table.rows().get(r);
            XWPFTableRow tr = t.getRow(r + 1);
            tr.setCantSplitRow(true);
            for (int c = 0; c < shown.size(); c++) {
                BriefTables.Cell value = row.get(shown.get(c));
                XWPFTableCell cell = tr.getCell(c);
                cell.setWidth(widths.get(c));
                if (value.light() != null) {
                    cell.setColor(Lights.fill(value.light()));
                }
                XWPFParagraph p = cell.getParagraphs().get(0);
                if (value.count() != null) {
                    p.setAlignment(ParagraphAlignment.RIGHT);
                }
                run(p, value.text(), BODY_FONT, LATIN_FONT, TABLE_POINTS, false);
            }
        }
        doc.createParagraph();
    }
}
