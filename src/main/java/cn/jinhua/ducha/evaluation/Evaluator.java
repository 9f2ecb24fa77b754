package cn.jinhua.ducha.evaluation;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.rulebook.Rulebook;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

/**
 * Judges a period with a {@link Rulebook}: one session for the period before (whose statuses escalation needs)
 * and one for the period itself. Thread-safe: the rule base is shared, sessions are not.
 */
public final class Evaluator {

    private static final Comparator<Verdict> VERDICT_ORDER = Comparator
            .comparingInt((Verdict v) -> v.unit().order())
            .thenComparingInt(v -> v.commitment().order());
    private static final Comparator<Alert> ALERT_ORDER = Comparator
            .comparingInt((Alert a) -> a.level().ordinal())
            .thenComparingInt(a -> a.unit().order())
            .thenComparingInt(a -> a.commitment() == null ? -1 : a.commitment().order());

    private final Rulebook rulebook;

    public Evaluator(Rulebook rulebook) {
        this.rulebook = rulebook;
    }

    /**
     * Judges {@code period} from the accepted sheets of {@code batch}; sheets of the month before are the history
     * that escalation needs. The clock is never read.
     */
    public Evaluation evaluate(SheetBatch batch, YearMonth period) {
        return evaluate(batch, period, List.of());
    }

    /**
     * Judges {@code period} as {@link #evaluate(SheetBatch, YearMonth)} does, with the waivers in force for it: a
     * waived (unit, commitment) keeps its verdict, marked waived, and raises no alert.
     */
    public Evaluation evaluate(SheetBatch batch, YearMonth period, List<Waiver> waivers) {
        YearMonth previous = period.minusMonths(1);
        List<PriorVerdict> prior = judge(batch.of(previous), previous, List.of(), List.of(), false).verdicts()
                .stream()
                .map(v -> new PriorVerdict(v.unit().id(), v.commitment().id(), v.status()))
                // alerts.drl asks only whether a behind PriorVerdict exists: the others would be inserted for nothing
                .filter(PriorVerdict::isBehind)
                .toList();
        Outcome outcome = judge(batch.of(period), period, prior, waivers, true);
        return new Evaluation(period, rulebook.hash(), outcome.verdicts(), outcome.alerts(), batch.rejected(),
                outcome.traces(), waivers);
    }

    private Outcome judge(List<FactSheet> sheets, YearMonth period, List<PriorVerdict> prior, List<Waiver> waivers,
                          boolean current) {
        Catalogue catalogue = rulebook.catalogue();
        KieSession session = rulebook.kieBase().newKieSession();
        // Only the period judged has its traces kept; the month before gives statuses alone, and listening to
        // every firing of its session would cost as much again for nothing.
        Provenance provenance = current ? new Provenance() : null;
        if (current) {
            session.addEventListener((AgendaEventListener) provenance);
            session.addEventListener((RuleRuntimeEventListener) provenance);
        }
        try {
            session.insert(new Judging(period, catalogue.settings().yellowBand(),
                    catalogue.settings().milestoneLastQuarter()));
            catalogue.units().forEach(session::insert);
            catalogue.commitments().forEach(session::insert);
            for (FactSheet sheet : sheets) {
                session.insert(new Submission(sheet.unit().id(), sheet.source()));
                sheet.values().forEach((metric, value) -> session.insert(
                        new Reading(sheet.unit().id(), metric, value, sheet.source())));
            }
            prior.forEach(session::insert);
            waivers.forEach(session::insert);
            // Phases, not salience: classification, then verdicts, then alerts (the focus stack pops last-in first;
            // ruleflow-group is Drools 10's name for an agenda group).
            if (current) {
                session.getAgenda().getAgendaGroup("alerts").setFocus();
            }
            session.getAgenda().getAgendaGroup("verdicts").setFocus();
            session.getAgenda().getAgendaGroup("classification").setFocus();
            session.fireAllRules();
            List<Verdict> verdicts = new ArrayList<>();
            List<Alert> raised = new ArrayList<>();
            Map<Object, Trace> traces = new IdentityHashMap<>();
            for (Object o : session.getObjects(o -> o instanceof Verdict || o instanceof Alert)) {
                if (o instanceof Verdict v) {
                    verdicts.add(v);
                } else {
                    raised.add((Alert) o);
                }
                if (current) {
                    traces.put(o, provenance.trace(o));
                }
            }
            // the month before only feeds escalation, which looks its verdicts up: no order needed there
            if (current) {
                verdicts.sort(VERDICT_ORDER);
                raised.sort(ALERT_ORDER);
            }
            return new Outcome(verdicts, raised, traces);
        } finally {
            session.dispose();
        }
    }

    private record Outcome(List<Verdict> verdicts, List<Alert> alerts, Map<Object, Trace> traces) {
    }
}
