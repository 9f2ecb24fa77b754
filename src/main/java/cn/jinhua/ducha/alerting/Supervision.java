package cn.jinhua.ducha.alerting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.evaluation.Alert;
import cn.jinhua.ducha.evaluation.AlertLevel;
import cn.jinhua.ducha.evaluation.Explanations;
import cn.jinhua.ducha.evaluation.Forecast;
import cn.jinhua.ducha.evaluation.Wording;
import cn.jinhua.ducha.rulebook.Rulebook;
import cn.jinhua.ducha.store.AuditChain;
import cn.jinhua.ducha.store.Judgements;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.StoreException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * 督办: follows every alert, and every forecast (提前预警, as its own kind {@link Forecast#LEVEL}), from the run
 * that raises it until it is resolved or closed. A run opens the alerts it
 * raises, re-raises those still open, re-opens those that return and resolves those it no longer raises; people
 * acknowledge and close; the schedule escalates what is still open past its rectification deadline. Every change
 * is an event, in the audit chain, and announced to the webhooks in the same transaction.
 */
public final class Supervision {

    /** China Standard Time: deadlines and waiver expiries are days in Jinhua. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Store store;
    private final Duration rectification;
    private final Webhooks webhooks;

    /**
     * @param rectification how long a unit has to put a red alert right before it is escalated (15 days by default)
     */
    public Supervision(Store store, Duration rectification) {
        this.store = store;
        this.rectification = rectification;
        this.webhooks = new Webhooks(store);
    }

    /**
     * Judges {@code period} from the store with the waivers in force, records the run, and follows its alerts, all in
     * one transaction.
     *
     * @throws IllegalArgumentException for a month after the current one (by the store's clock): nothing of a month
     *                                  that has not come is judged, and no live alert is touched
     */
    public Judgements.Recorded evaluate(Rulebook rulebook, YearMonth period, String by) {
        YearMonth current = YearMonth.from(LocalDate.ofInstant(store.now(), ZONE));
        if (period.isAfter(current)) {
            throw new IllegalArgumentException(("period: %s 晚于本月 %s，尚无可评判 / is after the current month %s: "
                    + "no evaluation is made of a month that has not come").formatted(period, current, current));
        }
        return store.inTransaction(() -> {
            LocalDate today = LocalDate.ofInstant(store.now(), ZONE);
            Judgements.Recorded recorded = new Judgements(store)
                    .judge(rulebook, period, by, new Waivers(store).inForce(period, today));
            follow(recorded, rulebook.catalogue());
            return recorded;
        });
    }

    private void follow(Judgements.Recorded recorded, Catalogue catalogue) {
        Explanations explanations = new Explanations(catalogue);
        Instant now = store.now();
        String period = recorded.evaluation().period().toString();
        String actor = "run " + recorded.run();
        // a month judged again, or caught up, after a later one: what the later month showed stands
        boolean laterJudged = store.jdbc().sql("select count(*) from run where period > ?").param(period)
                .query(Long.class).single() > 0;
        Map<String, TrackedAlert> tracked = new LinkedHashMap<>();
        list(a -> true).forEach(t -> tracked.put(key(t.unit(), t.commitment(), t.level()), t));
        Set<String> raised = new java.util.HashSet<>();
        for (Alert a : recorded.evaluation().alerts()) {
            String commitment = a.commitment() == null ? null : a.commitment().id();
            String key = key(a.unit().id(), commitment, a.level().name());
            raised.add(key);
            TrackedAlert t = tracked.get(key);
            if (t != null && (later(t, period) || laterJudged && !t.state().isActive())) {
                continue;
            }
            Text message = new Text(explanations.message(a), explanations.message(a, Locale.ENGLISH));
            List<String> responsible = responsible(a, catalogue);
            Instant deadline = a.level() == AlertLevel.RED ? now.plus(rectification) : null;
            if (t == null) {
                long id = openCase(a.unit().id(), commitment, a.level().name(), now);
                record(id, "OPENED", AlertState.OPEN, actor, null, recorded.run(), period, deadline, responsible,
                        message, true);
            } else if (!t.state().isActive()) {
                record(t.id(), "REOPENED", AlertState.OPEN, actor, null, recorded.run(), period, deadline,
                        responsible, message, true);
            } else {
                record(t.id(), "RAISED_AGAIN", t.state(), actor, null, recorded.run(), period, t.deadline(),
                        responsible, message, false);
            }
        }
        // 提前预警 are followed as their own kind, FORECAST: opened, raised again, re-opened and resolved as the
        // contract's alerts are, with no rectification deadline (nothing is late yet)
        for (Forecast f : recorded.evaluation().forecasts()) {
            String key = key(f.unit().id(), f.commitment().id(), Forecast.LEVEL);
            raised.add(key);
            TrackedAlert t = tracked.get(key);
            if (t != null && (later(t, period) || laterJudged && !t.state().isActive())) {
                continue;
            }
            Text message = new Text(explanations.message(f), explanations.message(f, Locale.ENGLISH));
            List<String> responsible = responsible(f.unit(), f.commitment());
            if (t == null) {
                long id = openCase(f.unit().id(), f.commitment().id(), Forecast.LEVEL, now);
                record(id, "OPENED", AlertState.OPEN, actor, null, recorded.run(), period, null, responsible, message,
                        true);
            } else if (!t.state().isActive()) {
                record(t.id(), "REOPENED", AlertState.OPEN, actor, null, recorded.run(), period, null, responsible,
                        message, true);
            } else {
                record(t.id(), "RAISED_AGAIN", t.state(), actor, null, recorded.run(), period, null, responsible,
                        message, false);
            }
        }
        for (TrackedAlert t : tracked.values()) {
            boolean stale = t.period() == null || t.period().compareTo(period) <= 0;
            if (t.state().isActive() && !raised.contains(key(t.unit(), t.commitment(), t.level())) && stale) {
                record(t.id(), "RESOLVED", AlertState.RESOLVED, actor, "本次评判不再触发 / no longer raised",
                        recorded.run(), period, null, t.responsible(), null, true);
            }
        }
    }

    /**
     * Whether a run of a later period than {@code period} has already spoken of the alert: then a run of
     * {@code period} (a month caught up, or judged again) neither re-opens it nor raises it again, as it does not
     * resolve it; what the later month showed stands. An alert closed or resolved is not re-opened by such a run
     * either when any later month has been judged, whether or not its run spoke of the alert (a closed alert hears
     * nothing from later runs).
     */
    private static boolean later(TrackedAlert t, String period) {
        return t.judgedFor() != null && t.judgedFor().compareTo(period) > 0;
    }

    private static List<String> responsible(Alert a, Catalogue catalogue) {
        return responsible(a.unit(), a.commitment());
    }

    /** The reporting unit and, where there is a commitment, its lead unit. */
    private static List<String> responsible(Unit unit, Commitment commitment) {
        List<String> units = new ArrayList<>();
        units.add(unit.name());
        if (commitment != null && !units.contains(commitment.lead())) {
            units.add(commitment.lead());
        }
        return units;
    }

    /** A supervisor acknowledges an open alert: who, when, and a note. */
    public TrackedAlert acknowledge(long id, String by, String note) {
        return store.inTransaction(() -> {
            TrackedAlert t = require(id);
            if (!t.state().isActive()) {
                throw new StoreException("预警 %d 已%s，无需签收 / alert %d is %s: nothing to acknowledge"
                        .formatted(id, t.state().label(), id, t.state()));
            }
            AlertState next = t.state() == AlertState.ESCALATED ? AlertState.ESCALATED : AlertState.ACKNOWLEDGED;
            record(id, "ACKNOWLEDGED", next, by, note, null, null, t.deadline(), t.responsible(), null, false);
            return require(id);
        });
    }

    /** A supervisor closes an alert by hand, with a reason. */
    public TrackedAlert close(long id, String by, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("关闭预警须说明理由 / closing an alert needs a reason");
        }
        return store.inTransaction(() -> {
            TrackedAlert t = require(id);
            if (t.state() == AlertState.CLOSED) {
                throw new StoreException("预警 %d 已关闭 / alert %d is already closed".formatted(id, id));
            }
            record(id, "CLOSED", AlertState.CLOSED, by, reason, null, null, null, t.responsible(), null, true);
            return require(id);
        });
    }

    /**
     * 督办升级: escalates every alert still open or acknowledged past its rectification deadline, as of the
     * store's clock, and announces it again.
     */
    public List<TrackedAlert> escalateOverdue(String by) {
        return store.inTransaction(() -> {
            Instant now = store.now();
            List<TrackedAlert> escalated = new ArrayList<>();
            for (TrackedAlert t : list(a -> (a.state() == AlertState.OPEN || a.state() == AlertState.ACKNOWLEDGED)
                    && a.deadline() != null && a.deadline().isBefore(now))) {
                String since = LocalDate.ofInstant(t.deadline(), ZONE).toString();
                Text message = new Text(
                        Wording.CHINESE.format("alert.overdue", since, t.message(Locale.ROOT)),
                        Wording.ENGLISH.format("alert.overdue", since, t.message(Locale.ENGLISH)));
                record(t.id(), "ESCALATED", AlertState.ESCALATED, by, null, null, null, t.deadline(),
                        t.responsible(), message, true);
                escalated.add(require(t.id()));
            }
            return escalated;
        });
    }

    /** The alert with this id, with its history. */
    public Optional<TrackedAlert> find(long id) {
        return list(a -> a.id() == id).stream().findFirst();
    }

    private TrackedAlert require(long id) {
        return find(id).orElseThrow(() -> new StoreException("没有预警 %d / there is no alert %d".formatted(id, id)));
    }

    /** Every tracked alert that {@code filter} accepts, by id. */
    public List<TrackedAlert> list(Predicate<TrackedAlert> filter) {
        return list(null, filter);
    }

    /**
     * Followed-up alerts of one unit only where {@code unit} is given (null: every unit), that pass {@code filter}:
     * a county supervisor's request reads its own cases and their histories, not the city's.
     */
    public List<TrackedAlert> list(String unit, Predicate<TrackedAlert> filter) {
        Map<Long, List<AlertEvent>> events = new LinkedHashMap<>();
        store.jdbc().sql("""
                        select e.* from alert_event e
                        where cast(:unit as varchar(40)) is null
                           or e.case_id in (select c.id from alert_case c where c.unit = :unit)
                        order by e.case_id, e.id""")
                .param("unit", unit)
                .query((rs, n) -> events.computeIfAbsent(rs.getLong("case_id"), k -> new ArrayList<>()).add(event(rs)))
                .list();
        return store.jdbc().sql("""
                        select * from alert_case where cast(:unit as varchar(40)) is null or unit = :unit
                        order by id""")
                .param("unit", unit)
                .query((rs, n) -> new TrackedAlert(rs.getLong("id"), rs.getString("unit"),
                        "-".equals(rs.getString("commitment_key")) ? null : rs.getString("commitment_key"),
                        rs.getString("level"), rs.getObject("opened_at", OffsetDateTime.class).toInstant(),
                        events.getOrDefault(rs.getLong("id"), List.of())))
                .list().stream().filter(t -> !t.history().isEmpty()).filter(filter).toList();
    }

    private long openCase(String unit, String commitment, String level, Instant now) {
        store.jdbc().sql("insert into alert_case (unit, commitment_key, level, opened_at) values (?, ?, ?, ?)")
                .params(unit, commitment == null ? "-" : commitment, level, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
        return store.jdbc().sql("select id from alert_case where unit = ? and commitment_key = ? and level = ?")
                .params(unit, commitment == null ? "-" : commitment, level).query(Long.class).single();
    }

    private void record(long caseId, String event, AlertState state, String actor, String note, Long run,
                        String period, Instant deadline, List<String> responsible, Text message, boolean announce) {
        store.jdbc().sql("""
                        insert into alert_event (case_id, event, state, at, actor, note, run_id, period, deadline,
                                                 responsible, message, message_en)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(caseId, event, state.name(), OffsetDateTime.ofInstant(store.now(), ZoneOffset.UTC), actor, note,
                        run, period, deadline == null ? null : OffsetDateTime.ofInstant(deadline, ZoneOffset.UTC),
                        JSON.writeValueAsString(responsible), message == null ? null : message.chinese(),
                        message == null ? null : message.english())
                .update();
        long id = store.jdbc().sql("select max(id) from alert_event").query(Long.class).single();
        store.audit().append(AuditChain.Kind.ALERT_EVENT, Long.toString(id));
        if (announce) {
            TrackedAlert alert = require(caseId);
            webhooks.enqueue(alert, alert.latest());
        }
    }

    private static AlertEvent event(ResultSet rs) throws SQLException {
        OffsetDateTime deadline = rs.getObject("deadline", OffsetDateTime.class);
        long run = rs.getLong("run_id");
        Long runId = rs.wasNull() ? null : run;
        return new AlertEvent(rs.getLong("id"), rs.getString("event"), AlertState.valueOf(rs.getString("state")),
                rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"), rs.getString("note"), runId,
                rs.getString("period"), deadline == null ? null : deadline.toInstant(),
                JSON.readValue(rs.getString("responsible"), new TypeReference<List<String>>() { }),
                rs.getString("message"), rs.getString("message_en"));
    }

    /** An alert's message in Chinese and in English. */
    private record Text(String chinese, String english) {
    }

    private static String key(String unit, String commitment, String level) {
        return unit + " " + (commitment == null ? "-" : commitment) + " " + level;
    }

    /** Unit names for ids, for people. */
    static String names(Catalogue catalogue, List<String> ids) {
        return ids.stream().map(id -> catalogue.unit(id).map(Unit::name).orElse(id)).collect(Collectors.joining("、"));
    }
}
