package cn.jinhua.ducha.evaluation;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import cn.jinhua.ducha.factsheet.Rejection;

/**
 * The result of judging one period: every verdict the scopes and windows call for, in order (unit, then
 * commitment), the alerts, the forecasts (提前预警, beside the contract's alerts, in the same order), the sheets
 * rejected, the hash of the rules that judged, and the waivers in force. Each
 * verdict and alert carries the rule that decided it and the facts that rule matched, from which its trace is
 * written on demand.
 */
public record Evaluation(YearMonth period, String ruleset, List<Verdict> verdicts, List<Alert> alerts,
                         List<Forecast> forecasts, List<Rejection> rejected, List<Waiver> waivers) {

    public Evaluation {
        verdicts = List.copyOf(verdicts);
        alerts = List.copyOf(alerts);
        forecasts = List.copyOf(forecasts);
        rejected = List.copyOf(rejected);
        waivers = List.copyOf(waivers);
    }

    /** The waiver that covers {@code verdict}, if any. */
    public Optional<Waiver> waiver(Verdict verdict) {
        return waivers.stream().filter(w -> w.unit().equals(verdict.unit().id())
                && w.commitment().equals(verdict.commitment().id())).findFirst();
    }

    /** The rule that judged {@code verdict} and the facts it matched. */
    public Trace trace(Verdict verdict) {
        return Traces.of(verdict.rule(), verdict.matched());
    }

    /** The rule that raised {@code alert} and the facts it matched. */
    public Trace trace(Alert alert) {
        return Traces.of(alert.rule(), alert.matched());
    }

    /** The rule that raised {@code forecast} and the facts it matched. */
    public Trace trace(Forecast forecast) {
        return Traces.of(forecast.rule(), forecast.matched());
    }
}
