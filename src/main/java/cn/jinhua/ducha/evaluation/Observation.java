package cn.jinhua.ducha.evaluation;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.catalogue.Window;

/**
 * What the sheets of the period say about one {@link Subject}: the value judged (absent when it was owed and not
 * reported), and for BENCHMARK_MARGIN the province's value. The questions the kind rules ask of it are answered
 * here in exact decimal arithmetic.
 */
public final class Observation {

    private final Subject subject;
    private final Object value;
    private final BigDecimal benchmark;
    private final List<String> missingUnits;
    private final boolean present;

    private Observation(Subject subject, Object value, BigDecimal benchmark, List<String> missingUnits,
                        boolean present) {
        this.subject = subject;
        this.value = value;
        this.benchmark = benchmark;
        this.missingUnits = missingUnits;
        this.present = present;
    }

    /** The unit's own reported value. */
    public static Observation reported(Subject subject, Object value) {
        return new Observation(subject, value, null, null, true);
    }

    /** Owed, not reported. */
    public static Observation absent(Subject subject) {
        return new Observation(subject, null, null, null, false);
    }

    /** The unit's value with the province's value it is compared with. */
    public static Observation benchmarked(Subject subject, Object value, Object province) {
        return new Observation(subject, value, (BigDecimal) province, null, true);
    }

    /** The unit reported, the province did not: nothing to compare with (NO_DATA). */
    public static Observation withoutBenchmark(Subject subject, Object value) {
        return new Observation(subject, value, null, null, false);
    }

    /**
     * The city total: the sum of what the supervised units reported, with those that did not; absent when none
     * reported at all.
     */
    public static Observation total(Subject subject, Collection<Reading> readings, Collection<Unit> supervised) {
        Set<String> reporting = readings.stream().map(Reading::unit).collect(Collectors.toSet());
        List<String> missing = supervised.stream()
                .sorted(java.util.Comparator.comparingInt(Unit::order))
                .map(Unit::id)
                .filter(id -> !reporting.contains(id))
                .toList();
        if (readings.isEmpty()) {
            return new Observation(subject, null, null, missing, false);
        }
        BigDecimal sum = readings.stream().map(r -> (BigDecimal) r.value()).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Observation(subject, sum, null, missing, true);
    }

    public Subject subject() {
        return subject;
    }

    public Commitment getCommitment() {
        return subject.commitment();
    }

    public Unit getUnit() {
        return subject.unit();
    }

    public boolean isPresent() {
        return present;
    }

    public Object value() {
        return value;
    }

    public BigDecimal number() {
        return (BigDecimal) value;
    }

    private YearMonth period() {
        return subject.period();
    }

    private Window.Span span() {
        return subject.span();
    }

    /** f: the share of the window elapsed up to and including the period (序时进度). */
    public Ratio elapsed() {
        return Ratio.of(span().elapsed(period()), span().length());
    }

    /** In or after the window's last month. */
    public boolean isDue() {
        return span().isDue(period());
    }

    /** value ≥ target (value > target where the commitment is strict). */
    public boolean reachesTarget() {
        int c = number().compareTo(getCommitment().target());
        return getCommitment().strict() ? c > 0 : c >= 0;
    }

    /** value ≥ target. */
    public boolean isAtLeastTarget() {
        return number().compareTo(getCommitment().target()) >= 0;
    }

    /** value ≤ target. */
    public boolean isAtMostTarget() {
        return number().compareTo(getCommitment().target()) <= 0;
    }

    /** gap = f − c, with completion c = (value − B) / (target − B); exact. */
    public Ratio paceGap() {
        Commitment c = getCommitment();
        Ratio completion = new Ratio(number().subtract(c.baseline()), c.target().subtract(c.baseline()));
        return elapsed().minus(completion);
    }

    /** What 序时进度 asks for now: B + (target − B) × f. */
    public BigDecimal paceExpected() {
        Commitment c = getCommitment();
        Ratio share = elapsed().times(c.target().subtract(c.baseline()));
        return share.toDecimal().add(c.baseline());
    }

    /** A milestone reported done. */
    public boolean isTrue() {
        return Boolean.TRUE.equals(value);
    }

    /** f ≥ share: the window is at least that far gone. */
    public boolean hasElapsed(BigDecimal share) {
        return elapsed().isAtLeast(share);
    }

    /** The province's value plus the commitment's margin. */
    public BigDecimal benchmarkTarget() {
        return benchmark.add(getCommitment().margin());
    }

    /** value ≥ the province's value + margin. */
    public boolean beatsBenchmark() {
        return number().compareTo(benchmarkTarget()) >= 0;
    }

    /** The reported progress status name. */
    public String progress() {
        return (String) value;
    }

    /** The verdict {@code rule} reaches on this observation. */
    public Verdict judged(Status status, String rule) {
        Commitment c = getCommitment();
        BigDecimal target = switch (c.kind()) {
            case AT_LEAST, AT_MOST, REACH_BY, ANNUAL_AT_LEAST -> c.target();
            case BENCHMARK_MARGIN -> benchmarkTarget();
            case MILESTONE, PROGRESS -> null;
        };
        BigDecimal expected = c.kind().isPaced() ? paceExpected() : null;
        return new Verdict(getUnit(), c, period(), status, value, target, expected, missingUnits, benchmark,
                false, span(), rule);
    }

    /**
     * The NO_DATA verdict for an observation with nothing to judge: the value was owed and not reported, or (for
     * BENCHMARK_MARGIN) the unit reported and the province did not.
     */
    public Verdict noData(String rule) {
        return new Verdict(getUnit(), getCommitment(), period(), Status.NO_DATA, null, null, null, missingUnits,
                null, value != null, span(), rule);
    }

    @Override
    public String toString() {
        return "Observation[" + getUnit().id() + " " + getCommitment().id() + " " + period() + " = " + value + "]";
    }
}
