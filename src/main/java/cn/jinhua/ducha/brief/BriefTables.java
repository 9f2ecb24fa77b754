package cn.jinhua.ducha.brief;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.evaluation.Light;

/**
 * The brief's sections as tables, written once for both files: the Word document shows the columns marked for it,
 * the workbook every column. A cell is text, a count, and may carry a light (its fill).
 */
final class BriefTables {

    /**
     * A column: its header (Chinese then English, or English in the English edition), whether the Word document
     * shows it, and its share of the page's width there (1 for a short column).
     */
    record Column(String header, boolean inDocument, double weight) {

        Column(String header, boolean inDocument) {
            this(header, inDocument, 1);
        }
    }

    /** A cell: text, or a count where {@code count} is not null; {@code light} colours it. */
    record Cell(String text, Integer count, Light light) {

        static Cell text(String text) {
            return new Cell(text == null ? "" : text, null, null);
        }

        static Cell count(int n) {
            return new Cell(Integer.toString(n), n, null);
        }

        static Cell lit(String text, Light light) {
            return new Cell(text, null, light);
        }

        static Cell count(int n, Light light) {
            return new Cell(Integer.toString(n), n, light);
        }
    }

    /** A section's table; {@code empty} is what to say when it has no rows. */
    record Table(List<Column> columns, List<List<Cell>> rows, String empty) {
    }

    private BriefTables() {
    }

    static Map<Section, Table> of(Brief brief) {
        BriefWords w = brief.words();
        Map<Section, Table> tables = new EnumMap<>(Section.class);
        tables.put(Section.SUMMARY, summary(brief, w));
        tables.put(Section.AREAS, lights(w.get("col.environment"), brief.areas(), brief, w));
        tables.put(Section.UNITS, lights(w.get("col.unit"), brief.units(), brief, w));
        tables.put(Section.RANKING, ranking(brief.ranking(), w));
        tables.put(Section.RAISED, alerts(brief.raised(), w, false));
        tables.put(Section.ESCALATED, alerts(brief.escalated(), w, false));
        tables.put(Section.CLOSED, alerts(brief.closed(), w, true));
        tables.put(Section.OVERDUE, overdue(brief, w));
        tables.put(Section.SILENT, silent(brief, w));
        tables.put(Section.WORST, items(brief.worst(), false, w));
        tables.put(Section.VERDICTS, items(brief.verdicts(), true, w));
        return tables;
    }

    private static Table summary(Brief b, BriefWords w) {
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(row(w.get("row.period"), b.period().toString()));
        rows.add(row(w.get("row.issue"), b.issue()));
        rows.add(row(w.get("row.asOf"), b.asOfDay().toString()));
        rows.add(row(w.get("row.since"), b.since().toString()));
        rows.add(row(w.get("row.run"), "#%d · %s · %s".formatted(b.run().id(),
                LocalDate.ofInstant(b.run().recordedAt(), Supervision.ZONE), b.run().startedBy())));
        rows.add(row(w.get("row.ruleset"), b.run().ruleset()));
        rows.add(count(w.get("row.units"), b.summary().units()));
        rows.add(count(w.get("row.commitments"), b.summary().commitments()));
        rows.add(count(w.get("row.judged"), b.summary().judged()));
        for (Light l : Lights.ORDER) {
            rows.add(List.of(Cell.lit(w.light(l), l), Cell.count(b.summary().lights().get(l), l)));
        }
        rows.add(count(w.get("row.alerts"), b.summary().alerts()));
        rows.add(count(w.get("row.raised"), b.raised().size()));
        rows.add(count(w.get("row.escalated"), b.escalated().size()));
        rows.add(count(w.get("row.closed"), b.closed().size()));
        rows.add(count(w.get("row.overdue"), b.overdue().size()));
        rows.add(count(w.get("row.silent"), b.silent().size()));
        rows.add(count(w.get("row.worst"), b.worst().size()));
        return new Table(List.of(new Column(w.get("col.item"), true, 2), new Column(w.get("col.value"), true, 2)),
                rows, w.get("none"));
    }

    private static List<Cell> row(String label, String value) {
        return List.of(Cell.text(label), Cell.text(value));
    }

    private static List<Cell> count(String label, int n) {
        return List.of(Cell.text(label), Cell.count(n));
    }

    private static Table lights(String what, List<Brief.LightRow> lights, Brief brief, BriefWords w) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(what, true, 2));
        Lights.ORDER.forEach(l -> columns.add(new Column(w.light(l), true)));
        columns.add(new Column(w.get("col.total"), true));
        List<List<Cell>> rows = new ArrayList<>();
        for (Brief.LightRow r : lights) {
            rows.add(lightRow(r.name(), r.lights(), r.total()));
        }
        rows.add(lightRow(w.get("city"), brief.summary().lights(), brief.summary().judged()));
        return new Table(columns, rows, w.get("none"));
    }

    /** A row of counts; a count above zero of yellow, red or grey is coloured, so that the eye finds it. */
    private static List<Cell> lightRow(String name, Map<Light, Integer> counts, int total) {
        List<Cell> row = new ArrayList<>();
        row.add(Cell.text(name));
        for (Light l : Lights.ORDER) {
            int n = counts.getOrDefault(l, 0);
            row.add(n > 0 ? Cell.count(n, l) : Cell.count(n));
        }
        row.add(Cell.count(total));
        return row;
    }

    private static Table ranking(Brief.Ranking ranking, BriefWords w) {
        List<Column> columns = new ArrayList<>(List.of(new Column(w.get("col.rank"), true),
                new Column(w.get("col.unit"), true, 1.4),
                new Column(w.get("col.score"), true), new Column(w.get("col.movement"), true)));
        ranking.environments().forEach(e -> columns.add(new Column(w.format("col.environmentRank", e), true)));
        columns.add(new Column(w.get("col.basis"), false, 3));
        List<List<Cell>> rows = new ArrayList<>();
        for (Brief.RankRow r : ranking.rows()) {
            List<Cell> row = new ArrayList<>();
            row.add(r.rank() == null ? Cell.text("—") : Cell.count(r.rank()));
            row.addAll(List.of(Cell.text(r.unitName()), Cell.text(r.score()), Cell.text(r.movement())));
            r.environmentRanks().forEach(p -> row.add(Cell.text(p)));
            row.add(Cell.text(r.basis()));
            rows.add(row);
        }
        return new Table(columns, rows, ranking.available() ? w.get("none") : ranking.note());
    }

    private static Table alerts(List<Brief.AlertLine> alerts, BriefWords w, boolean withNote) {
        List<Column> columns = new ArrayList<>(List.of(new Column(w.get("col.no"), false),
                new Column(w.get("col.unit"), true), new Column(w.get("col.commitment"), true, 2),
                new Column(w.get("col.level"), true), new Column(w.get("col.event"), withNote),
                new Column(w.get("col.when"), false), new Column(w.get("col.by"), false),
                new Column(w.get("col.state"), true), new Column(w.get("col.alertPeriod"), false),
                new Column(w.get("col.deadline"), false), new Column(w.get("col.responsible"), false, 2)));
        if (withNote) {
            columns.add(new Column(w.get("col.note"), true, 3));
        }
        columns.add(new Column(w.get("col.message"), true, 4.5));
        List<List<Cell>> rows = new ArrayList<>();
        for (Brief.AlertLine a : alerts) {
            List<Cell> row = new ArrayList<>(List.of(Cell.count((int) a.id()), Cell.text(a.unitName()),
                    Cell.text(commitment(a, w)), level(a), Cell.text(a.eventLabel()),
                    Cell.text(LocalDate.ofInstant(a.at(), Supervision.ZONE).toString()), Cell.text(a.actor()),
                    Cell.text(a.stateLabel()), Cell.text(a.period()),
                    Cell.text(a.deadline() == null ? "—" : a.deadline().toString()),
                    Cell.text(String.join(w.get("list.separator"), a.responsible()))));
            if (withNote) {
                row.add(Cell.text(a.note()));
            }
            row.add(Cell.text(a.message()));
            rows.add(row);
        }
        return new Table(columns, rows, w.get("none"));
    }

    private static Table overdue(Brief b, BriefWords w) {
        List<Column> columns = List.of(new Column(w.get("col.no"), false), new Column(w.get("col.unit"), true),
                new Column(w.get("col.commitment"), true, 2), new Column(w.get("col.level"), false),
                new Column(w.get("col.deadline"), true), new Column(w.get("col.daysOverdue"), true),
                new Column(w.get("col.state"), true), new Column(w.get("col.responsible"), true, 2),
                new Column(w.get("col.message"), false, 4.5));
        LocalDate today = LocalDate.ofInstant(b.asOf(), Supervision.ZONE);
        List<List<Cell>> rows = new ArrayList<>();
        for (Brief.AlertLine a : b.overdue()) {
            rows.add(List.of(Cell.count((int) a.id()), Cell.text(a.unitName()), Cell.text(commitment(a, w)), level(a),
                    Cell.text(a.deadline().toString()),
                    Cell.count((int) Math.max(0, ChronoUnit.DAYS.between(a.deadline(), today))),
                    Cell.text(a.stateLabel()), Cell.text(String.join(w.get("list.separator"), a.responsible())),
                    Cell.text(a.message())));
        }
        return new Table(columns, rows, w.get("none"));
    }

    private static Table silent(Brief b, BriefWords w) {
        List<Column> columns = List.of(new Column(w.get("col.unit"), true),
                new Column(w.get("col.situation"), true, 1.6),
                new Column(w.get("col.missing"), true, 4.5));
        List<List<Cell>> rows = new ArrayList<>();
        for (Brief.Silence s : b.silent()) {
            rows.add(List.of(Cell.text(s.unitName()), Cell.lit(s.noSheet() ? w.get("noSheet")
                    : w.format("missing", s.missing().size()), Light.GREY),
                    Cell.text(String.join(w.get("missing.separator"), s.missing()))));
        }
        return new Table(columns, rows, w.get("none"));
    }

    private static Table items(List<Brief.Item> items, boolean every, BriefWords w) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(w.get("col.unit"), true));
        if (every) {
            columns.add(new Column(w.get("col.unitId"), false));
        }
        columns.add(new Column(w.get("col.commitment"), true, 2));
        if (every) {
            columns.add(new Column(w.get("col.task"), false));
        }
        columns.addAll(List.of(new Column(w.get("col.environment"), false), new Column(w.get("col.light"), false),
                new Column(w.get("col.status"), true, 1.3), new Column(w.get("col.valueOf"), false),
                new Column(w.get("col.target"), false),
                new Column(w.get("col.expected"), false), new Column(w.get("col.explanation"), true, 4.5),
                new Column(w.get("col.lead"), true, 1.6)));
        List<List<Cell>> rows = new ArrayList<>();
        for (Brief.Item i : items) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text(i.unitName()));
            if (every) {
                row.add(Cell.text(i.unit()));
            }
            row.add(Cell.text(i.commitment() + " " + i.title()));
            if (every) {
                row.add(i.task() == null ? Cell.text("") : Cell.count(i.task()));
            }
            row.addAll(List.of(Cell.text(i.area()), Cell.lit(w.light(i.light()), i.light()),
                    Cell.lit(w.format("status", i.statusLabel(), i.status()), i.light()), Cell.text(i.value()),
                    Cell.text(i.target()), Cell.text(i.expected()), Cell.text(i.explanation()), Cell.text(i.lead())));
            rows.add(row);
        }
        return new Table(columns, rows, w.get("none"));
    }

    private static String commitment(Brief.AlertLine a, BriefWords w) {
        return a.commitment() == null ? w.get("sheetData") : a.commitment() + " " + a.title();
    }

    private static Cell level(Brief.AlertLine a) {
        Light light = switch (a.level()) {
            case "RED" -> Light.RED;
            case "YELLOW" -> Light.YELLOW;
            default -> Light.GREY;
        };
        return Cell.lit(a.levelLabel(), light);
    }
}
