package cn.jinhua.ducha.evaluation;

import java.time.YearMonth;
import java.util.List;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.catalogue.Window;
import org.kie.api.runtime.rule.RuleContext;

/**
 * A (unit, commitment) pair that scope and window call for in {@code period}, with its place among the verdicts
 * printed; classification (plain Java, {@link Classification}) makes them, the rules judge them.
 */
public final class Subject {

    private final Unit unit;
    private final Commitment commitment;
    private final YearMonth period;
    private final Window.Span span;
    private final int slot;
    private final Docket docket;

    Subject(Unit unit, Commitment commitment, YearMonth period, Window.Span span, int slot, Docket docket) {
        this.unit = unit;
        this.commitment = commitment;
        this.period = period;
        this.span = span;
        this.slot = slot;
        this.docket = docket;
    }

    public Unit unit() {
        return unit;
    }

    public Commitment commitment() {
        return commitment;
    }

    public YearMonth period() {
        return period;
    }

    /** The span of the commitment's window that judges this period; null where the scope leaves the unit out. */
    public Window.Span span() {
        return span;
    }

    /** Whether this pair is judged for the month before the period judged, for escalation alone. */
    boolean isPrior() {
        return docket == null;
    }

    /** The commitment's scope leaves this local unit out: NOT_APPLICABLE, recorded as {@code rule} decided. */
    public Verdict notApplicable(RuleContext rule) {
        return record(Verdict.notApplicable(unit, commitment, period, rule.getRule().getName(), matched(rule)));
    }

    /** Nothing to judge (owed, not reported): NO_DATA, recorded as {@code rule} decided. */
    public Verdict noData(RuleContext rule) {
        return record(new Verdict(unit, commitment, period, Status.NO_DATA, null, null, null, null, null, false,
                span, null, rule.getRule().getName(), matched(rule)));
    }

    Verdict record(Verdict verdict) {
        if (docket != null) {
            docket.record(slot, verdict);
        }
        return verdict;
    }

    /** The facts the firing rule matched, as the engine holds them: the verdict's trace is made of them. */
    static List<Object> matched(RuleContext rule) {
        return List.copyOf(rule.getMatch().getObjects());
    }

    @Override
    public String toString() {
        return "Subject[" + unit.id() + " " + commitment.id() + " " + period + "]";
    }
}
