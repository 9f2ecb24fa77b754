package cn.jinhua.ducha.evaluation;

import java.time.YearMonth;
import java.util.List;

import cn.jinhua.ducha.factsheet.Rejection;

/**
 * The result of judging one period: every verdict the scopes and windows call for, the alerts, the sheets
 * rejected, and the hash of the rules that judged.
 */
public record Evaluation(YearMonth period, String ruleset, List<Verdict> verdicts, List<Alert> alerts,
                         List<Rejection> rejected) {

    public Evaluation {
        verdicts = List.copyOf(verdicts);
        alerts = List.copyOf(alerts);
        rejected = List.copyOf(rejected);
    }
}
