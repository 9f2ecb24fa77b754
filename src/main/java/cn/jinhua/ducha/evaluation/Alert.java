package cn.jinhua.ducha.evaluation;

import java.time.YearMonth;
import java.util.List;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;

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
 */
public record Alert(Unit unit, YearMonth period, Commitment commitment, AlertLevel level, Verdict verdict, boolean escalated,
                    List<Commitment> missing, String rule) {

    public Alert {
        missing = List.copyOf(missing);
    }

    public static Alert red(Verdict verdict, String rule) {
        return new Alert(verdict.unit(), verdict.period(), verdict.commitment(), AlertLevel.RED, verdict, false,
                List.of(), rule);
    }

    public static Alert yellow(Verdict verdict, String rule) {
        return new Alert(verdict.unit(), verdict.period(), verdict.commitment(), AlertLevel.YELLOW, verdict, false,
                List.of(), rule);
    }

    /** 连续两月滞后: AT_RISK now and AT_RISK or worse the period before. */
    public static Alert escalated(Verdict verdict, String rule) {
        return new Alert(verdict.unit(), verdict.period(), verdict.commitment(), AlertLevel.RED, verdict, true,
                List.of(), rule);
    }

    /** The unit owed a sheet and sent none. */
    public static Alert noSheet(Unit unit, YearMonth period, String rule) {
        return new Alert(unit, period, null, AlertLevel.DATA, null, false, List.of(), rule);
    }

    /** The unit's sheet lacks owed values. */
    public static Alert missingValues(Unit unit, YearMonth period, List<Missing> missing, String rule) {
        List<Commitment> owed = missing.stream().map(Missing::commitment)
                .sorted(java.util.Comparator.comparingInt(Commitment::order)).toList();
        return new Alert(unit, period, null, AlertLevel.DATA, null, false, owed, rule);
    }
}
