package cn.jinhua.ducha.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.Rejection;

/**
 * The sheets as received, read as a collection: every accepted sheet is a new revision of its (unit, period),
 * never overwritten; every refusal is kept too. Each write is its own transaction with its audit entry.
 */
public final class Submissions {

    private final Store store;

    Submissions(Store store) {
        this.store = store;
    }

    /**
     * A stored revision of a unit's sheet for a period.
     *
     * @param reason why it replaces the revision before, where someone other than the unit replaced it (else null)
     */
    public record Revision(long id, String unit, YearMonth period, int revision, String source, String sha256,
                           String submittedBy, String receivedBy, Instant receivedAt, byte[] content, String reason) {
    }

    /** A refused sheet, kept with its errors. */
    public record Refusal(long id, String source, List<String> errors) {
    }

    /**
     * Stores an accepted sheet with the exact bytes received: the next revision of its unit and period.
     *
     * @param receivedBy who submitted it (the person or system at the command line or API)
     */
    public Revision add(FactSheet sheet, byte[] content, String receivedBy) {
        return add(sheet, content, receivedBy, null);
    }

    /**
     * Stores an accepted sheet as {@link #add(FactSheet, byte[], String)} does, with the reason it replaces the
     * revision before (a city supervisor superseding a county's sheet), kept with the revision and in the audit chain.
     */
    public Revision add(FactSheet sheet, byte[] content, String receivedBy, String reason) {
        return store.inTransaction(() -> {
            int revision = store.jdbc().sql("select coalesce(max(revision), 0) + 1 from submission "
                            + "where unit = ? and period = ?")
                    .params(sheet.unit().id(), sheet.period().toString()).query(Integer.class).single();
            Instant at = store.now();
            String sha256 = Canonical.sha256(content);
            Map<String, String> facts = new TreeMap<>();
            sheet.values().forEach((metric, value) -> facts.put(metric, Canonical.value(value)));
            store.jdbc().sql("""
                            insert into submission (unit, period, revision, source, content, sha256, submitted_by,
                                                    received_by, received_at, facts, reason)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(sheet.unit().id(), sheet.period().toString(), revision, sheet.source(), content, sha256,
                            sheet.submittedBy(), receivedBy, OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                            Canonical.json(facts), reason)
                    .update();
            long id = store.jdbc().sql("select id from submission where unit = ? and period = ? and revision = ?")
                    .params(sheet.unit().id(), sheet.period().toString(), revision).query(Long.class).single();
            store.audit().append(AuditChain.Kind.SUBMISSION, Long.toString(id));
            return new Revision(id, sheet.unit().id(), sheet.period(), revision, sheet.source(), sha256,
                    sheet.submittedBy(), receivedBy, at, content, reason);
        });
    }

    /** Records a refused sheet: the bytes and the errors, in the audit chain, and not as a revision. */
    public Refusal refuse(Rejection rejection, byte[] content, String receivedBy) {
        return store.inTransaction(() -> {
            Instant at = store.now();
            store.jdbc().sql("""
                            insert into refusal (source, content, sha256, errors, received_by, received_at)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(rejection.source(), content, Canonical.sha256(content), Canonical.json(rejection.errors()),
                            receivedBy, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                    .update();
            long id = store.jdbc().sql("select max(id) from refusal").query(Long.class).single();
            store.audit().append(AuditChain.Kind.REFUSAL, Long.toString(id));
            return new Refusal(id, rejection.source(), rejection.errors());
        });
    }

    /** The latest revision of every unit's sheet for each of {@code periods}. */
    public List<Revision> latest(Collection<YearMonth> periods) {
        List<String> months = periods.stream().map(YearMonth::toString).toList();
        return store.jdbc().sql("""
                        select * from submission s
                        where s.period in (:periods)
                          and s.revision = (select max(t.revision) from submission t
                                            where t.unit = s.unit and t.period = s.period)
                        order by s.period, s.unit""")
                .param("periods", months).query(Submissions::revision).list();
    }

    /** The earliest period of any stored sheet; empty while nothing was ever stored. */
    public Optional<YearMonth> firstPeriod() {
        return store.jdbc().sql("select min(period) from submission").query(String.class).list().stream()
                .filter(java.util.Objects::nonNull).findFirst().map(YearMonth::parse);
    }

    /** Stored revisions by id, in id order. */
    public List<Revision> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return store.jdbc().sql("select * from submission where id in (:ids) order by id")
                .param("ids", ids).query(Submissions::revision).list();
    }

    /** Every revision of a unit's sheet for a period, oldest first. */
    public List<Revision> revisions(String unit, YearMonth period) {
        return store.jdbc().sql("select * from submission where unit = ? and period = ? order by revision")
                .params(unit, period.toString()).query(Submissions::revision).list();
    }

    /**
     * Every revision, of one unit and one period where they are given (null: any), by period, unit, revision; a
     * listing, so without the bytes ({@link Revision#content()} is null: {@link #byIds} reads them).
     */
    public List<Revision> find(String unit, YearMonth period) {
        return store.jdbc().sql("""
                        select id, unit, period, revision, source, sha256, submitted_by, received_by, received_at,
                               cast(null as bytea) as content, reason
                        from submission
                        where (cast(:unit as varchar(40)) is null or unit = :unit)
                          and (cast(:period as char(7)) is null or period = :period)
                        order by period, unit, revision""")
                .param("unit", unit).param("period", period == null ? null : period.toString())
                .query(Submissions::revision).list();
    }

    private static Revision revision(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Revision(rs.getLong("id"), rs.getString("unit"), YearMonth.parse(rs.getString("period")),
                rs.getInt("revision"), rs.getString("source"), rs.getString("sha256"), rs.getString("submitted_by"),
                rs.getString("received_by"), rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                rs.getBytes("content"), rs.getString("reason"));
    }
}
