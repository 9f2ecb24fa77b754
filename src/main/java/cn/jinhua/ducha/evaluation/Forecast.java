package cn.jinhua.ducha.evaluation;

import java.time.YearMonth;
import java.util.List;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import org.kie.api.runtime.rule.RuleContext;

/**
 * 提前预警: a warning that a REACH_BY or ANNUAL_AT_LEAST target will be missed at the pace of the last three
 * months, raised while the light is still green or yellow (rules/forecasts.drl). Not one of the contract's alerts:
 * it is printed beside them ({@code forecasts} in the JSON) and followed up as its own kind, {@link #LEVEL}.
 * Identified, as alerts are, by (unit, commitment, level).
 *
 * @param verdict    the period's verdict, ON_TRACK or AT_RISK
 * @param projection where the value is heading
 * @param rule       the name of the rule that raised it
 * @param matched    the facts that rule matched (the trace)
 */
public record Forecast(Unit unit, YearMonth period, Commitment commitment, Verdict verdict, Projection projection,
                       String rule, List<Object> matched) {

    /** The kind a forecast is followed up as, beside the contract's RED, YELLOW and DATA. */
    public static final String LEVEL = "FORECAST";

    /** The kind's name for people. */
    public static final String LABEL = "提前预警";

    public Forecast {
        matched = List.copyOf(matched);
    }

    /** Consistent with the record's equals, and cheap (see {@link Verdict#hashCode()}). */
    @Override
    public int hashCode() {
        return unit.id().hashCode() * 31 + commitment.id().hashCode();
    }

    public static Forecast of(Verdict verdict, Projection projection, RuleContext rule) {
        return new Forecast(verdict.unit(), verdict.period(), verdict.commitment(), verdict, projection,
                rule.getRule().getName(), Subject.matched(rule));
    }
}
