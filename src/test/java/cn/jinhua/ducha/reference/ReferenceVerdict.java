package cn.jinhua.ducha.reference;

import java.math.BigDecimal;
import java.util.List;

/**
 * One (unit, commitment) judgement of the reference evaluator.
 *
 * @param value        the number, boolean or progress status name judged; null for NO_DATA and NOT_APPLICABLE
 * @param target       the level judged against (province + margin for BENCHMARK_MARGIN); null where none
 * @param expected     what 序时进度 asks for at the period (REACH_BY, ANNUAL_AT_LEAST); null elsewhere
 * @param missingUnits for CITY_TOTAL, the supervised units whose sheets lacked the value, in registry order;
 *                     null for every other scope
 * @param baseline     B, for REACH_BY and ANNUAL_AT_LEAST verdicts with a value; null elsewhere
 */
public record ReferenceVerdict(String unit, String commitment, ReferenceStatus status, Object value,
                               BigDecimal target, BigDecimal expected, List<String> missingUnits,
                               BigDecimal baseline) {

    public ReferenceVerdict {
        missingUnits = missingUnits == null ? null : List.copyOf(missingUnits);
    }

    /** The light's name, or null for NOT_APPLICABLE. */
    public String light() {
        return status.light();
    }
}
