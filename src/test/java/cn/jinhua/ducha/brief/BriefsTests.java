package cn.jinhua.ducha.brief;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import cn.jinhua.ducha.alerting.MovableClock;
import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.TrackedAlert;
import cn.jinhua.ducha.evaluation.Light;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.ranking.Ranking;
import cn.jinhua.ducha.ranking.Rankings;
import cn.jinhua.ducha.rulebook.Rulebook;
import cn.jinhua.ducha.store.Runs;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.TestDatabases;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;

/**
 * The 例会 brief of the samples' September 2023, judged after August in a store whose clock the test moves: the
 * alerts of August's run go past their deadline and are escalated, one is closed with a hostile reason. The brief
 * is read back from Word and Excel with POI, and converted by LibreOffice where it is installed.
 */
class BriefsTests {

    private static final YearMonth AUGUST = YearMonth.of(2023, 8);
    private static final YearMonth SEPTEMBER = YearMonth.of(2023, 9);
    /** What a spreadsheet would run as a formula, were it written as one. */
    private static final String HOSTILE = "=HYPERLINK(\"http://evil.example/\",\"已整改\")";

    @TempDir
    static Path dir;

    private static final MovableClock CLOCK = new MovableClock(Instant.parse("2023-10-26T02:00:00Z"));
    private static Rulebook rulebook;
    private static Store store;
    private static Supervision supervision;
    private static Briefs briefs;
    private static Runs.Run august;
    private static Runs.Run september;
    private static List<TrackedAlert> escalated;
    private static TrackedAlert closed;

    @BeforeAll
    static void judgeAugustAndSeptemberThenLetTheDeadlinesPass() throws IOException {
        rulebook = Rulebook.load(Path.of("rules"));
        store = Store.open(TestDatabases.h2(dir), null, null, CLOCK);
        SheetReader reader = new SheetReader(rulebook.catalogue());
        for (String month : List.of("2022-12", "2023-08", "2023-09")) {
            try (Stream<Path> files = Files.list(Path.of("samples", month))) {
                for (Path f : files.sorted().toList()) {
                    store.submissions().add(reader.read(f).sheet().orElseThrow(), Files.readAllBytes(f), "tester");
                }
            }
        }
        supervision = new Supervision(store, Duration.ofDays(15));
        supervision.evaluate(rulebook, AUGUST, "tester");
        supervision.evaluate(rulebook, SEPTEMBER, "tester");
        august = store.runs().latest(AUGUST).orElseThrow();
        september = store.runs().latest(SEPTEMBER).orElseThrow();
        CLOCK.advance(Duration.ofDays(16));
        escalated = supervision.escalateOverdue("市营商办");
        closed = supervision.close(escalated.get(0).id(), "市营商办", HOSTILE);
        briefs = new Briefs(store, supervision, rulebook.catalogue());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static Brief september() {
        return briefs.of(SEPTEMBER, null).orElseThrow();
    }

    /** The cases a run opened or opened again. */
    private static Set<Long> openedBy(Runs.Run run) {
        return supervision.list(t -> true).stream().filter(t -> t.history().stream().anyMatch(e ->
                        run.id() == (e.run() == null ? -1 : e.run())
                                && (e.event().equals("OPENED") || e.event().equals("REOPENED"))))
                .map(TrackedAlert::id).collect(Collectors.toSet());
    }

    private static Set<Long> ids(List<Brief.AlertLine> lines) {
        return lines.stream().map(Brief.AlertLine::id).collect(Collectors.toSet());
    }

    @Test
    void countsTheLightsOfThePeriodsLatestRunByUnitAndEnvironment() {
        Brief brief = september();
        assertThat(brief.run().id()).isEqualTo(september.id());
        Map<String, Integer> stored = store.runs().counts(september.id());
        for (Light l : Light.values()) {
            assertThat(brief.summary().lights().get(l)).as(l.name()).isEqualTo(stored.getOrDefault(l.name(), 0));
            assertThat(brief.units().stream().mapToInt(r -> r.count(l)).sum()).isEqualTo(stored.get(l.name()));
            assertThat(brief.areas().stream().mapToInt(r -> r.count(l)).sum()).isEqualTo(stored.get(l.name()));
        }
        assertThat(brief.summary().units()).isEqualTo(11);
        assertThat(brief.units()).hasSize(11);
        assertThat(brief.areas()).extracting(Brief.LightRow::name)
                .contains("政务环境", "法治环境", "市场环境", "经济生态环境", "人文环境");
        assertThat(brief.summary().alerts()).isEqualTo(store.runs().alerts(september.id()).size());
        assertThat(brief.issue()).isEqualTo("2023 年第 9 期");
        assertThat(brief.asOfDay()).hasToString("2023-09-30");
    }

    @Test
    void countsTheAlertsRaisedEscalatedAndClosedAfterTheMonthBefore() {
        Brief brief = september();
        assertThat(brief.since()).isEqualTo(AUGUST);
        assertThat(ids(brief.raised())).isNotEmpty().isEqualTo(openedBy(september));
        assertThat(ids(brief.escalated())).isNotEmpty()
                .isEqualTo(escalated.stream().map(TrackedAlert::id).collect(Collectors.toSet()));
        Set<Long> resolvedBySeptember = supervision.list(t -> true).stream()
                .filter(t -> t.history().stream().anyMatch(e -> e.event().equals("RESOLVED")
                        && september.id() == e.run()))
                .map(TrackedAlert::id).collect(Collectors.toSet());
        Set<Long> expectedClosed = new java.util.HashSet<>(resolvedBySeptember);
        expectedClosed.add(closed.id());
        assertThat(ids(brief.closed())).isEqualTo(expectedClosed);
        assertThat(brief.closed()).filteredOn(a -> a.id() == closed.id()).singleElement().satisfies(a -> {
            assertThat(a.event()).isEqualTo("CLOSED");
            assertThat(a.note()).isEqualTo(HOSTILE);
            assertThat(a.actor()).isEqualTo("市营商办");
        });
        // past the deadline: every escalated alert still open (the one closed is not)
        Set<Long> stillEscalated = escalated.stream().map(TrackedAlert::id).filter(id -> id != closed.id())
                .collect(Collectors.toSet());
        assertThat(ids(brief.overdue())).isEqualTo(stillEscalated);
        assertThat(brief.overdue()).allSatisfy(a -> {
            assertThat(a.deadline()).isBefore(java.time.LocalDate.of(2023, 11, 11));
            assertThat(a.responsible()).isNotEmpty();
        });
    }

    @Test
    void aBriefOfTheMonthBeforeShowsTheAlertsAsTheyStoodThen() {
        Brief brief = briefs.of(AUGUST, null).orElseThrow();
        assertThat(brief.since()).isEqualTo(YearMonth.of(2023, 7));
        assertThat(ids(brief.raised())).isNotEmpty().isEqualTo(openedBy(august));
        assertThat(brief.escalated()).as("escalated after September's run: September's brief").isEmpty();
        assertThat(brief.closed()).as("resolved by September's run, closed after it").isEmpty();
        // as they stood in August: open, their deadline (August's run + 15 days) now past
        Set<Long> redOfAugust = supervision.list(t -> t.level().equals("RED")).stream()
                .filter(t -> august.id() == t.history().get(0).run()).map(TrackedAlert::id)
                .collect(Collectors.toSet());
        assertThat(ids(brief.overdue())).isNotEmpty().isEqualTo(redOfAugust);
        assertThat(brief.overdue()).allSatisfy(a -> assertThat(a.state()).isEqualTo("OPEN"));
    }

    @Test
    void sinceAnEarlierMonthCountsMore() {
        Brief twoMonths = briefs.of(SEPTEMBER, YearMonth.of(2023, 7)).orElseThrow();
        Set<Long> both = new java.util.HashSet<>(openedBy(august));
        both.addAll(openedBy(september));
        assertThat(ids(twoMonths.raised())).isEqualTo(both);
    }

    @Test
    void refusesASinceThatIsNotBeforeThePeriodAndHasNoBriefOfAMonthNotJudged() {
        assertThatThrownBy(() -> briefs.of(SEPTEMBER, SEPTEMBER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--since");
        assertThat(briefs.of(YearMonth.of(2023, 10), null)).isEmpty();
        assertThat(briefs.latestPeriod()).contains(SEPTEMBER);
    }

    @Test
    void unitsThatDidNotReportAreThoseWithNoDataVerdicts() {
        Brief brief = september();
        Map<String, List<String>> noData = new HashMap<>();
        store.runs().verdictsOf(september.id(), null).stream().filter(v -> v.status().equals("NO_DATA"))
                .forEach(v -> noData.computeIfAbsent(v.unit(), k -> new ArrayList<>()).add(v.commitment()));
        assertThat(noData).isNotEmpty();
        assertThat(brief.silent()).extracting(Brief.Silence::unit).containsExactlyInAnyOrderElementsOf(noData.keySet());
        for (Brief.Silence s : brief.silent()) {
            assertThat(s.missing()).extracting(m -> m.substring(0, m.indexOf(' ')))
                    .containsExactlyElementsOf(noData.get(s.unit()));
            assertThat(s.noSheet()).isFalse();
        }
    }

    @Test
    void worstItemsAreTheRedVerdictsWithTheirExplanationsAndLeadUnits() {
        Brief brief = september();
        List<Runs.StoredVerdict> red = store.runs().verdictsOf(september.id(), null).stream()
                .filter(v -> "RED".equals(v.light())).toList();
        assertThat(brief.worst()).isNotEmpty().hasSameSizeAs(red);
        for (Brief.Item i : brief.worst()) {
            Runs.StoredVerdict v = red.stream().filter(r -> r.unit().equals(i.unit())
                    && r.commitment().equals(i.commitment())).findFirst().orElseThrow();
            assertThat(i.explanation()).isNotBlank().isEqualTo(v.explanation());
            assertThat(i.lead()).isEqualTo(rulebook.catalogue().commitment(i.commitment()).orElseThrow().lead());
            assertThat(i.status()).isIn("OFF_TRACK", "MISSED");
        }
        assertThat(brief.worst()).extracting(Brief.Item::status).isSortedAccordingTo(
                (a, b) -> Boolean.compare(!a.equals("MISSED"), !b.equals("MISSED")));
        assertThat(brief.verdicts()).hasSize(brief.summary().judged());
    }

    @Test
    void theRankingIsTheRankingCoresOfTheSameRun() {
        Brief brief = september();
        Ranking ranking = new Rankings(rulebook.catalogue()).fromStore(store, SEPTEMBER, null).orElseThrow();
        assertThat(brief.ranking().available()).isTrue();
        assertThat(brief.ranking().rows()).extracting(Brief.RankRow::unit)
                .containsExactlyElementsOf(ranking.rows().stream().map(r -> r.unit().id()).toList());
        assertThat(brief.ranking().rows()).extracting(Brief.RankRow::rank)
                .containsExactlyElementsOf(ranking.rows().stream().map(Ranking.Row::rank).toList());
        assertThat(brief.ranking().rows()).extracting(Brief.RankRow::score).containsExactlyElementsOf(
                ranking.rows().stream().map(r -> r.score() == null ? "—" : r.score().toPlainString()).toList());
        assertThat(brief.ranking().environments()).hasSize(5);
        assertThat(brief.ranking().rows()).allSatisfy(r -> assertThat(r.environmentRanks()).hasSize(5));
        assertThat(brief.ranking().note()).contains("得分 = 100 ×").contains("2023-08");
    }

    @Test
    void quotesTheSeedsWordsForTheMeetings() throws IOException {
        try (Stream<Path> seeds = Files.list(Path.of("seeds"))) {
            String seed = seeds.map(BriefsTests::read).collect(Collectors.joining());
            assertThat(seed).contains(Brief.MEETINGS);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theWordDocumentReadsBackWithItsHeadingsFontsAndTablesOfLights() throws IOException {
        Brief brief = september();
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(BriefDocument.write(brief)))) {
            assertThat(doc.getParagraphs()).filteredOn(p -> BriefDocument.TITLE.equals(p.getStyle()))
                    .singleElement().extracting(XWPFParagraph::getText).isEqualTo(Brief.TITLE);
            List<String> headings = doc.getParagraphs().stream()
                    .filter(p -> BriefDocument.HEADING_1.equals(p.getStyle())
                            || BriefDocument.HEADING_2.equals(p.getStyle()))
                    .map(XWPFParagraph::getText).toList();
            for (Section s : Section.values()) {
                if (s.inDocument()) {
                    assertThat(headings).as(s.name()).anySatisfy(h -> assertThat(h).contains(s.chinese())
                            .contains(s.english()));
                }
            }
            assertThat(headings).noneSatisfy(h -> assertThat(h).contains(Section.VERDICTS.chinese()));
            assertThat(headings.get(0)).startsWith("一、总体情况");
            assertThat(doc.getParagraphs()).anySatisfy(p -> assertThat(p.getText()).contains(Brief.MEETINGS)
                    .contains("2023 年 9 月"));

            // the document's defaults: 仿宋_GB2312 for East Asian text, Times New Roman for Latin, in zh-CN
            CTFonts defaults = doc.getStyles().getCtStyles().getDocDefaults().getRPrDefault().getRPr()
                    .getRFontsArray(0);
            assertThat(defaults.getEastAsia()).isEqualTo(BriefDocument.BODY_FONT);
            assertThat(defaults.getAscii()).isEqualTo(BriefDocument.LATIN_FONT);
            assertThat(defaults.getHAnsi()).isEqualTo(BriefDocument.LATIN_FONT);
            assertThat(doc.getStyles().getStyle(BriefDocument.HEADING_1).getCTStyle().getRPr().getRFontsArray(0)
                    .getEastAsia()).isEqualTo(BriefDocument.HEADING_FONT);
            // and every run names its East Asian font
            List<XWPFRun> runs = new ArrayList<>();
            doc.getParagraphs().forEach(p -> runs.addAll(p.getRuns()));
            doc.getTables().forEach(t -> t.getRows().forEach(r -> r.getTableCells().forEach(c ->
                    c.getParagraphs().forEach(p -> runs.addAll(p.getRuns())))));
            assertThat(runs).hasSizeGreaterThan(100).allSatisfy(r -> {
                assertThat(r.getFontFamily(XWPFRun.FontCharRange.eastAsia)).isIn(BriefDocument.BODY_FONT,
                        BriefDocument.HEADING_FONT, BriefDocument.TITLE_FONT);
                assertThat(r.getFontFamily(XWPFRun.FontCharRange.ascii)).isNotBlank();
                assertThat(r.getFontFamily(XWPFRun.FontCharRange.hAnsi)).isNotBlank();
            });
            assertThat(doc.getParagraphs()).filteredOn(p -> BriefDocument.HEADING_1.equals(p.getStyle()))
                    .flatExtracting(XWPFParagraph::getRuns)
                    .allSatisfy(r -> assertThat(r.getFontFamily(XWPFRun.FontCharRange.eastAsia))
                            .isEqualTo(BriefDocument.HEADING_FONT));

            // the table of lights by unit: a row per unit and the city's total, red counts shaded red
            XWPFTable units = doc.getTables().stream().filter(t -> t.getRow(0).getCell(0).getText()
                    .equals("单位 Unit") && t.getRow(0).getCell(1).getText().equals("绿灯 green")).findFirst()
                    .orElseThrow();
            assertThat(units.getRows()).hasSize(1 + 11 + 1);
            for (int i = 0; i < brief.units().size(); i++) {
                Brief.LightRow expected = brief.units().get(i);
                XWPFTableRow row = units.getRow(i + 1);
                assertThat(row.getCell(0).getText()).isEqualTo(expected.name());
                for (int l = 0; l < 4; l++) {
                    Light light = Lights.ORDER.get(l);
                    assertThat(row.getCell(1 + l).getText()).isEqualTo(Integer.toString(expected.count(light)));
                    if (light != Light.GREEN && expected.count(light) > 0) {
                        assertThat(row.getCell(1 + l).getColor()).isEqualTo(Lights.fill(light));
                    }
                }
            }
            assertThat(units.getRow(12).getCell(3).getText())
                    .isEqualTo(Integer.toString(brief.summary().lights().get(Light.RED)));
            // the worst items, each with its explanation and lead unit
            XWPFTable worst = doc.getTables().stream().filter(t -> t.getRow(0).getTableCells().size() == 5
                    && t.getRow(0).getCell(3).getText().equals("说明 Explanation")).findFirst().orElseThrow();
            assertThat(worst.getRows()).hasSize(1 + brief.worst().size());
            assertThat(worst.getRow(1).getCell(3).getText()).isEqualTo(brief.worst().get(0).explanation());
            assertThat(worst.getRow(1).getCell(4).getText()).isEqualTo(brief.worst().get(0).lead());
            assertThat(worst.getRow(1).getCell(2).getColor()).isEqualTo(Lights.fill(Light.RED));
        }
    }

    @Test
    void theWorkbookHasASheetPerSectionFiltersAndColoursTheLightsAndKeepsTextInert() throws IOException {
        Brief brief = september();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(BriefWorkbook.write(brief)))) {
            List<String> names = new ArrayList<>();
            book.forEach(s -> names.add(s.getSheetName()));
            assertThat(names).containsExactlyElementsOf(Stream.of(Section.values()).map(Section::sheet).toList());

            XSSFSheet verdicts = book.getSheet(Section.VERDICTS.sheet());
            int last = 2 + brief.verdicts().size() - 1;
            assertThat(verdicts.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A2:L" + (last + 1));
            assertThat(verdicts.getLastRowNum()).isEqualTo(last);
            int lightColumn = header(verdicts).indexOf("灯 Light");
            Map<Light, Integer> seen = new HashMap<>();
            for (int r = 2; r <= last; r++) {
                XSSFCell cell = verdicts.getRow(r).getCell(lightColumn);
                Light light = brief.verdicts().get(r - 2).light();
                assertThat(cell.getStringCellValue()).isEqualTo(Lights.label(light));
                assertThat(cell.getCellStyle().getFillForegroundColorColor().getARGBHex())
                        .isEqualTo("FF" + Lights.fill(light));
                seen.merge(light, 1, Integer::sum);
            }
            assertThat(seen).containsOnlyKeys(Light.values());
            for (String sheet : List.of(Section.UNITS.sheet(), Section.RAISED.sheet(), Section.WORST.sheet())) {
                assertThat(book.getSheet(sheet).getCTWorksheet().isSetAutoFilter()).as(sheet).isTrue();
            }
            XSSFSheet units = book.getSheet(Section.UNITS.sheet());
            assertThat(units.getRow(2).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);

            // the hostile closing reason: a string cell, quote-prefixed, never a formula
            XSSFSheet closedSheet = book.getSheet(Section.CLOSED.sheet());
            int note = header(closedSheet).indexOf("说明 Note");
            XSSFCell hostile = null;
            for (int r = 2; r <= closedSheet.getLastRowNum(); r++) {
                XSSFCell c = closedSheet.getRow(r).getCell(note);
                if (c.getStringCellValue().contains("HYPERLINK")) {
                    hostile = c;
                }
            }
            assertThat(hostile).isNotNull();
            assertThat(hostile.getCellType()).isEqualTo(CellType.STRING);
            assertThat(hostile.getStringCellValue()).isEqualTo(HOSTILE);
            assertThat(hostile.getCellStyle().getQuotePrefixed()).isTrue();
            XSSFCell raw = book.getSheet(Section.CLOSED.sheet()).getRow(2).getCell(0);
            assertThat(raw.getCellType()).isEqualTo(CellType.NUMERIC);
            book.forEach(s -> s.forEach(row -> row.forEach(c -> assertThat(c.getCellType())
                    .as("%s!%s", s.getSheetName(), c.getAddress()).isNotEqualTo(CellType.FORMULA))));
        }
    }

    /** Han characters (汉字) anywhere in {@code text}, with what people wrote (actors, closing notes) left out. */
    private static List<String> chineseIn(String text) {
        String words = text;
        for (String written : List.of(HOSTILE, "市营商办")) {
            words = words.replace(written, "");
        }
        return java.util.regex.Pattern.compile("\\p{IsHan}+").matcher(words).results()
                .map(java.util.regex.MatchResult::group).toList();
    }

    private static Brief englishSeptember() {
        return briefs.of(SEPTEMBER, null, java.util.Locale.ENGLISH).orElseThrow();
    }

    @Test
    void theEnglishEditionNamesEverythingInEnglish() {
        Brief brief = englishSeptember();
        assertThat(brief.isEnglish()).isTrue();
        assertThat(brief.issue()).isEqualTo("No. 9 of 2023");
        assertThat(brief.areas()).extracting(Brief.LightRow::name).contains("Government environment",
                "Rule-of-law environment", "Market environment", "Economic environment", "Cultural environment");
        assertThat(brief.units()).extracting(Brief.LightRow::name).contains("Wucheng", "Jinhua (city)");
        assertThat(brief.ranking().note()).startsWith("Score = 100 ×").contains("2023-08");
        // the same figures as the Chinese edition: only the words differ
        Brief chinese = september();
        assertThat(brief.summary()).isEqualTo(chinese.summary());
        assertThat(brief.worst()).extracting(Brief.Item::commitment)
                .containsExactlyElementsOf(chinese.worst().stream().map(Brief.Item::commitment).toList());
        assertThat(ids(brief.raised())).isEqualTo(ids(chinese.raised()));
        assertThat(brief.worst()).allSatisfy(i -> assertThat(chineseIn(i.explanation() + i.lead() + i.title()
                + i.statusLabel() + i.area() + i.unitName())).isEmpty());
        assertThat(brief.closed()).allSatisfy(a -> assertThat(chineseIn(a.message() + a.stateLabel()
                + a.levelLabel() + a.eventLabel() + String.join(",", a.responsible()))).isEmpty());
    }

    @Test
    void theEnglishWordDocumentHasEverySectionAndNoChinese() throws IOException {
        Brief brief = englishSeptember();
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(BriefDocument.write(brief)))) {
            assertThat(doc.getParagraphs()).filteredOn(p -> BriefDocument.TITLE.equals(p.getStyle()))
                    .singleElement().extracting(XWPFParagraph::getText).isEqualTo(brief.title());
            List<String> headings = doc.getParagraphs().stream()
                    .filter(p -> BriefDocument.HEADING_1.equals(p.getStyle())
                            || BriefDocument.HEADING_2.equals(p.getStyle()))
                    .map(XWPFParagraph::getText).toList();
            for (Section s : Section.values()) {
                if (s.inDocument()) {
                    assertThat(headings).as(s.name()).anySatisfy(h -> assertThat(h).endsWith(s.english()));
                }
            }
            assertThat(headings.get(0)).isEqualTo("1. Summary");
            assertThat(headings).contains("5. Alerts after 2023-08", "8. Red items");

            StringBuilder text = new StringBuilder();
            doc.getParagraphs().forEach(p -> text.append(p.getText()).append('\n'));
            doc.getTables().forEach(t -> text.append(t.getText()).append('\n'));
            assertThat(chineseIn(text.toString())).as("Chinese in the English edition").isEmpty();
            assertThat(text).contains(brief.worst().get(0).explanation()).contains("Values as of");

            // Latin text in Times New Roman, the East Asian fonts still set, the language en-GB
            List<XWPFRun> runs = new ArrayList<>();
            doc.getParagraphs().forEach(p -> runs.addAll(p.getRuns()));
            doc.getTables().forEach(t -> t.getRows().forEach(r -> r.getTableCells().forEach(c ->
                    c.getParagraphs().forEach(p -> runs.addAll(p.getRuns())))));
            assertThat(runs).hasSizeGreaterThan(100).allSatisfy(r -> {
                assertThat(r.getFontFamily(XWPFRun.FontCharRange.eastAsia)).isIn(BriefDocument.BODY_FONT,
                        BriefDocument.HEADING_FONT, BriefDocument.TITLE_FONT);
                assertThat(r.getFontFamily(XWPFRun.FontCharRange.ascii)).isEqualTo(BriefDocument.LATIN_FONT);
                assertThat(r.getLang()).isEqualTo(BriefDocument.ENGLISH_LANGUAGE);
            });
            CTFonts defaults = doc.getStyles().getCtStyles().getDocDefaults().getRPrDefault().getRPr()
                    .getRFontsArray(0);
            assertThat(defaults.getEastAsia()).isEqualTo(BriefDocument.BODY_FONT);
        }
    }

    @Test
    void theEnglishWorkbookHasEverySheetAndNoChinese() throws IOException {
        Brief brief = englishSeptember();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(BriefWorkbook.write(brief)))) {
            List<String> names = new ArrayList<>();
            book.forEach(s -> names.add(s.getSheetName()));
            assertThat(names).containsExactly("Summary", "Areas", "Units", "Ranking", "Raised", "Escalated", "Closed",
                    "Overdue", "No data", "Red items", "Verdicts");
            book.forEach(s -> s.forEach(row -> row.forEach(c -> {
                if (c.getCellType() == CellType.STRING) {
                    assertThat(chineseIn(c.getStringCellValue())).as("%s!%s", s.getSheetName(), c.getAddress())
                            .isEmpty();
                }
            })));
            XSSFSheet verdicts = book.getSheet("Verdicts");
            assertThat(verdicts.getLastRowNum()).isEqualTo(2 + brief.verdicts().size() - 1);
            int lightColumn = header(verdicts).indexOf("Light");
            assertThat(verdicts.getRow(2).getCell(lightColumn).getStringCellValue())
                    .isEqualTo(brief.verdicts().get(0).light().name().toLowerCase(java.util.Locale.ROOT));
            assertThat(book.getSheet("Summary").getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo(brief.title() + " No. 9 of 2023 · Summary");
        }
    }

    @Test
    void theChineseEditionIsTheDocumentItWas() {
        Brief brief = september();
        assertThat(brief.isEnglish()).isFalse();
        assertThat(brief.title()).isEqualTo(Brief.TITLE);
        assertThat(BriefFormat.DOCX.fileName(brief)).isEqualTo("督查通报-2023-09.docx");
        assertThat(BriefFormat.XLSX.fileName(englishSeptember())).isEqualTo("supervision-brief-2023-09.xlsx");
        assertThat(BriefWords.CHINESE.sheet(Section.OVERDUE)).isEqualTo(Section.OVERDUE.sheet());
        assertThat(BriefWords.CHINESE.get("title")).isEqualTo(Brief.TITLE);
        assertThat(BriefWords.CHINESE.get("issuer")).isEqualTo(Brief.ISSUER);
    }

    @Test
    void formulaLikeTextIsQuotePrefixed() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            XSSFRow row = book.createSheet().createRow(0);
            var cells = new cn.jinhua.ducha.factsheet.TextCells(book);
            var style = book.createCellStyle();
            assertThat(cells.put(row, 0, HOSTILE, style).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(cells.put(row, 1, "已整改", style).getCellStyle().getQuotePrefixed()).isFalse();
        }
    }

    /**
     * LibreOffice opens both files: the document converts to PDF and to plain text holding the title and the seed's
     * words, the workbook to PDF; the English edition's document converts to English text. Skipped where LibreOffice
     * is not installed (.ci/libreoffice installs it for CI).
     */
    @Test
    void libreOfficeConvertsBoth() throws IOException, InterruptedException {
        Path office = Stream.of("/usr/bin/libreoffice", "/usr/bin/soffice").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        assumeTrue(office != null, "LibreOffice is not installed");
        Brief brief = september();
        Path in = Files.createDirectories(dir.resolve("office"));
        BriefFormat.DOCX.writeTo(brief, in.resolve("brief.docx"));
        BriefFormat.XLSX.writeTo(brief, in.resolve("brief.xlsx"));
        convert(office, in, "pdf", in.resolve("brief.docx"));
        convert(office, in, "txt:Text (encoded):UTF8", in.resolve("brief.docx"));
        convert(office, Files.createDirectories(in.resolve("xlsx")), "pdf", in.resolve("brief.xlsx"));
        assertThat(Files.readString(in.resolve("brief.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .startsWith("%PDF-");
        assertThat(Files.readString(in.resolve("xlsx/brief.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .startsWith("%PDF-");
        assertThat(Files.readString(in.resolve("brief.txt"))).contains(Brief.TITLE).contains(Brief.MEETINGS)
                .contains("一、总体情况").contains(brief.worst().get(0).explanation());

        Brief english = englishSeptember();
        Path en = Files.createDirectories(dir.resolve("office-en"));
        BriefFormat.DOCX.writeTo(english, en.resolve("brief.docx"));
        convert(office, en, "txt:Text (encoded):UTF8", en.resolve("brief.docx"));
        String text = Files.readString(en.resolve("brief.txt"));
        assertThat(text).contains(english.title()).contains("1. Summary")
                .contains(english.worst().get(0).explanation());
        assertThat(chineseIn(text)).as("Chinese in the English edition, as LibreOffice reads it").isEmpty();
    }

    /** {@code libreoffice --headless --convert-to TO FILE}, with a profile of its own so that no other instance interferes. */
    private static void convert(Path office, Path out, String to, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(office.toString(), "-env:UserInstallation=" + dir.resolve("lo-profile").toUri(),
                "--headless", "--norestore", "--convert-to", to, "--outdir", out.toString(), file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("lo.log").toFile()).start();
        assertThat(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).as("LibreOffice finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("lo.log"))).isZero();
    }

    private static List<String> header(XSSFSheet sheet) {
        List<String> header = new ArrayList<>();
        sheet.getRow(1).forEach(c -> header.add(c.getStringCellValue()));
        return header;
    }
}
