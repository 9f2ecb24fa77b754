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
     * A column: its header (Chinese, then English), whether the Word document shows it, and its share of the page's
     * width there (1 for a short column).
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
        Map<Section, Table> tables = new EnumMap<>(Section.class);
        tables.put(Section.SUMMARY, summary(brief));
        tables.put(Section.AREAS, lights("领域 Environment", brief.areas(), brief));
        tables.put(Section.UNITS, lights("单位 Unit", brief.units(), brief));
        tables.put(Section.RANKING, ranking(brief.ranking()));
        tables.put(Section.RAISED, alerts(brief.raised(), brief, false));
        tables.put(Section.ESCALATED, alerts(brief.escalated(), brief, false));
        tables.put(Section.CLOSED, alerts(brief.closed(), brief, true));
        tables.put(Section.OVERDUE, overdue(brief));
        tables.put(Section.SILENT, silent(brief));
        tables.put(Section.WORST, items(brief.worst(), false));
        tables.put(Section.VERDICTS, items(brief.verdicts(), true));
        return tables;
    }

    private static final String NONE = "无 / none";

    private static Table summary(Brief b) {
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(row("通报月份 Period", b.period().toString()));
        rows.add(row("期数 Issue", b.issue()));
        rows.add(row("数据截至 Values as of", b.asOfDay().toString()));
        rows.add(row("预警变化统计自 Changes after", b.since().toString()));
        rows.add(row("评判运行 Run", "#%d · %s · %s".formatted(b.run().id(),
                LocalDate.ofInstant(b.run().recordedAt(), Supervision.ZONE), b.run().startedBy())));
        rows.add(row("规则集 Ruleset", b.run().ruleset()));
        rows.add(count("受评单位 Units judged", b.summary().units()));
        rows.add(count("受评承诺 Commitments judged", b.summary().commitments()));
        rows.add(count("评判结论(有灯) Verdicts with a light", b.summary().judged()));
        for (Light l : Lights.ORDER) {
            rows.add(List.of(Cell.lit(Lights.label(l), l), Cell.count(b.summary().lights().get(l), l)));
        }
        rows.add(count("本期预警 Alerts of the run", b.summary().alerts()));
        rows.add(count("新发预警 Alerts raised", b.raised().size()));
        rows.add(count("督办升级 Alerts escalated", b.escalated().size()));
        rows.add(count("关闭与解除 Alerts closed or resolved", b.closed().size()));
        rows.add(count("整改逾期 Past their deadline", b.overdue().size()));
        rows.add(count("未报数据的单位 Units that did not report", b.silent().size()));
        rows.add(count("红灯事项 Red items", b.worst().size()));
        return new Table(List.of(new Column("项目 Item", true, 2), new Column("数值 Value", true, 2)), rows, NONE);
    }

    private static List<Cell> row(String label, String value) {
        return List.of(Cell.text(label), Cell.text(value));
    }

    private static List<Cell> count(String label, int n) {
        return List.of(Cell.text(label), Cell.count(n));
    }

    private static Table lights(String what, List<Brief.LightRow> lights, Brief brief) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(what, true, 2));
        Lights.ORDER.forEach(l -> columns.add(new Column(Lights.label(l), true)));
        columns.add(new Column("合计 Total", true));
        List<List<Cell>> rows = new ArrayList<>();
        for (Brief.LightRow r : lights) {
            rows.add(lightRow(r.name(), r.lights(), r.total()));
        }
        rows.add(lightRow("全市合计 City", brief.summary().lights(), brief.summary().judged()));
        return new Table(columns, rows, NONE);
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

    private static Table ranking(Brief.Ranking ranking) {
        List<Column> columns = new ArrayList<>(List.of(new Column("名次 Rank", true), new Column("单位 Unit", true, 1.4),
                new Column("得分 Score", true), new Column("变化 Movement", true)));
        ranking.environments().forEach(e -> columns.add(new Column(e + "名次 rank", true)));
        columns.add(new Column("依据 Basis", false, 3));
        List<List<Cell>> rows = new ArrayList<>();
        for (Brief.RankRow r : ranking.rows()) {
            List<Cell> row = new ArrayList<>();
            row.add(r.rank() == null ? Cell.text("—") : Cell.count(r.rank()));
            row.addAll(List.of(Cell.text(r.unitName()), Cell.text(r.score()), Cell.text(r.movement())));
            r.environmentRanks().forEach(p -> row.add(Cell.text(p)));
            row.add(Cell.text(r.basis()));
            rows.add(row);
        }
        return new Table(columns, rows, ranking.available() ? NONE : ranking.note());
    }

    private static Table alerts(List<Brief.AlertLine> alerts, Brief brief, boolean withNote) {
        List<Column> columns = new ArrayList<>(List.of(new Column("编号 No.", false), new Column("单位 Unit", true),
                new Column("承诺 Commitment", true, 2), new Column("级别 Level", true), new Column("事件 Event", withNote),
                new Column("事件时间 When", false), new Column("操作人 By", false),
                new Column("当前状态 State", true), new Column("月份 Period", false),
                new Column("整改期限 Deadline", false), new Column("责任单位 Responsible", false, 2)));
        if (withNote) {
            columns.add(new Column("说明 Note", true, 3));
        }
        columns.add(new Column("预警内容 Message", true, 4.5));
        List<List<Cell>> rows = new ArrayList<>();
        for (Brief.AlertLine a : alerts) {
            List<Cell> row = new ArrayList<>(List.of(Cell.count((int) a.id()), Cell.text(a.unitName()),
                    Cell.text(commitment(a)), level(a), Cell.text(a.eventLabel()),
                    Cell.text(LocalDate.ofInstant(a.at(), Supervision.ZONE).toString()), Cell.text(a.actor()),
                    Cell.text(a.stateLabel()), Cell.text(a.period()),
                    Cell.text(a.deadline() == null ? "—" : a.deadline().toString()),
                    Cell.text(String.join("、", a.responsible()))));
            if (withNote) {
                row.add(Cell.text(a.note()));
            }
            row.add(Cell.text(a.message()));
            rows.add(row);
        }
        return new Table(columns, rows, NONE);
    }

    private static Table overdue(Brief b) {
        List<Column> columns = List.of(new Column("编号 No.", false), new Column("单位 Unit", true),
                new Column("承诺 Commitment", true, 2), new Column("级别 Level", false),
                new Column("整改期限 Deadline", true), new Column("逾期天数 Days overdue", true),
                new Column("当前状态 State", true), new Column("责任单位 Responsible", true, 2),
                new Column("预警内容 Message", false, 4.5));
        LocalDate today = LocalDate.ofInstant(b.asOf(), Supervision.ZONE);
        List<List<Cell>> rows = new ArrayList<>();
        for (Brief.AlertLine a : b.overdue()) {
            rows.add(List.of(Cell.count((int) a.id()), Cell.text(a.unitName()), Cell.text(commitment(a)), level(a),
                    Cell.text(a.deadline().toString()),
                    Cell.count((int) Math.max(0, ChronoUnit.DAYS.between(a.deadline(), today))),
                    Cell.text(a.stateLabel()), Cell.text(String.join("、", a.responsible())), Cell.text(a.message())));
        }
        return new Table(columns, rows, NONE);
    }

    private static Table silent(Brief b) {
        List<Column> columns = List.of(new Column("单位 Unit", true), new Column("情况 Situation", true, 1.6),
                new Column("缺报事项 Missing", true, 4.5));
        List<List<Cell>> rows = new ArrayList<>();
        for (Brief.Silence s : b.silent()) {
            rows.add(List.of(Cell.text(s.unitName()), Cell.lit(s.noSheet() ? "未报送报表 sent no sheet"
                    : "缺报 %d 项 %d values missing".formatted(s.missing().size(), s.missing().size()), Light.GREY),
                    Cell.text(String.join("；", s.missing()))));
        }
        return new Table(columns, rows, NONE);
    }

    private static Table items(List<Brief.Item> items, boolean every) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("单位 Unit", true));
        if (every) {
            columns.add(new Column("单位代码 Unit id", false));
        }
        columns.add(new Column("承诺 Commitment", true, 2));
        if (every) {
            columns.add(new Column("任务 Task", false));
        }
        columns.addAll(List.of(new Column("领域 Environment", false), new Column("灯 Light", false),
                new Column("结论 Status", true, 1.3), new Column("值 Value", false), new Column("目标 Target", false),
                new Column("序时进度 Expected", false), new Column("说明 Explanation", true, 4.5),
                new Column("牵头单位 Lead unit", true, 1.6)));
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
            row.addAll(List.of(Cell.text(i.area()), Cell.lit(Lights.label(i.light()), i.light()),
                    Cell.lit(i.statusLabel() + " " + i.status(), i.light()), Cell.text(i.value()),
                    Cell.text(i.target()), Cell.text(i.expected()), Cell.text(i.explanation()), Cell.text(i.lead())));
            rows.add(row);
        }
        return new Table(columns, rows, NONE);
    }

    private static String commitment(Brief.AlertLine a) {
        return a.commitment() == null ? "报表数据 sheet data" : a.commitment() + " " + a.title();
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
