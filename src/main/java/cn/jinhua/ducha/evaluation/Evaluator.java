package cn.jinhua.ducha.evaluation;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Kind;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.rulebook.Rulebook;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.ClassObjectFilter;

/**
 * Judges a period with a {@link Rulebook}, in one session: {@link Classification} makes one fact per judged pair
 * (and one per unit for what is owed, lacking or out of scope), the rules judge them, and the month before is
 * judged, by the same rules, only for the pairs found AT_RISK, which alone can escalate. Thread-safe: the rule
 * base is shared, sessions are not.
 */
public final class Evaluator {

    private static final Comparator<Alert> ALERT_ORDER = Comparator
            .comparingInt((Alert a) -> a.level().ordinal())
            .thenComparingInt(a -> a.unit().order())
            .thenComparingInt(a -> a.commitment() == null ? -1 : a.commitment().order());

    private final Rulebook rulebook;

    public Evaluator(Rulebook rulebook) {
        this.rulebook = rulebook;
    }

    /**
     * The periods whose sheets judging {@code period} reads, in order: the base periods of the REACH_BY windows in
     * force (for the month before too), the month before (escalation) and the period itself.
     */
    public List<YearMonth> periodsRead(YearMonth period) {
        TreeSet<YearMonth> periods = new TreeSet<>();
        for (YearMonth p : List.of(period.minusMonths(1), period)) {
            periods.add(p);
            for (Commitment c : rulebook.catalogue().commitments()) {
                if (c.kind() == Kind.REACH_BY) {
                    c.spanFor(p).ifPresent(span -> periods.add(span.first().minusMonths(1)));
                }
            }
        }
        return List.copyOf(periods);
    }

    /**
     * Judges {@code period} from the accepted sheets of {@code batch}; sheets of the month before are the history
     * that escalation needs, sheets of a base period give REACH_BY its baseline. The clock is never read.
     */
    public Evaluation evaluate(SheetBatch batch, YearMonth period) {
        return evaluate(batch, period, List.of());
    }

    /**
     * Judges {@code period} as {@link #evaluate(SheetBatch, YearMonth)} does, with the waivers in force for it: a
     * waived (unit, commitment) keeps its verdict, marked waived, and raises no alert.
     */
    public Evaluation evaluate(SheetBatch batch, YearMonth period, List<Waiver> waivers) {
        Catalogue catalogue = rulebook.catalogue();
        Classification classification = new Classification(catalogue, batch.accepted());
        Classification.Facts facts = classification.classify(period);
        KieSession session = rulebook.newSession();
        try {
            session.insert(new Judging(period, catalogue.settings().yellowBand(),
                    catalogue.settings().milestoneLastQuarter()));
            facts.facts().forEach(session::insert);
            waivers.forEach(session::insert);
            // Phases, not salience: the verdicts first (ruleflow-group is Drools 10's name for an agenda group) ...
            session.getAgenda().getAgendaGroup("verdicts").setFocus();
            session.fireAllRules();
            // ... then the month before of every pair now AT_RISK, judged by the same rules into PriorVerdicts,
            // then the alerts (the focus stack pops last-in first).
            for (Verdict atRisk : facts.docket().atRisk()) {
                Observation prior = classification.prior(atRisk);
                if (prior != null) {
                    session.insert(prior);
                }
            }
            session.getAgenda().getAgendaGroup("alerts").setFocus();
            session.getAgenda().getAgendaGroup("verdicts").setFocus();
            session.fireAllRules();
            List<Alert> alerts = new ArrayList<>();
            // the session keeps its facts by class, so this reads the alerts alone
            for (Object alert : session.getObjects(new ClassObjectFilter(Alert.class))) {
                alerts.add((Alert) alert);
            }
            alerts.sort(ALERT_ORDER);
            return new Evaluation(period, rulebook.hash(), facts.docket().verdicts(), alerts, batch.rejected(),
                    waivers);
        } finally {
            session.dispose();
        }
    }
}
