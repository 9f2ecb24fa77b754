package cn.jinhua.ducha.evaluation;

/** A unit's status for a commitment in the period before the one judged, for escalation (连续两月滞后). */
public record PriorVerdict(String unit, String commitment, Status status) {

    public boolean isBehind() {
        return status.isBehind();
    }
}
