package cn.jinhua.ducha.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import cn.jinhua.ducha.evaluation.Alert;
import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Evaluator;
import cn.jinhua.ducha.evaluation.Forecast;
import cn.jinhua.ducha.evaluation.Verdict;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.rulebook.Rulebook;
import org.junit.jupiter.api.Test;

/**
 * A national month is judged in hundreds of sessions; `evaluate` judges them on every core (issue 12). Whatever
 * the order the sessions finish in, the verdicts, alerts and forecasts are those of one thread, in the same order,
 * each with the rule that decided it and the facts it matched.
 */
class ParallelJudgingTests {

    @Test
    void judgesANationalMonthOnEveryCoreAsOnOneThread() {
        Rulebook national = Rulebook.load(Path.of("rules"), Workloads.nationalRegistry());
        Workloads.Workload w2 = Workloads.w2(national.catalogue());
        Evaluator oneThread = new Evaluator(national);
        Evaluator everyCore = new Evaluator(national, true);
        int escalated = 0;
        for (Workloads.Period p : w2.periods().subList(2, 4)) {
            SheetBatch batch = new SheetBatch(p.sheets(), List.of());
            Evaluation expected = oneThread.evaluate(batch, p.period());
            Evaluation got = everyCore.evaluate(batch, p.period());

            assertThat(got.verdicts()).hasSizeGreaterThan(50_000);
            assertThat(got.verdicts().stream().map(ParallelJudgingTests::verdict).toList())
                    .isEqualTo(expected.verdicts().stream().map(ParallelJudgingTests::verdict).toList());
            assertThat(got.alerts().stream().map(ParallelJudgingTests::alert).toList())
                    .isEqualTo(expected.alerts().stream().map(ParallelJudgingTests::alert).toList());
            assertThat(got.forecasts().stream().map(ParallelJudgingTests::forecast).toList())
                    .isEqualTo(expected.forecasts().stream().map(ParallelJudgingTests::forecast).toList());
            escalated += (int) got.alerts().stream().filter(Alert::escalated).count();
        }
        // the month before is judged inside each session: escalation is what a careless split would lose
        assertThat(escalated).isPositive();
    }

    private static String verdict(Verdict v) {
        return String.join(" ", v.unit().id(), v.commitment().id(), v.period().toString(), v.status().name(),
                String.valueOf(v.light()), String.valueOf(v.value()), String.valueOf(v.target()),
                String.valueOf(v.expected()), String.valueOf(v.baseline()), String.valueOf(v.missingUnits()),
                v.rule(), String.valueOf(v.matched().size()));
    }

    private static String alert(Alert a) {
        return String.join(" ", a.unit().id(), a.commitment() == null ? "-" : a.commitment().id(),
                a.level().name(), String.valueOf(a.escalated()), a.missing().toString(), a.rule(),
                a.verdict() == null ? "-" : verdict(a.verdict()));
    }

    private static String forecast(Forecast f) {
        return String.join(" ", f.unit().id(), f.commitment().id(), String.valueOf(f.projection().projected()),
                String.valueOf(f.projection().shortfall()), f.rule());
    }
}
