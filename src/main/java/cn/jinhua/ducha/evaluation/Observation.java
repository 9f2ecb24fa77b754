package cn.jinhua.ducha.evaluation;

import java.math.BigDecimal;
import java.util.List;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.catalogue.Window;
import org.kie.api.runtime.rule.RuleContext;

/**
 * What the sheets say about one {@link Subject}: the value judged (absent when it was owed and not reported), for
 * BENCHMARK_MARGIN the province's value, for REACH_BY the baseline, and the readings all of it came from. The one
 * fact per judged pair that the kind rules match, by {@link #getCommitmentId()} (a plain property, so that the
 * rule network hashes it instead of trying every rule). The questions those rules ask of it are answered here in
 * exact decimal arithmetic.
 */
public final class Observation {

    private final Subject subject;
    private final String commitmentId;
    private final Object value;
    private final BigDecimal benchmark;
    private final List<String> missingUnits;
    private final Baseline baseline;
    private final boolean present;
    private final List<Reading> readings;

    Observation(Subject subject, Object value, BigDecimal benchmark, List<String> missingUnits, Baseline baseline,
                boolean present, List<Reading> readings) {
        this.subject = subject;
        this.commitmentId = subject.commitment().id();
        this.value = value;
        this.benchmark = benchmark;
        this.missingUnits = missingUnits;
        this.baseline = baseline;
        this.present = present;
        this.readings = readings;
    }

    public Subject subject() {
        return subject;
    }

    /** The commitment's id: what each kind rule matches on. */
    public String getCommitmentId() {
        return commitmentId;
    }

    public Commitment getCommitment() {
        return subject.commitment();
    }

    public Unit getUnit() {
        return subject.unit();
    }

    /** There is something to judge: a value (and, for BENCHMARK_MARGIN, the province's value beside it). */
    public boolean isPresent() {
        return present;
    }

    public Object value() {
        return value;
    }

    public BigDecimal number() {
        return (BigDecimal) value;
    }

    /** For CITY_TOTAL, the supervised units whose sheets lacked the value; otherwise null. */
    public List<String> missingUnits() {
        return missingUnits;
    }

    /** The province's value, BENCHMARK_MARGIN only. */
    public BigDecimal benchmark() {
        return benchmark;
    }

    /** B and where it came from; null for kinds that have none. */
    public Baseline baseline() {
        return baseline;
    }

    /** The sheet values this observation was read from (for CITY_TOTAL every unit's), for the trace. */
    public List<Reading> readings() {
        return readings;
    }

    private Window.Span span() {
        return subject.span();
    }

    /** f: the share of the window elapsed up to and including the period (序时进度). */
    public Ratio elapsed() {
        return Ratio.of(span().elapsed(subject.period()), span().length());
    }

    /** In or after the window's last month. */
    public boolean isDue() {
        return span().isDue(subject.period());
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
        BigDecimal b = baseline.value();
        Ratio completion = new Ratio(number().subtract(b), getCommitment().target().subtract(b));
        return elapsed().minus(completion);
    }

    /** What 序时进度 asks for now: B + (target − B) × f. */
    public BigDecimal paceExpected() {
        BigDecimal b = baseline.value();
        return elapsed().times(getCommitment().target().subtract(b)).toDecimal().add(b);
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

    /**
     * The judgement {@code rule} reaches on this observation: a {@link Verdict}, recorded in its place among the
     * period's verdicts; or, for an observation of the month before (judged only for escalation), the
     * {@link PriorVerdict} that alerts.drl looks for.
     */
    public Object judged(Status status, RuleContext rule) {
        if (subject.isPrior()) {
            return new PriorVerdict(getUnit().id(), commitmentId, status, rule.getRule().getName(),
                    Subject.matched(rule));
        }
        Commitment c = getCommitment();
        BigDecimal target = switch (c.kind()) {
            case AT_LEAST, AT_MOST, REACH_BY, ANNUAL_AT_LEAST -> c.target();
            case BENCHMARK_MARGIN -> benchmarkTarget();
            case MILESTONE, PROGRESS -> null;
        };
        BigDecimal expected = c.kind().isPaced() ? paceExpected() : null;
        return subject.record(new Verdict(getUnit(), c, subject.period(), status, value, target, expected,
                missingUnits, benchmark, false, span(), baseline, rule.getRule().getName(), Subject.matched(rule)));
    }

    /**
     * The NO_DATA verdict for an observation with nothing to judge: the value was owed and not reported, or (for
     * BENCHMARK_MARGIN) the unit reported and the province did not. Recorded, not inserted: no rule asks for it.
     */
    public Verdict noData(RuleContext rule) {
        return subject.record(new Verdict(getUnit(), getCommitment(), subject.period(), Status.NO_DATA, null, null,
                null, missingUnits, null, value != null, span(), null, rule.getRule().getName(),
                Subject.matched(rule)));
    }

    @Override
    public String toString() {
        return "Observation[" + getUnit().id() + " " + commitmentId + " " + subject.period() + " = " + value + "]";
    }
}
