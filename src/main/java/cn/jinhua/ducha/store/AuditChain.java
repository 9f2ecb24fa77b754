package cn.jinhua.ducha.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tamper-evident chain over everything the store keeps. Each entry's hash covers the previous entry's hash
 * and the canonical content of what it records, read back from the stored rows; {@link #verify()} recomputes
 * every hash from the rows as they are now. Appends happen inside the writer's transaction, under its lock.
 */
public final class AuditChain {

    /** What an entry records. */
    public enum Kind {
        SUBMISSION("报表"), REFUSAL("退回"), RULESET("规则集"), RUN("评判运行"), ALERT_EVENT("预警变更"),
        WAIVER("豁免"), WEBHOOK("推送地址"), USER_EVENT("用户变更"), DELIVERY_REQUEUE("推送重发");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    static final String GENESIS = "0".repeat(64);

    /** Columns added after the chain began (V10's English texts), hashed only when set. */
    private static final List<String> LATER_COLUMNS = List.of("explanation_en", "message_en");

    private final Store store;

    AuditChain(Store store) {
        this.store = store;
    }

    /** Appends an entry for the rows just written; call inside {@link Store#inTransaction}. */
    public void append(Kind kind, String ref) {
        String contentHash = Canonical.sha256(Canonical.json(content(kind, ref)));
        List<Object[]> last = store.jdbc().sql("select seq, hash from audit_entry order by seq desc limit 1")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
        long seq = last.isEmpty() ? 1 : (Long) last.get(0)[0] + 1;
        String prev = last.isEmpty() ? GENESIS : (String) last.get(0)[1];
        Instant at = store.now();
        store.jdbc().sql("""
                        insert into audit_entry (seq, kind, ref, recorded_at, content_hash, prev_hash, hash)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(seq, kind.name(), ref, OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC), contentHash,
                        prev, link(prev, seq, kind.name(), ref, at, contentHash))
                .update();
    }

    private static String link(String prev, long seq, String kind, String ref, Instant at, String contentHash) {
        return Canonical.sha256(String.join("\n", prev, Long.toString(seq), kind, ref, at.toString(), contentHash));
    }

    /**
     * Walks the chain from the first entry and recomputes every hash from the stored rows; also checks that every
     * stored sheet, refusal, ruleset and run is in the chain.
     */
    public Verification verify() {
        List<Entry> entries = store.jdbc().sql("""
                        select seq, kind, ref, recorded_at, content_hash, prev_hash, hash
                        from audit_entry order by seq""")
                .query((rs, n) -> new Entry(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3),
                        instant(rs, 4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
        String prev = GENESIS;
        long expected = 1;
        for (Entry e : entries) {
            String zh = "第 %d 条审计记录（%s %s）".formatted(e.seq(), e.kind().label(), e.ref());
            String en = "audit entry %d (%s %s)".formatted(e.seq(), e.kind(), e.ref());
            if (e.seq() != expected) {
                return Verification.broken(entries.size(), "审计记录 %d 缺失 / audit entry %d is missing"
                        .formatted(expected, expected));
            }
            if (!e.prevHash().equals(prev)) {
                return Verification.broken(entries.size(), zh + "与前一条不相连 / " + en
                        + " does not link to the entry before");
            }
            Map<String, Object> content;
            try {
                content = content(e.kind(), e.ref());
            } catch (StoreException missing) {
                return Verification.broken(entries.size(), zh + "所记录的内容已被删除 / " + en
                        + " records rows that were removed");
            }
            if (!Canonical.sha256(Canonical.json(content)).equals(e.contentHash())) {
                return Verification.broken(entries.size(), zh + "与存储内容不符，内容已被改动 / " + en
                        + " does not match what is stored: the content was altered");
            }
            if (!link(prev, e.seq(), e.kind().name(), e.ref(), e.recordedAt(), e.contentHash()).equals(e.hash())) {
                return Verification.broken(entries.size(), zh + "的哈希不符，记录本身已被改动 / " + en
                        + " has a wrong hash: the entry itself was altered");
            }
            prev = e.hash();
            expected++;
        }
        String unchained = unchained();
        if (unchained != null) {
            return Verification.broken(entries.size(), unchained);
        }
        return new Verification(true, entries.size(), prev, null);
    }

    /** A stored row no entry covers: something was added behind the chain's back. */
    private String unchained() {
        Map<Kind, String> refs = Map.of(
                Kind.SUBMISSION, "cast(t.id as varchar(40)) from submission t",
                Kind.REFUSAL, "cast(t.id as varchar(40)) from refusal t",
                Kind.RULESET, "t.hash from ruleset t",
                Kind.RUN, "cast(t.id as varchar(40)) from run t",
                Kind.ALERT_EVENT, "cast(t.id as varchar(40)) from alert_event t",
                Kind.WAIVER, "cast(t.id as varchar(40)) from waiver t",
                Kind.WEBHOOK, "cast(t.id as varchar(40)) from webhook t",
                Kind.USER_EVENT, "cast(t.id as varchar(40)) from user_event t",
                Kind.DELIVERY_REQUEUE, "cast(t.id as varchar(40)) from delivery_requeue t");
        for (Kind kind : Kind.values()) {
            String ref = refs.get(kind);
            List<String> missing = store.jdbc().sql("select " + ref + " where not exists (select 1 from audit_entry a"
                            + " where a.kind = ? and a.ref = " + ref.substring(0, ref.indexOf(" from ")) + ")")
                    .param(kind.name()).query(String.class).list();
            if (!missing.isEmpty()) {
                return "%s %s 不在审计链中 / %s %s is not in the audit chain".formatted(kind.label(), missing.get(0),
                        kind, missing.get(0));
            }
        }
        return null;
    }

    /** What an entry records, read back from the rows: the same function writes and verifies. */
    Map<String, Object> content(Kind kind, String ref) {
        return switch (kind) {
            case SUBMISSION -> one("""
                    select id, unit, period, revision, source, content, sha256, submitted_by, received_by, received_at,
                           facts, reason from submission where id = ?""", Long.parseLong(ref), (rs, n) -> {
                Map<String, Object> m = new TreeMap<>();
                m.put("id", rs.getLong("id"));
                m.put("unit", rs.getString("unit"));
                m.put("period", rs.getString("period"));
                m.put("revision", rs.getInt("revision"));
                m.put("source", rs.getString("source"));
                m.put("contentSha256", Canonical.sha256(rs.getBytes("content")));
                m.put("sha256", rs.getString("sha256"));
                m.put("submittedBy", rs.getString("submitted_by"));
                m.put("receivedBy", rs.getString("received_by"));
                m.put("receivedAt", instant(rs, "received_at").toString());
                m.put("facts", rs.getString("facts"));
                if (rs.getString("reason") != null) {
                    // only when set: entries written before V9 added the column verify as they did
                    m.put("reason", rs.getString("reason"));
                }
                return m;
            });
            case REFUSAL -> one("""
                    select id, source, content, sha256, errors, received_by, received_at from refusal where id = ?""",
                    Long.parseLong(ref), (rs, n) -> {
                        Map<String, Object> m = new TreeMap<>();
                        m.put("id", rs.getLong("id"));
                        m.put("source", rs.getString("source"));
                        m.put("contentSha256", Canonical.sha256(rs.getBytes("content")));
                        m.put("sha256", rs.getString("sha256"));
                        m.put("errors", rs.getString("errors"));
                        m.put("receivedBy", rs.getString("received_by"));
                        m.put("receivedAt", instant(rs, "received_at").toString());
                        return m;
                    });
            case RULESET -> one("select hash, files, compiled, stored_at from ruleset where hash = ?", ref,
                    (rs, n) -> {
                        Map<String, Object> m = new TreeMap<>();
                        m.put("hash", rs.getString("hash"));
                        m.put("filesSha256", Canonical.sha256(rs.getString("files")));
                        m.put("compiledSha256", Canonical.sha256(rs.getString("compiled")));
                        m.put("storedAt", instant(rs, "stored_at").toString());
                        return m;
                    });
            case RUN -> run(Long.parseLong(ref));
            case ALERT_EVENT -> one("""
                    select e.id, e.case_id, c.unit, c.commitment_key, c.level, c.opened_at, e.event, e.state, e.at,
                           e.actor, e.note, e.run_id, e.period, e.deadline, e.responsible, e.message, e.message_en
                    from alert_event e join alert_case c on c.id = e.case_id where e.id = ?""",
                    Long.parseLong(ref), AuditChain::columnsSet);
            case WAIVER -> one("""
                    select id, unit, commitment, from_period, to_period, reason, expires_on, granted_by, granted_at
                    from waiver where id = ?""", Long.parseLong(ref), AuditChain::columns);
            case WEBHOOK -> one("""
                    select id, name, url, secret, format, levels, units, tasks, created_by, created_at
                    from webhook where id = ?""", Long.parseLong(ref), AuditChain::columns);
            case USER_EVENT -> one("select id, username, event, detail, actor, at from user_event where id = ?",
                    Long.parseLong(ref), AuditChain::columns);
            case DELIVERY_REQUEUE -> one("""
                    select id, delivery_id, attempts_before, requeued_by, requeued_at
                    from delivery_requeue where id = ?""", Long.parseLong(ref), AuditChain::columns);
        };
    }

    private Map<String, Object> run(long id) {
        Map<String, Object> m = one("select id, period, ruleset, started_by, recorded_at from run where id = ?", id,
                (rs, n) -> {
                    Map<String, Object> r = new TreeMap<>();
                    r.put("id", rs.getLong("id"));
                    r.put("period", rs.getString("period"));
                    r.put("ruleset", rs.getString("ruleset"));
                    r.put("startedBy", rs.getString("started_by"));
                    r.put("recordedAt", instant(rs, "recorded_at").toString());
                    return r;
                });
        m.put("revisions", store.jdbc().sql("select submission_id from run_revision where run_id = ? order by 1")
                .param(id).query(Long.class).list());
        // explicit columns: a column added later must not change what earlier entries hashed
        m.put("verdicts", rows("""
                select run_id, seq, unit, commitment, status, light, value_json, target, expected, rule, explanation,
                       missing_units, trace, explanation_en from verdict where run_id = ? order by seq""", id));
        m.put("alerts", rows("""
                select run_id, seq, unit, commitment, level, message, escalated, missing, rule, trace, message_en
                from alert where run_id = ? order by seq""", id));
        List<Map<String, Object>> waived = rows("select run_id, seq, reason from verdict_waiver where run_id = ? "
                + "order by seq", id);
        if (!waived.isEmpty()) {
            m.put("waived", waived);
        }
        return m;
    }

    private List<Map<String, Object>> rows(String sql, long runId) {
        return store.jdbc().sql(sql).param(runId).query(AuditChain::columnsSet).list();
    }

    /**
     * As {@link #columns}, leaving out the columns added later that are null (the English texts of V10), so that
     * entries written before them hash as they did.
     */
    private static Map<String, Object> columnsSet(ResultSet rs, int n) throws SQLException {
        Map<String, Object> row = columns(rs, n);
        for (String later : LATER_COLUMNS) {
            if (row.containsKey(later) && row.get(later) == null) {
                row.remove(later);
            }
        }
        return row;
    }

    /** Every column of a row by its lower-case name, as text (times as UTC instants), for hashing. */
    private static Map<String, Object> columns(ResultSet rs, int n) throws SQLException {
        Map<String, Object> row = new TreeMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            Object value = rs.getObject(i);
            if (value instanceof java.sql.Timestamp || value instanceof OffsetDateTime) {
                value = rs.getObject(i, OffsetDateTime.class).toInstant();
            }
            row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), value == null ? null : value.toString());
        }
        return row;
    }

    private <T> Map<String, Object> one(String sql, T key, org.springframework.jdbc.core.RowMapper<Map<String, Object>> mapper) {
        List<Map<String, Object>> found = store.jdbc().sql(sql).param(key).query(mapper).list();
        if (found.isEmpty()) {
            throw new StoreException("no row for " + key);
        }
        return new LinkedHashMap<>(found.get(0));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private record Entry(long seq, Kind kind, String ref, Instant recordedAt, String contentHash, String prevHash,
                         String hash) {
    }

    /**
     * The outcome of a walk: intact with the head hash to note elsewhere, or broken naming the first entry that
     * does not match.
     */
    public record Verification(boolean intact, long entries, String head, String problem) {

        static Verification broken(long entries, String problem) {
            return new Verification(false, entries, null, problem);
        }
    }
}
