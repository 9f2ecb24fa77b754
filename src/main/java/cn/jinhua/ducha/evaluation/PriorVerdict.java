package cn.jinhua.ducha.evaluation;

import java.util.List;

/**
 * A unit's status for a commitment in the period before the one judged, for escalation (连续两月滞后), judged
 * by the same rules as the period itself.
 *
 * @param rule    the rule that judged it
 * @param matched the facts that rule matched
 */
public record PriorVerdict(String unit, String commitment, Status status, String rule, List<Object> matched) {

    public boolean isBehind() {
        return status.isBehind();
    }
}
