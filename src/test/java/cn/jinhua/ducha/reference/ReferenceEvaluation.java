package cn.jinhua.ducha.reference;

import java.time.YearMonth;
import java.util.List;

/** What the reference evaluator gives for one period: every verdict the scopes and windows call for, and the alerts. */
public record ReferenceEvaluation(YearMonth period, List<ReferenceVerdict> verdicts, List<ReferenceAlert> alerts) {

    public ReferenceEvaluation {
        verdicts = List.copyOf(verdicts);
        alerts = List.copyOf(alerts);
    }
}
