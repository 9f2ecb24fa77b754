package cn.jinhua.ducha.evaluation;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.catalogue.Window;

/**
 * Where a REACH_BY or ANNUAL_AT_LEAST value is heading (提前预警): the pace of the last {@link #MONTHS} months,
 * carried on in a straight line to the window's last month. With v the value now (month k of n), v₃ the value
 * {@link #MONTHS} months before (for the base period: B, the verdict's own baseline; 0 for a year-to-date total),
 * the projection is {@code v + (v − v₃) × (n − k) / 3}. Made in plain Java by classification, as a fact; whether
 * it is a warning is decided in {@code rules/forecasts.drl}. Exact decimal arithmetic: nothing is rounded before
 * the comparison with the target.
 */
public final class Projection {

    /** How many months of the unit's own history the pace is measured over. */
    public static final int MONTHS = 3;

    /** The method's name, as the JSON output writes it. */
    public static final String METHOD = "LAST_3_MONTHS_PACE";

    private final Subject subject;
    private final String unitId;
    private final String commitmentId;
    private final YearMonth from;
    private final BigDecimal fromValue;
    private final BigDecimal value;
    private final Ratio projected;
    private final List<Reading> readings;

    private Projection(Subject subject, YearMonth from, BigDecimal fromValue, BigDecimal value, Ratio projected,
                       List<Reading> readings) {
        this.subject = subject;
        this.unitId = subject.unit().id();
        this.commitmentId = subject.commitment().id();
        this.from = from;
        this.fromValue = fromValue;
        this.value = value;
        this.projected = projected;
        this.readings = List.copyOf(readings);
    }

    /**
     * The projection of {@code value}, the pair's value at its period, from {@code fromValue}, its value
     * {@link #MONTHS} months before; empty when the window has no end or its last month has come (nothing left
     * to forecast).
     *
     * @param readings the sheet values {@code fromValue} was read from (none when it is the baseline)
     */
    static Optional<Projection> of(Subject subject, BigDecimal value, YearMonth from, BigDecimal fromValue,
                                             List<Reading> readings) {
        Window.Span span = subject.span();
        if (span == null || span.isOpen() || span.isDue(subject.period())) {
            return Optional.empty();
        }
        long left = span.length() - span.elapsed(subject.period());
        // v + (v − v₃) × left / 3, as one exact fraction over 3
        BigDecimal numerator = value.multiply(BigDecimal.valueOf(MONTHS))
                .add(value.subtract(fromValue).multiply(BigDecimal.valueOf(left)));
        return Optional.of(new Projection(subject, from, fromValue, value,
                new Ratio(numerator, BigDecimal.valueOf(MONTHS)), readings));
    }

    public String getUnitId() {
        return unitId;
    }

    public String getCommitmentId() {
        return commitmentId;
    }

    public Unit unit() {
        return subject.unit();
    }

    public Commitment commitment() {
        return subject.commitment();
    }

    /** The period judged: the last month of the history used. */
    public YearMonth period() {
        return subject.period();
    }

    /** The first month of the history used, {@link #MONTHS} before the period (the base period at the earliest). */
    public YearMonth from() {
        return from;
    }

    /** The value at {@link #from()}: reported then, or B for the base period. */
    public BigDecimal fromValue() {
        return fromValue;
    }

    /** The value at the period. */
    public BigDecimal value() {
        return value;
    }

    /** The window's last month, which the projection is made for. */
    public YearMonth end() {
        return subject.span().last();
    }

    /** The months of history the pace is measured over: always {@link #MONTHS}. */
    public int monthsUsed() {
        return MONTHS;
    }

    /** The monthly pace, (v − v₃) / 3; exact. */
    public Ratio pace() {
        return new Ratio(value.subtract(fromValue), BigDecimal.valueOf(MONTHS));
    }

    /** The projected value at the window's end, for people and JSON (exact where it terminates). */
    public BigDecimal projected() {
        return projected.toDecimal();
    }

    public BigDecimal target() {
        return commitment().target();
    }

    /**
     * The projection does not reach the target: below it, or at it where the commitment asks to exceed it
     * (strict). Compared exactly.
     */
    public boolean isShortOfTarget() {
        int c = projected.compareTo(target());
        return commitment().strict() ? c <= 0 : c < 0;
    }

    /** target − projected, for people and JSON; positive when short. */
    public BigDecimal shortfall() {
        return new Ratio(target().multiply(BigDecimal.valueOf(MONTHS)), BigDecimal.valueOf(MONTHS))
                .minus(projected).toDecimal();
    }

    /** The sheet values of {@link #from()} this projection read besides the observation's, for the trace. */
    public List<Reading> readings() {
        return readings;
    }

    @Override
    public String toString() {
        return "Projection[" + unitId + " " + commitmentId + " " + subject.period() + ": " + from + " " + fromValue
                + " → " + value + " → " + projected() + " by " + end() + "]";
    }
}
