package cn.jinhua.ducha.evaluation;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.catalogue.Window;

/**
 * The judgement of one (unit, commitment) for a period, and the rule that reached it.
 *
 * @param value        the number, boolean or progress status judged; null for NO_DATA and NOT_APPLICABLE
 * @param target       the level judged against (province + margin for BENCHMARK_MARGIN); null where none
 * @param expected     what 序时进度 asks for at the period; null where the kind has none
 * @param missingUnits for CITY_TOTAL, the units whose sheets lacked the value; otherwise null
 * @param benchmark    for BENCHMARK_MARGIN, the province's value; otherwise null
 * @param noBenchmark  NO_DATA only because the province's value is missing (the unit did report)
 * @param span         the window span judged; null for NOT_APPLICABLE
 * @param baseline     B and where it came from, for REACH_BY and ANNUAL_AT_LEAST verdicts with a value; else null
 * @param rule         the name of the rule that judged
 * @param matched      the facts that rule matched, as the engine held them when it fired: the trace is made of
 *                     them ({@link Evaluation#trace(Verdict)})
 */
public record Verdict(Unit unit, Commitment commitment, YearMonth period, Status status, Object value,
                      BigDecimal target, BigDecimal expected, List<String> missingUnits, BigDecimal benchmark,
                      boolean noBenchmark, Window.Span span, Baseline baseline, String rule, List<Object> matched) {

    public Verdict {
        missingUnits = missingUnits == null ? null : List.copyOf(missingUnits);
    }

    /** The commitment's scope leaves this local unit out. */
    static Verdict notApplicable(Unit unit, Commitment commitment, YearMonth period, String rule,
                                 List<Object> matched) {
        return new Verdict(unit, commitment, period, Status.NOT_APPLICABLE, null, null, null, null, null, false,
                null, null, rule, matched);
    }

    /**
     * Consistent with the record's equals, and cheap: the engine hashes every fact it is given, and the record's own
     * hash would walk the commitment, the unit and the matched facts each time.
     */
    @Override
    public int hashCode() {
        return (unit.id().hashCode() * 31 + commitment.id().hashCode()) * 31 + period.hashCode() * 7 + status.ordinal();
    }

    public Light light() {
        return status.light();
    }

    public String getUnitId() {
        return unit.id();
    }

    public String getCommitmentId() {
        return commitment.id();
    }

    public Status getStatus() {
        return status;
    }
}
