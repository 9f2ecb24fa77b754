package cn.jinhua.ducha.store;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import cn.jinhua.ducha.evaluation.Alert;
import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Explanations;
import cn.jinhua.ducha.evaluation.Verdict;
import cn.jinhua.ducha.evaluation.Wording;
import cn.jinhua.ducha.rulebook.Rulebook;
import tools.jackson.core.type.TypeReference;

/**
 * Evaluation runs as a collection: each recorded in one transaction with the revisions it judged, the rules'
 * full text (stored once per hash), every verdict with its trace and every alert.
 */
public final class Runs {

    private final Store store;

    Runs(Store store) {
        this.store = store;
    }

    /** A recorded run. */
    public record Run(long id, YearMonth period, String ruleset, String startedBy, Instant recordedAt) {
    }

    /** A verdict as stored: its position in the run, the contract's fields as text, the trace as JSON. */
    public record StoredVerdict(int seq, String unit, String commitment, String status, String light, String value,
                                String target, String expected, String rule, String explanation,
                                String missingUnits, String trace, String baseline, String explanationEn) {

        /** The explanation in the locale's language: English where it was stored (runs since V10), else Chinese. */
        public String explanation(Locale locale) {
            return Wording.of(locale).isEnglish() && explanationEn != null ? explanationEn : explanation;
        }
    }

    /** An alert as stored, with its position in the run. */
    public record StoredAlert(int seq, String unit, String commitment, String level, String message, boolean escalated,
                              String missing, String rule, String messageEn) {

        /** The message in the locale's language: English where it was stored (runs since V10), else Chinese. */
        public String message(Locale locale) {
            return Wording.of(locale).isEnglish() && messageEn != null ? messageEn : message;
        }
    }

    /**
     * Records {@code evaluation} as a run in one transaction, with the revisions it judged and the rules that
     * judged it; the ruleset's files are stored the first time its hash is seen.
     *
     * @return the run's id
     */
    public long record(Evaluation evaluation, Rulebook rulebook, Collection<Long> revisions, String startedBy,
                       Explanations explanations) {
        return store.inTransaction(() -> {
            storeRuleset(rulebook);
            Instant at = store.now();
            store.jdbc().sql("insert into run (period, ruleset, started_by, recorded_at) values (?, ?, ?, ?)")
                    .params(evaluation.period().toString(), rulebook.hash(), startedBy,
                            OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                    .update();
            long id = store.jdbc().sql("select max(id) from run").query(Long.class).single();
            for (Long revision : revisions) {
                store.jdbc().sql("insert into run_revision (run_id, submission_id) values (?, ?)")
                        .params(id, revision).update();
            }
            int seq = 0;
            for (Verdict v : evaluation.verdicts()) {
                int position = seq + 1;
                evaluation.waiver(v).ifPresent(w -> store.jdbc()
                        .sql("insert into verdict_waiver (run_id, seq, reason) values (?, ?, ?)")
                        .params(id, position, w.reason()).update());
                store.jdbc().sql("""
                                insert into verdict (run_id, seq, unit, commitment, status, light, value_json, target,
                                                     expected, rule, explanation, missing_units, trace, baseline,
                                                     explanation_en)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(id, ++seq, v.unit().id(), v.commitment().id(), v.status().name(),
                                v.light() == null ? null : v.light().name(), Canonical.value(v.value()),
                                plain(v.target()), plain(v.expected()), v.rule(), explanations.explain(v),
                                v.missingUnits() == null ? null : Canonical.json(v.missingUnits()),
                                Canonical.json(evaluation.trace(v)),
                                v.baseline() == null ? null : plain(v.baseline().value()),
                                explanations.explain(v, Locale.ENGLISH))
                        .update();
            }
            seq = 0;
            for (Alert a : evaluation.alerts()) {
                store.jdbc().sql("""
                                insert into alert (run_id, seq, unit, commitment, level, message, escalated, missing,
                                                   rule, trace, message_en)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(id, ++seq, a.unit().id(), a.commitment() == null ? null : a.commitment().id(),
                                a.level().name(), explanations.message(a), a.escalated(),
                                a.missing().isEmpty() ? null
                                        : Canonical.json(a.missing().stream().map(c -> c.id()).toList()),
                                a.rule(), Canonical.json(evaluation.trace(a)), explanations.message(a, Locale.ENGLISH))
                        .update();
            }
            store.audit().append(AuditChain.Kind.RUN, Long.toString(id));
            return id;
        });
    }

    /**
     * Stores the ruleset's files and compiled rules and records it in the audit chain, the first time its hash is
     * seen; a run does this itself, and a rules reload does it as soon as the new rules are in force.
     *
     * @return whether the ruleset was new to the store
     */
    public boolean storeRuleset(Rulebook rulebook) {
        return store.inTransaction(() -> {
            boolean known = store.jdbc().sql("select count(*) from ruleset where hash = ?").param(rulebook.hash())
                    .query(Integer.class).single() > 0;
            if (!known) {
                insertRuleset(rulebook);
            }
            return !known;
        });
    }

    private void insertRuleset(Rulebook rulebook) {
        store.jdbc().sql("insert into ruleset (hash, files, compiled, stored_at) values (?, ?, ?, ?)")
                .params(rulebook.hash(), Canonical.json(new TreeMap<>(rulebook.files())),
                        Canonical.json(new TreeMap<>(rulebook.texts())),
                        OffsetDateTime.ofInstant(store.now(), ZoneOffset.UTC))
                .update();
        store.audit().append(AuditChain.Kind.RULESET, rulebook.hash());
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().toPlainString();
    }

    /** Every run, newest first. */
    public List<Run> list() {
        return store.jdbc().sql("select * from run order by id desc").query(Runs::run).list();
    }

    /** How many verdicts of a run have each light (GREY, GREEN ...; NOT_APPLICABLE under "NONE"), and its alerts. */
    public Map<String, Integer> counts(long runId) {
        return counts(runId, null);
    }

    /** A run's verdicts by light and its alerts, of one unit only where {@code unit} is given (null: every unit). */
    public Map<String, Integer> counts(long runId, String unit) {
        Map<String, Integer> counts = new TreeMap<>();
        store.jdbc().sql("""
                        select coalesce(light, 'NONE'), count(*) from verdict
                        where run_id = :run and (cast(:unit as varchar(40)) is null or unit = :unit) group by light""")
                .param("run", runId).param("unit", unit).query((rs, n) -> counts.put(rs.getString(1), rs.getInt(2)))
                .list();
        counts.put("ALERTS", store.jdbc().sql("""
                        select count(*) from alert
                        where run_id = :run and (cast(:unit as varchar(40)) is null or unit = :unit)""")
                .param("run", runId).param("unit", unit).query(Integer.class).single());
        return counts;
    }

    /** The latest run recorded for {@code period}: the one a period's pages, ranking and brief read. */
    public Optional<Run> latest(YearMonth period) {
        return store.jdbc().sql("select * from run where period = ? order by id desc fetch first 1 rows only")
                .param(period.toString()).query(Runs::run).optional();
    }

    public Optional<Run> find(long id) {
        return store.jdbc().sql("select * from run where id = ?").param(id).query(Runs::run).optional();
    }

    /** The waivers a run applied, as evaluation facts. */
    public List<cn.jinhua.ducha.evaluation.Waiver> waivers(long runId) {
        return store.jdbc().sql("""
                        select v.unit, v.commitment, w.reason from verdict_waiver w
                        join verdict v on v.run_id = w.run_id and v.seq = w.seq where w.run_id = ? order by w.seq""")
                .param(runId)
                .query((rs, n) -> new cn.jinhua.ducha.evaluation.Waiver(rs.getString(1), rs.getString(2),
                        rs.getString(3)))
                .list();
    }

    /** The revisions a run judged, in id order. */
    public List<Long> revisions(long runId) {
        return store.jdbc().sql("select submission_id from run_revision where run_id = ? order by submission_id")
                .param(runId).query(Long.class).list();
    }

    public List<StoredVerdict> verdicts(long runId) {
        return store.jdbc().sql("select * from verdict where run_id = ? order by seq").param(runId)
                .query((rs, n) -> new StoredVerdict(rs.getInt("seq"), rs.getString("unit"),
                        rs.getString("commitment"),
                        rs.getString("status"), rs.getString("light"), rs.getString("value_json"), rs.getString("target"),
                        rs.getString("expected"), rs.getString("rule"), rs.getString("explanation"),
                        rs.getString("missing_units"), rs.getString("trace"), rs.getString("baseline"),
                        rs.getString("explanation_en")))
                .list();
    }

    /**
     * A run's verdicts without their traces, as lists show them, of one unit only where {@code unit} is given (null:
     * every unit): a county supervisor's request reads its own rows, not the city's with every trace.
     */
    public List<StoredVerdict> verdictsOf(long runId, String unit) {
        return store.jdbc().sql("""
                        select seq, unit, commitment, status, light, value_json, target, expected, rule, explanation,
                               missing_units, baseline, explanation_en
                        from verdict
                        where run_id = :run and (cast(:unit as varchar(40)) is null or unit = :unit)
                        order by seq""")
                .param("run", runId).param("unit", unit)
                .query((rs, n) -> new StoredVerdict(rs.getInt("seq"), rs.getString("unit"),
                        rs.getString("commitment"), rs.getString("status"), rs.getString("light"),
                        rs.getString("value_json"), rs.getString("target"), rs.getString("expected"),
                        rs.getString("rule"), rs.getString("explanation"), rs.getString("missing_units"), null,
                        rs.getString("baseline"), rs.getString("explanation_en")))
                .list();
    }

    public List<StoredAlert> alerts(long runId) {
        return store.jdbc().sql("select * from alert where run_id = ? order by seq").param(runId)
                .query((rs, n) -> new StoredAlert(rs.getInt("seq"), rs.getString("unit"), rs.getString("commitment"),
                        rs.getString("level"), rs.getString("message"), rs.getBoolean("escalated"),
                        rs.getString("missing"), rs.getString("rule"), rs.getString("message_en")))
                .list();
    }

    /** The files of {@code rules/} as stored for a ruleset hash, by relative path. */
    public Map<String, String> rulesetFiles(String hash) {
        return Canonical.JSON.readValue(column("files", hash), new TypeReference<Map<String, String>>() { });
    }

    /** The rule texts as compiled (templates expanded) for a ruleset hash, by display name. */
    public Map<String, String> rulesetTexts(String hash) {
        return Canonical.JSON.readValue(column("compiled", hash), new TypeReference<Map<String, String>>() { });
    }

    /**
     * The rule's block in a stored ruleset's compiled DRL (templates expanded), from {@code rule "…"} to its
     * {@code end}, headed by the file it came from; empty when the ruleset has no such rule.
     */
    public Optional<String> ruleText(String hash, String rule) {
        // only rulebook reads DRL: it finds the rule by name in the stored texts as it does in a live rule base
        return Optional.ofNullable(Rulebook.rulesByName(rulesetTexts(hash)).get(rule));
    }

    private String column(String column, String hash) {
        return store.jdbc().sql("select " + column + " from ruleset where hash = ?").param(hash)
                .query(String.class).optional()
                .orElseThrow(() -> new StoreException("规则集 %s 未存储 / ruleset %s is not stored".formatted(hash, hash)));
    }

    private static Run run(ResultSet rs, int n) throws SQLException {
        return new Run(rs.getLong("id"), YearMonth.parse(rs.getString("period")), rs.getString("ruleset"),
                rs.getString("started_by"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant());
    }
}
