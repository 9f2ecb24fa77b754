package cn.jinhua.ducha.brief;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import cn.jinhua.ducha.alerting.AlertEvent;
import cn.jinhua.ducha.alerting.AlertState;
import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.TrackedAlert;
import cn.jinhua.ducha.catalogue.Area;
import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.evaluation.AlertLevel;
import cn.jinhua.ducha.evaluation.Forecast;
import cn.jinhua.ducha.evaluation.Light;
import cn.jinhua.ducha.evaluation.LightMatrix;
import cn.jinhua.ducha.evaluation.Status;
import cn.jinhua.ducha.ranking.Mark;
import cn.jinhua.ducha.ranking.Movement;
import cn.jinhua.ducha.ranking.Ranking;
import cn.jinhua.ducha.ranking.Rankings;
import cn.jinhua.ducha.ranking.Scoring;
import cn.jinhua.ducha.store.Runs;
import cn.jinhua.ducha.store.Store;

/**
 * Reads a period's brief from the store: its latest run (as the dashboard's pages do) and the followed-up alerts.
 *
 * <p>An alert's events are counted for the period they belong to: a run's event for the run's period, a person's
 * or the schedule's (acknowledged, escalated, closed) for the period the alert had last been raised or resolved
 * for when it happened. So a brief of an earlier month shows the alerts as they stood then, and what was done after
 * a later month's run belongs to that month's brief. A rectification deadline is a day, not a period: it is past
 * when it lies before the store's clock, as escalation decides.
 */
public final class Briefs {

    private static final Map<String, String> EVENTS = Map.of(
            "OPENED", "新发", "REOPENED", "再次触发", "ESCALATED", "督办升级", "CLOSED", "已关闭",
            "RESOLVED", "已自动解除", "ACKNOWLEDGED", "已签收", "RAISED_AGAIN", "持续触发");

    private final Store store;
    private final Supervision supervision;
    private final Catalogue catalogue;

    public Briefs(Store store, Supervision supervision, Catalogue catalogue) {
        this.store = store;
        this.supervision = supervision;
        this.catalogue = catalogue;
    }

    /** The period a brief counts changes after when none is given: the month before. */
    public static YearMonth defaultSince(YearMonth period) {
        return period.minusMonths(1);
    }

    /**
     * The brief of {@code period}, counting the alerts' changes after {@code since}; empty when the period has no
     * run in the store.
     *
     * @param since null for the month before
     * @throws IllegalArgumentException when {@code since} is not before {@code period}
     */
    public Optional<Brief> of(YearMonth period, YearMonth since) {
        return of(period, since, Locale.SIMPLIFIED_CHINESE);
    }

    /**
     * The brief of {@code period} in the language of {@code language}: the English edition for English, the Chinese
     * 督查通报 for any other.
     *
     * @param since null for the month before
     * @throws IllegalArgumentException when {@code since} is not before {@code period}
     */
    public Optional<Brief> of(YearMonth period, YearMonth since, Locale language) {
        YearMonth after = since == null ? defaultSince(period) : since;
        if (!after.isBefore(period)) {
            throw new IllegalArgumentException(("--since: %s 须早于通报月份 %s / must be before the period %s")
                    .formatted(after, period, period));
        }
        BriefWords words = BriefWords.of(language);
        return store.runs().latest(period).map(run -> read(run, after, words));
    }

    /** The newest period with a run, if any: the one a scheduled brief reports. */
    public Optional<YearMonth> latestPeriod() {
        return store.runs().list().stream().map(Runs.Run::period).max(Comparator.naturalOrder());
    }

    private Brief read(Runs.Run run, YearMonth since, BriefWords w) {
        Instant asOf = store.now();
        List<Runs.StoredVerdict> stored = store.runs().verdictsOf(run.id(), null);
        List<Brief.Item> items = stored.stream().filter(v -> v.light() != null).map(v -> item(v, w)).toList();

        LightMatrix lights = LightMatrix.of(items, Brief.Item::unit,
                i -> catalogue.commitment(i.commitment()).map(c -> c.area().id()).orElse("?"), Brief.Item::light);
        Set<String> commitments = new HashSet<>();
        Set<String> units = new HashSet<>();
        for (Brief.Item i : items) {
            commitments.add(i.commitment());
            units.add(i.unit());
        }
        List<Brief.LightRow> unitRows = catalogue.units().stream().filter(Unit::isSupervised)
                .map(u -> new Brief.LightRow(u.id(), unitName(u.id(), w), lights.row(u.id()))).toList();
        List<Brief.LightRow> areaRows = catalogue.areas().stream().filter(a -> !lights.column(a.id()).isEmpty())
                .map(a -> new Brief.LightRow(a.id(), areaName(a, w), lights.column(a.id()))).toList();
        Brief.Summary summary = new Brief.Summary(units.size(), commitments.size(), lights.total(),
                store.runs().alerts(run.id()).size());

        Alerts alerts = alerts(run.period(), since, asOf, w);
        List<Brief.Item> worst = items.stream().filter(i -> i.light() == Light.RED)
                .sorted(Comparator.comparing((Brief.Item i) -> Status.valueOf(i.status()) == Status.MISSED ? 0 : 1))
                .toList();
        return new Brief(run.period(), since, run, asOf, summary, areaRows, unitRows, ranking(run, w),
                alerts.raised, alerts.escalated, alerts.closed, alerts.overdue, silences(items, w), worst, items,
                w.isEnglish() ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE);
    }

    private Brief.Item item(Runs.StoredVerdict v, BriefWords w) {
        Optional<Commitment> c = catalogue.commitment(v.commitment());
        Status status = Status.valueOf(v.status());
        Locale locale = w.isEnglish() ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
        return new Brief.Item(v.unit(), unitName(v.unit(), w), v.commitment(), c.map(x -> title(x, w)).orElse(""),
                c.map(x -> areaName(x.area(), w)).orElse(""), c.map(Commitment::taskNumber).orElse(null),
                status.name(), statusLabel(status, w), Light.valueOf(v.light()), plainValue(v.value()), v.target(),
                v.expected(), v.explanation(locale), c.map(x -> w.wording().name("lead." + x.lead(), x.lead(),
                x.lead())).orElse(""));
    }

    /**
     * A commitment's title; in English what it measures (the English names' label), for progress the task or general
     * work it reports on, and the metric key where the names file has nothing.
     */
    private static String title(Commitment c, BriefWords w) {
        if (!w.isEnglish() || !c.isProgress()) {
            return w.wording().name("commitment." + c.id(), c.title(), c.metric());
        }
        return c.isGeneralWork()
                ? w.format("title.generalWorkProgress", c.progressCode(),
                w.wording().name("work." + c.progressCode(), c.source(), c.metric()))
                : w.format("title.taskProgress", c.taskNumber(),
                w.wording().name("task." + c.taskNumber(), c.task().title(), c.metric()));
    }

    private static String areaName(Area a, BriefWords w) {
        return w.name("area." + a.id(), a.name(), a.id());
    }

    private static String statusLabel(Status s, BriefWords w) {
        return w.wording().name("status." + s.name(), s.label(), s.name());
    }

    /** A stored value as people read it: a number or a status as written, text without its JSON quotes. */
    private static String plainValue(String json) {
        if (json == null) {
            return null;
        }
        if (json.length() >= 2 && json.startsWith("\"") && json.endsWith("\"")) {
            return json.substring(1, json.length() - 1);
        }
        return json;
    }

    /** Units that owed values and did not report them: NO_DATA verdicts, by unit in the registry's order. */
    private List<Brief.Silence> silences(List<Brief.Item> items, BriefWords w) {
        List<Brief.Silence> silent = new ArrayList<>();
        for (Unit u : catalogue.units()) {
            List<Brief.Item> mine = items.stream().filter(i -> i.unit().equals(u.id())).toList();
            List<String> missing = mine.stream().filter(i -> Status.NO_DATA.name().equals(i.status()))
                    .map(i -> i.commitment() + " " + i.title()).toList();
            if (!missing.isEmpty()) {
                silent.add(new Brief.Silence(u.id(), unitName(u.id(), w), missing.size() == mine.size(), missing));
            }
        }
        return silent;
    }

    /**
     * The 赛马 ranking of the brief's run, moved against the month before's latest run, by {@link Rankings} (the one
     * place it is computed); not available when the catalogue has no published score (a ruleset before issue 15).
     */
    private Brief.Ranking ranking(Runs.Run run, BriefWords w) {
        Rankings rankings;
        try {
            rankings = new Rankings(catalogue);
        } catch (IllegalStateException noScore) {
            // the message is Chinese, then English after " / ": the English edition keeps the English
            String why = noScore.getMessage();
            int slash = why == null ? -1 : why.indexOf(" / ");
            return new Brief.Ranking(false, w.isEnglish() && slash >= 0 ? why.substring(slash + 3) : why, List.of(),
                    List.of());
        }
        List<Mark> marks = Rankings.marks(store, run.id());
        List<Mark> before = store.runs().latest(run.period().minusMonths(1))
                .map(r -> Rankings.marks(store, r.id())).orElse(null);
        Ranking overall = rankings.rank(run.period(), null, run.id(), marks, before);
        List<Ranking> byEnvironment = rankings.environments().stream()
                .map(a -> rankings.rank(run.period(), a, run.id(), marks, before)).toList();
        List<Brief.RankRow> rows = new ArrayList<>();
        for (Ranking.Row r : overall.rows()) {
            List<String> places = byEnvironment.stream().map(e -> e.row(r.unit().id()).map(Ranking.Row::rank)
                    .map(String::valueOf).orElse("—")).map(p -> "null".equals(p) ? "—" : p).toList();
            String movement = r.movement().label().isEmpty() ? "—" : r.movement().label();
            if (r.movement().direction() == Movement.Direction.NEW) {
                movement = w.name("movement.new", movement, movement);
            }
            rows.add(new Brief.RankRow(r.rank(), r.unit().id(), unitName(r.unit().id(), w),
                    r.score() == null ? "—" : r.score().toPlainString(), movement, places, basis(r, w)));
        }
        return new Brief.Ranking(true, formula(rankings.scoring(), overall, w),
                rankings.environments().stream().map(a -> areaName(a, w)).toList(), rows);
    }

    /** What made a unit's score: its judged verdicts by status, and the points they earned. */
    private static String basis(Ranking.Row r, BriefWords w) {
        if (w.isEnglish()) {
            StringBuilder b = new StringBuilder(w.format("basis.judged", r.judged()));
            for (Status s : Status.values()) {
                int n = r.counts().getOrDefault(s, 0);
                if (n > 0 && s != Status.NOT_APPLICABLE) {
                    b.append(w.format("basis.status", statusLabel(s, w), n));
                }
            }
            if (r.waived() > 0) {
                b.append(w.format("basis.waived", r.waived()));
            }
            return b.append(w.format("basis.points", r.points().stripTrailingZeros().toPlainString())).toString();
        }
        StringBuilder b = new StringBuilder("受评 %d 项".formatted(r.judged()));
        for (Status s : Status.values()) {
            int n = r.counts().getOrDefault(s, 0);
            if (n > 0 && s != Status.NOT_APPLICABLE) {
                b.append("，").append(s.label()).append(' ').append(n);
            }
        }
        if (r.waived() > 0) {
            b.append("，豁免不计 ").append(r.waived());
        }
        return b.append("；得分 %s".formatted(r.points().stripTrailingZeros().toPlainString())).toString();
    }

    /** The published formula in words, Chinese then English. */
    private static String formula(Scoring scoring, Ranking overall, BriefWords w) {
        if (w.isEnglish()) {
            List<String> points = new ArrayList<>();
            for (Status s : Status.values()) {
                if (s != Status.NOT_APPLICABLE) {
                    points.add(w.format("formula.points", statusLabel(s, w),
                            scoring.points(s).stripTrailingZeros().toPlainString()));
                }
            }
            return w.format("formula", String.join(", ", points), scoring.decimals(), overall.previous());
        }
        StringBuilder points = new StringBuilder();
        for (Status s : Status.values()) {
            if (s != Status.NOT_APPLICABLE) {
                points.append(points.length() == 0 ? "" : "、").append(s.label()).append(' ')
                        .append(scoring.points(s).stripTrailingZeros().toPlainString()).append(" 分");
            }
        }
        return ("得分 = 100 × 各结论得分之和 ÷ 受评结论数（%s；不适用与豁免的结论不计），保留 %d 位小数，同分同名次；变化对比 %s。"
                + " / Score = 100 × points ÷ verdicts judged (NOT_APPLICABLE and waived left out), equal scores share a "
                + "rank; movement against %s.").formatted(points, scoring.decimals(), overall.previous(),
                overall.previous());
    }

    private record Alerts(List<Brief.AlertLine> raised, List<Brief.AlertLine> escalated,
                          List<Brief.AlertLine> closed, List<Brief.AlertLine> overdue) {
    }

    private Alerts alerts(YearMonth period, YearMonth since, Instant asOf, BriefWords w) {
        List<Brief.AlertLine> raised = new ArrayList<>();
        List<Brief.AlertLine> escalated = new ArrayList<>();
        List<Brief.AlertLine> closed = new ArrayList<>();
        List<Brief.AlertLine> overdue = new ArrayList<>();
        for (TrackedAlert t : supervision.list(a -> true)) {
            AsOf state = asOf(t, period);
            if (state == null) {
                continue;
            }
            Map<String, AlertEvent> latest = new LinkedHashMap<>();
            for (int i = 0; i < state.events.size(); i++) {
                YearMonth belongs = state.periods.get(i);
                if (belongs.isAfter(since)) {
                    AlertEvent e = state.events.get(i);
                    latest.put(e.event(), e);
                }
            }
            for (String kind : List.of("OPENED", "REOPENED")) {
                if (latest.containsKey(kind)) {
                    raised.add(line(t, state, latest.get(kind), w));
                }
            }
            if (latest.containsKey("ESCALATED")) {
                escalated.add(line(t, state, latest.get("ESCALATED"), w));
            }
            for (String kind : List.of("CLOSED", "RESOLVED")) {
                if (latest.containsKey(kind)) {
                    closed.add(line(t, state, latest.get(kind), w));
                }
            }
            AlertEvent last = state.last();
            if (last.state().isActive() && last.deadline() != null && last.deadline().isBefore(asOf)) {
                overdue.add(line(t, state, last, w));
            }
        }
        Comparator<Brief.AlertLine> order = Comparator.comparing((Brief.AlertLine a) -> levelOrder(a.level()))
                .thenComparing(a -> catalogue.unit(a.unit()).map(Unit::order).orElse(Integer.MAX_VALUE))
                .thenComparing(a -> a.commitment() == null ? Integer.MAX_VALUE
                        : catalogue.commitment(a.commitment()).map(Commitment::order).orElse(Integer.MAX_VALUE));
        raised.sort(order);
        escalated.sort(order);
        closed.sort(order);
        overdue.sort(Comparator.comparing(Brief.AlertLine::deadline).thenComparing(order));
        return new Alerts(raised, escalated, closed, overdue);
    }

    /** An alert's events up to a period, each with the period it belongs to. */
    private record AsOf(List<AlertEvent> events, List<YearMonth> periods) {

        AlertEvent last() {
            return events.get(events.size() - 1);
        }

        /** The latest message the alert carried by then, in English where it was stored in English too. */
        String message(boolean english) {
            for (int i = events.size() - 1; i >= 0; i--) {
                AlertEvent e = events.get(i);
                if (e.message() != null) {
                    return english && e.messageEn() != null ? e.messageEn() : e.message();
                }
            }
            return null;
        }

        /** The period the alert had last been raised for by then. */
        String raisedFor() {
            for (int i = events.size() - 1; i >= 0; i--) {
                AlertEvent e = events.get(i);
                if (e.run() != null && e.period() != null && !e.event().equals("RESOLVED")) {
                    return e.period();
                }
            }
            return null;
        }
    }

    /** The alert's events that belong to {@code period} or before; null when none does (it came later). */
    private static AsOf asOf(TrackedAlert t, YearMonth period) {
        List<AlertEvent> events = new ArrayList<>();
        List<YearMonth> periods = new ArrayList<>();
        YearMonth current = null;
        for (AlertEvent e : t.history()) {
            if (e.run() != null && e.period() != null) {
                current = YearMonth.parse(e.period());
            }
            if (current == null || current.isAfter(period)) {
                continue;
            }
            events.add(e);
            periods.add(current);
        }
        return events.isEmpty() ? null : new AsOf(events, periods);
    }

    private Brief.AlertLine line(TrackedAlert t, AsOf state, AlertEvent event, BriefWords w) {
        AlertEvent last = state.last();
        String title = t.commitment() == null ? "" : catalogue.commitment(t.commitment()).map(c -> title(c, w))
                .orElse("");
        LocalDate deadline = last.deadline() == null ? null : LocalDate.ofInstant(last.deadline(), Supervision.ZONE);
        AlertState s = last.state();
        String eventLabel = EVENTS.getOrDefault(event.event(), event.event());
        return new Brief.AlertLine(t.id(), t.unit(), unitName(t.unit(), w), t.commitment(), title, t.level(),
                w.name("level." + t.level(), levelLabel(t.level()), t.level()), s.name(),
                w.name("state." + s.name(), s.label(), s.name()), state.raisedFor(), event.event(),
                w.name("event." + event.event(), eventLabel, event.event()), event.at(), event.actor(), note(event, w),
                deadline, last.responsible().stream().map(r -> responsibleName(r, w)).toList(),
                state.message(w.isEnglish()));
    }

    /**
     * An event's note: as a person wrote it, but the schedule's own (resolved: "本次评判不再触发 / no longer raised"),
     * written Chinese then English, is English alone in the English edition.
     */
    private static String note(AlertEvent event, BriefWords w) {
        String note = event.note();
        int slash = note == null ? -1 : note.indexOf(" / ");
        return w.isEnglish() && "RESOLVED".equals(event.event()) && slash >= 0 ? note.substring(slash + 3) : note;
    }

    /** The contract's levels in their order, then the forecasts (提前预警), which are followed up beside them. */
    private static int levelOrder(String level) {
        return Forecast.LEVEL.equals(level) ? AlertLevel.values().length : AlertLevel.valueOf(level).ordinal();
    }

    private static String levelLabel(String level) {
        return Forecast.LEVEL.equals(level) ? "提前预警" : AlertLevel.valueOf(level).label();
    }

    /** A responsible unit as the alert stored it (a unit's name or a lead unit's), named in the brief's language. */
    private String responsibleName(String name, BriefWords w) {
        if (!w.isEnglish()) {
            return name;
        }
        return catalogue.units().stream().filter(u -> u.name().equals(name)).findFirst()
                .map(u -> unitName(u.id(), w)).orElseGet(() -> w.wording().name("lead." + name, name, name));
    }

    private String unitName(String id, BriefWords w) {
        return catalogue.unit(id).map(u -> w.wording().name("unit." + u.id(), u.name(), u.id())).orElse(id);
    }
}
