package cn.jinhua.ducha.alerting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import cn.jinhua.ducha.evaluation.Waiver;
import cn.jinhua.ducha.store.AuditChain;
import cn.jinhua.ducha.store.Store;

/**
 * Waivers (豁免): an authorised person exempts a (unit, commitment) for a range of periods, with a reason and an
 * expiry. A waived verdict keeps its status, is marked waived and raises no alert; an expired waiver stops applying
 * by itself. Granting is in the audit chain; nothing is ever deleted.
 */
public final class Waivers {

    private final Store store;

    public Waivers(Store store) {
        this.store = store;
    }

    /** A granted waiver. */
    public record Granted(long id, String unit, String commitment, YearMonth from, YearMonth to, String reason,
                          LocalDate expires, String grantedBy, Instant grantedAt) {

        /** Whether it applies to {@code period} on {@code today}. */
        public boolean appliesTo(YearMonth period, LocalDate today) {
            return !period.isBefore(from) && !period.isAfter(to) && !today.isAfter(expires);
        }
    }

    /**
     * Grants a waiver.
     *
     * @throws IllegalArgumentException when the range is empty or the reason missing
     */
    public Granted grant(String unit, String commitment, YearMonth from, YearMonth to, String reason,
                         LocalDate expires, String by) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("豁免期间结束早于开始 / the waiver ends before it starts");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("豁免须说明理由 / a waiver needs a reason");
        }
        return store.inTransaction(() -> {
            Instant now = store.now();
            store.jdbc().sql("""
                            insert into waiver (unit, commitment, from_period, to_period, reason, expires_on, granted_by,
                                                granted_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(unit, commitment, from.toString(), to.toString(), reason, expires, by,
                            OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .update();
            long id = store.jdbc().sql("select max(id) from waiver").query(Long.class).single();
            store.audit().append(AuditChain.Kind.WAIVER, Long.toString(id));
            return new Granted(id, unit, commitment, from, to, reason, expires, by, now);
        });
    }

    /** Every waiver ever granted, newest first. */
    public List<Granted> list() {
        return store.jdbc().sql("select * from waiver order by id desc")
                .query((rs, n) -> new Granted(rs.getLong("id"), rs.getString("unit"), rs.getString("commitment"),
                        YearMonth.parse(rs.getString("from_period")), YearMonth.parse(rs.getString("to_period")),
                        rs.getString("reason"), rs.getObject("expires_on", LocalDate.class),
                        rs.getString("granted_by"), rs.getObject("granted_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The waivers in force for {@code period} on {@code today}, as evaluation facts. */
    public List<Waiver> inForce(YearMonth period, LocalDate today) {
        return list().stream().filter(w -> w.appliesTo(period, today))
                .map(w -> new Waiver(w.unit(), w.commitment(), w.reason() + "（豁免 " + w.id() + "）"))
                .toList();
    }
}
