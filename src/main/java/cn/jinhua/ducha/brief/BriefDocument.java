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
    /** The language of the English edition's runs. */
    static final String ENGLISH_LANGUAGE = "en-GB";

    /** The styles the document defines: its title and two levels of headings (Word's navigation reads them). */
    static final String TITLE = "Title";
    static final String HEADING_1 = "Heading1";
    static final String HEADING_2 = "Heading2";

    private static final double BODY_POINTS = 16;   // 三号
    private static final double TABLE_POINTS = 10.5; // 五号
    /** The width between the margins, in twentieths of a point. */
    private static final long TEXT_WIDTH = 11906 - 1587 - 1474;

    private final XWPFDocument doc;
    /** The English edition: Latin text in Times New Roman throughout (East Asian fonts still set), language en-GB. */
    private final boolean english;

    private BriefDocument(XWPFDocument doc, boolean english) {
        this.doc = doc;
        this.english = english;
    }

    /** The document's bytes (.docx), in the brief's language. */
    public static byte[] write(Brief brief) {
        BriefWords w = brief.words();
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            BriefDocument writer = new BriefDocument(doc, w.isEnglish());
            writer.styles();
            writer.page();
            Map<Section, BriefTables.Table> tables = BriefTables.of(brief);

            XWPFParagraph title = writer.paragraph(TITLE, ParagraphAlignment.CENTER);
            writer.run(title, brief.title(), TITLE_FONT, writer.english ? LATIN_FONT : TITLE_FONT, 22,
                    writer.english);
            XWPFParagraph issue = writer.paragraph(null, ParagraphAlignment.CENTER);
            writer.run(issue, brief.issue(), BODY_FONT, LATIN_FONT, BODY_POINTS, false);
            XWPFParagraph from = writer.paragraph(null, ParagraphAlignment.CENTER);
            writer.run(from, w.get("issuer"), BODY_FONT, LATIN_FONT, 12, false);
            XWPFParagraph subtitle = writer.paragraph(null, ParagraphAlignment.CENTER);
            writer.run(subtitle, w.format("subtitle", brief.period(), brief.asOfDay()), BODY_FONT, LATIN_FONT, 10.5,
                    false);

            Object[] intro = {Brief.MEETINGS, brief.period().getYear(), brief.period().getMonthValue(),
                brief.asOfDay(), brief.since(), brief.period()};
            writer.text(w.format("intro", intro));
            String note = w.format("intro.note", intro);
            if (!note.isEmpty()) {
                writer.text(note, 11);
            }

            int n = 0;
            writer.heading(HEADING_1, w.number(n++), Section.SUMMARY, w);
            Brief.Summary s = brief.summary();
            writer.text(w.format("summary", s.units(), s.commitments(), s.judged(), light(s, 0), light(s, 1),
                    light(s, 2), light(s, 3), s.alerts(), brief.since(), brief.raised().size(),
                    brief.escalated().size(), brief.closed().size(), brief.overdue().size()));
            writer.table(tables.get(Section.SUMMARY));

            writer.heading(HEADING_1, w.number(n++), Section.AREAS, w);
            writer.table(tables.get(Section.AREAS));
            writer.heading(HEADING_1, w.number(n++), Section.UNITS, w);
            writer.table(tables.get(Section.UNITS));
            writer.heading(HEADING_1, w.number(n++), Section.RANKING, w);
            writer.table(tables.get(Section.RANKING));
            if (brief.ranking().available()) {
                writer.text(brief.ranking().note(), 10.5);
            }

            String after = w.format("alerts.heading.en", brief.since());
            writer.heading(HEADING_1, w.number(n++) + (w.isEnglish() ? w.get("alerts.heading") + " " + after
                    : w.heading(w.get("alerts.heading"), after)));
            int m = 0;
            for (Section section : List.of(Section.RAISED, Section.ESCALATED, Section.CLOSED)) {
                writer.heading(HEADING_2, w.subNumber(m++), section, w);
                writer.table(tables.get(section));
            }
            for (Section section : List.of(Section.OVERDUE, Section.SILENT, Section.WORST)) {
                writer.heading(HEADING_1, w.number(n++), section, w);
                writer.table(tables.get(section));
            }
            writer.text(w.get("footnote"), 10.5);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int light(Brief.Summary s, int index) {
        return s.lights().get(Lights.ORDER.get(index));
    }

    /**
     * The defaults of every run (仿宋_GB2312, Times New Roman for Latin text, zh-CN; en-GB spelling in the English
     * edition, whose title and headings are Times New Roman too) and the heading styles.
     */
    private void styles() {
        XWPFStyles styles = doc.createStyles();
        styles.setDefaultFonts(fonts(BODY_FONT, LATIN_FONT));
        styles.setEastAsia("zh-CN");
        styles.setSpellingLanguage(english ? ENGLISH_LANGUAGE : "zh-CN");
        styles.addStyle(style(TITLE, "Title", TITLE_FONT, english ? LATIN_FONT : TITLE_FONT, 22, 0));
        String headings = english ? LATIN_FONT : HEADING_FONT;
        styles.addStyle(style(HEADING_1, "heading 1", HEADING_FONT, headings, BODY_POINTS, 0));
        styles.addStyle(style(HEADING_2, "heading 2", HEADING_FONT, headings, 14, 1));
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
    private void page() {
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

    private XWPFParagraph paragraph(String style, ParagraphAlignment alignment) {
        XWPFParagraph p = doc.createParagraph();
        if (style != null) {
            p.setStyle(style);
        }
        if (alignment != null) {
            p.setAlignment(alignment);
        }
        return p;
    }

    /** A section's heading: its number, then its name in Chinese and English, or in English alone. */
    private void heading(String style, String number, Section section, BriefWords w) {
        heading(style, number + w.heading(section.chinese(), section.english()));
    }

    private void heading(String style, String text) {
        XWPFParagraph p = paragraph(style, null);
        run(p, text, HEADING_FONT, english ? LATIN_FONT : HEADING_FONT, HEADING_1.equals(style) ? BODY_POINTS : 14,
                english);
    }

    private void text(String text) {
        text(text, BODY_POINTS);
    }

    private void text(String text, double points) {
        XWPFParagraph p = paragraph(null, ParagraphAlignment.BOTH);
        p.setIndentationFirstLine((int) Math.round(points * 2 * 20)); // two characters
        run(p, text, BODY_FONT, LATIN_FONT, points, false);
    }

    /**
     * A run in the given fonts, East Asian and Latin both named, and the language zh-CN (en-GB in the English
     * edition, its East Asian language zh-CN still, for any name that has no English).
     */
    private XWPFRun run(XWPFParagraph p, String text, String eastAsia, String latin, double points, boolean bold) {
        XWPFRun r = p.createRun();
        r.setText(Lights.printable(text));
        r.setFontFamily(eastAsia, XWPFRun.FontCharRange.eastAsia);
        r.setFontFamily(latin, XWPFRun.FontCharRange.ascii);
        r.setFontFamily(latin, XWPFRun.FontCharRange.hAnsi);
        r.setFontFamily(latin, XWPFRun.FontCharRange.cs);
        if (english) {
            r.setLang(ENGLISH_LANGUAGE);
            r.getCTR().getRPr().getLangArray(0).setEastAsia("zh-CN");
        } else {
            r.setLang("zh-CN");
        }
        r.setFontSize(points);
        r.setBold(bold);
        return r;
    }

    private void table(BriefTables.Table table) {
        List<Integer> shown = new java.util.ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.columns().get(i).inDocument()) {
                shown.add(i);
            }
        }
        if (table.rows().isEmpty()) {
            text(table.empty(), TABLE_POINTS * 1.2);
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
            run(cell.getParagraphs().get(0), column.header(), HEADING_FONT, english ? LATIN_FONT : HEADING_FONT,
                    TABLE_POINTS, english);
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
