package cn.jinhua.ducha.evaluation;

import java.time.YearMonth;
import java.util.List;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import org.kie.api.runtime.rule.RuleContext;

/**
 * An early warning. Identified by (unit, commitment, level): the same condition in a later evaluation is the
 * same alert.
 *
 * @param period     the period judged
 * @param commitment null for a DATA alert
 * @param verdict    the verdict that raised it; null for a DATA alert
 * @param escalated  a YELLOW condition raised as RED because the previous period was behind too
 * @param missing    for a DATA alert, the owed values the sheet lacks; empty when no sheet came at all
 * @param rule       the name of the rule that raised it
 * @param matched    the facts that rule matched, as the engine held them when it fired (the trace)
 */
public record Alert(Unit unit, YearMonth period, Commitment commitment, AlertLevel level, Verdict verdict,
                    boolean escalated, List<Commitment> missing, String rule, List<Object> matched) {

    public Alert {
        missing = List.copyOf(missing);
    }

    /** Consistent with the record's equals, and cheap (see {@link Verdict#hashCode()}). */
    @Override
    public int hashCode() {
        return (unit.id().hashCode() * 31 + (commitment == null ? 0 : commitment.id().hashCode())) * 31
                + level.ordinal();
    }

    public static Alert red(Verdict verdict, RuleContext rule) {
        return new Alert(verdict.unit(), verdict.period(), verdict.commitment(), AlertLevel.RED, verdict, false,
                List.of(), rule.getRule().getName(), Subject.matched(rule));
    }

    public static Alert yellow(Verdict verdict, RuleContext rule) {
        return new Alert(verdict.unit(), verdict.period(), verdict.commitment(), AlertLevel.YELLOW, verdict, false,
                List.of(), rule.getRule().getName(), Subject.matched(rule));
    }

    /** 连续两月滞后: AT_RISK now and AT_RISK or worse the period before. */
    public static Alert escalated(Verdict verdict, RuleContext rule) {
        return new Alert(verdict.unit(), verdict.period(), verdict.commitment(), AlertLevel.RED, verdict, true,
                List.of(), rule.getRule().getName(), Subject.matched(rule));
    }

    /** The unit owed a sheet and sent none. */
    public static Alert noSheet(NoSheet unit, RuleContext rule) {
        return new Alert(unit.unit(), unit.period(), null, AlertLevel.DATA, null, false, List.of(),
                rule.getRule().getName(), Subject.matched(rule));
    }

    /** The unit's sheet lacks owed values. */
    public static Alert missingValues(MissingValues unit, RuleContext rule) {
        return new Alert(unit.unit(), unit.period(), null, AlertLevel.DATA, null, false, unit.missing(),
                rule.getRule().getName(), Subject.matched(rule));
    }
}
