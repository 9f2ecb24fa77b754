package cn.jinhua.ducha.evaluation;

import java.time.YearMonth;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import cn.jinhua.ducha.factsheet.Rejection;

/**
 * The result of judging one period: every verdict the scopes and windows call for, the alerts, the sheets
 * rejected, the hash of the rules that judged, for every verdict and alert the trace the engine recorded, and
 * the waivers in force.
 */
public record Evaluation(YearMonth period, String ruleset, List<Verdict> verdicts, List<Alert> alerts,
                         List<Rejection> rejected, Map<Object, Trace> traces, List<Waiver> waivers) {

    public Evaluation {
        verdicts = List.copyOf(verdicts);
        alerts = List.copyOf(alerts);
        rejected = List.copyOf(rejected);
        traces = Collections.unmodifiableMap(new IdentityHashMap<>(traces));
        waivers = List.copyOf(waivers);
    }

    /** The waiver that covers {@code verdict}, if any. */
    public java.util.Optional<Waiver> waiver(Verdict verdict) {
        return waivers.stream().filter(w -> w.unit().equals(verdict.unit().id())
                && w.commitment().equals(verdict.commitment().id())).findFirst();
    }

    /** The rule that judged {@code verdict} and the facts it matched. */
    public Trace trace(Verdict verdict) {
        return traces.get(verdict);
    }

    /** The rule that raised {@code alert} and the facts it matched. */
    public Trace trace(Alert alert) {
        return traces.get(alert);
    }
}
