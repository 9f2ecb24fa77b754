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
 * Judges a period with a {@link Rulebook}: {@link Classification} makes one fact per judged pair (and one per unit
 * for what is owed, lacking or out of scope), the rules judge them, and the month before is judged, by the same
 * rules, only for the pairs found AT_RISK, which alone can escalate. Units are judged in runs, a session each.
 * Thread-safe: the rule base is shared, sessions are not.
 */
public final class Evaluator {

    private static final Comparator<Alert> ALERT_ORDER = Comparator
            .comparingInt((Alert a) -> a.level().ordinal())
            .thenComparingInt(a -> a.unit().order())
            .thenComparingInt(a -> a.commitment() == null ? -1 : a.commitment().order());
    private static final Comparator<Forecast> FORECAST_ORDER = Comparator
            .comparingInt((Forecast f) -> f.unit().order())
            .thenComparingInt(f -> f.commitment().order());

    /**
     * Units are judged in sessions of about this many facts: no rule joins two units' facts, and a small session
     * stays small enough that a young collection does not copy a whole national month (BENCHMARKS.md).
     */
    private static final int FACTS_PER_SESSION = 4_096;

    private final Rulebook rulebook;
    private final boolean parallel;

    /** An evaluator that judges on the calling thread alone. */
    public Evaluator(Rulebook rulebook) {
        this(rulebook, false);
    }

    /**
     * @param parallel whether the sessions of a period (runs of whole units, independent of each other) are judged
     *                 on every core, through the common fork-join pool; a city month is one session and gains
     *                 nothing, a national month is hundreds. The verdicts are the same either way, in the same order.
     */
    public Evaluator(Rulebook rulebook, boolean parallel) {
        this.rulebook = rulebook;
        this.parallel = parallel;
    }

    /**
     * The periods whose sheets judging {@code period} reads, in order: the base periods of the REACH_BY windows in
     * force (for the month before too), the month {@link Projection#MONTHS} months back where a paced window has
     * run that long (the forecasts' history), the month before (escalation) and the period itself. The verdicts
     * and alerts read only the period, the month before and the base periods; the forecasts' month adds nothing
     * to them.
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
        YearMonth history = period.minusMonths(Projection.MONTHS);
        for (Commitment c : rulebook.catalogue().commitments()) {
            if (c.kind().isPaced() && c.spanFor(period).filter(span -> !history.isBefore(span.first())).isPresent()) {
                periods.add(history);
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
        Classification classification = new Classification(rulebook.catalogue(), batch.accepted());
        Classification.Facts facts = classification.classify(period);
        List<Run> runs = runs(facts);
        List<Judged> judged = (parallel ? runs.parallelStream() : runs.stream())
                .map(run -> judge(run, period, waivers, classification, facts.docket()))
                .toList();
        List<Alert> alerts = new ArrayList<>();
        List<Forecast> forecasts = new ArrayList<>();
        judged.forEach(j -> {
            alerts.addAll(j.alerts());
            forecasts.addAll(j.forecasts());
        });
        alerts.sort(ALERT_ORDER);
        forecasts.sort(FORECAST_ORDER);
        return new Evaluation(period, rulebook.hash(), facts.docket().verdicts(), alerts, forecasts, batch.rejected(),
                waivers);
    }

    /**
     * A run of whole units judged in one session: its facts, and the places of its pairs among the verdicts
     * ({@code fromSlot} inclusive, {@code toSlot} exclusive).
     */
    private record Run(List<Object> facts, int fromSlot, int toSlot) {
    }

    /** What a session found beside the verdicts it wrote into the docket. */
    private record Judged(List<Alert> alerts, List<Forecast> forecasts) {
    }

    /** The facts cut into runs of whole units of about {@link #FACTS_PER_SESSION} facts each. */
    private static List<Run> runs(Classification.Facts facts) {
        List<Run> runs = new ArrayList<>();
        List<Integer> ends = facts.unitEnds();
        List<Integer> slotEnds = facts.slotEnds();
        int from = 0;
        int fromSlot = 0;
        for (int u = 0; u < ends.size(); u++) {
            int to = ends.get(u);
            if (to - from >= FACTS_PER_SESSION || u == ends.size() - 1) {
                runs.add(new Run(facts.facts().subList(from, to), fromSlot, slotEnds.get(u)));
                from = to;
                fromSlot = slotEnds.get(u);
            }
        }
        return runs;
    }

    /**
     * Judges the facts of a run of whole units in one session: verdicts first, then the month before of the pairs
     * found AT_RISK, then the alerts and the forecasts. Runs write disjoint places of the docket, so several may
     * be judged at once.
     */
    private Judged judge(Run run, YearMonth period, List<Waiver> waivers, Classification classification,
                         Docket docket) {
        Catalogue catalogue = rulebook.catalogue();
        KieSession session = rulebook.newSession();
        try {
            session.insert(new Judging(period, catalogue.settings().yellowBand(),
                    catalogue.settings().milestoneLastQuarter()));
            run.facts().forEach(session::insert);
            waivers.forEach(session::insert);
            // Phases, not salience: the verdicts first (ruleflow-group is Drools 10's name for an agenda group) ...
            session.getAgenda().getAgendaGroup("verdicts").setFocus();
            session.fireAllRules();
            // ... then the month before of every pair now AT_RISK, judged by the same rules into PriorVerdicts,
            // then the alerts (the focus stack pops last-in first).
            for (Verdict atRisk : docket.atRisk(run.fromSlot(), run.toSlot())) {
                Observation prior = classification.prior(atRisk);
                if (prior != null) {
                    session.insert(prior);
                }
            }
            session.getAgenda().getAgendaGroup("alerts").setFocus();
            session.getAgenda().getAgendaGroup("verdicts").setFocus();
            session.fireAllRules();
            // the session keeps its facts by class, so this reads the alerts alone
            List<Alert> alerts = new ArrayList<>();
            for (Object alert : session.getObjects(new ClassObjectFilter(Alert.class))) {
                alerts.add((Alert) alert);
            }
            List<Forecast> forecasts = new ArrayList<>();
            for (Object forecast : session.getObjects(new ClassObjectFilter(Forecast.class))) {
                forecasts.add((Forecast) forecast);
            }
            return new Judged(alerts, forecasts);
        } finally {
            session.dispose();
        }
    }
}
