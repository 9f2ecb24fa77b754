package cn.jinhua.ducha.catalogue;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Optional;

/**
 * One measurable commitment of the plan (commitments.md), as the catalogue in {@code rules/catalogue} states it.
 *
 * @param task        the plan's task, null for the overall goals (G.x), safeguards (S.x) and general works (Mw.P)
 * @param area        the environment, overall goals, safeguards or general works the commitment belongs to
 * @param title       the rule's short Chinese name
 * @param label       what the metric measures, for explanations
 * @param target      the level to keep or reach; null for MILESTONE, PROGRESS and BENCHMARK_MARGIN
 * @param margin      points above the province's value, BENCHMARK_MARGIN only
 * @param strict      the target must be exceeded, not just reached
 * @param baseline    B of REACH_BY from the catalogue, zero unless it gives one (a base-period sheet may give another)
 * @param measure     the unit of measure (天, %, 项 ...), null for booleans and progress
 * @param window      the months it is judged in
 * @param windowBasis whether the seed states the window or the catalogue infers it; never null
 * @param source      the seed's own words, verbatim ({@code …} joins phrases that stand apart)
 * @param lead        the lead unit (牵头单位): the catalogue's own where it names one, else the task's, else the area's
 * @param limits      what a sheet may report beyond the contract's ranges, by the unit of measure (settings.yaml)
 * @param order       position in the catalogue, for stable reports
 */
public record Commitment(String id, Task task, Area area, String title, String label, String metric, Kind kind,
                         Scope scope, BigDecimal target, BigDecimal margin, boolean strict, BigDecimal baseline,
                         String measure, Window window, WindowBasis windowBasis, String source, String lead,
                         ValueLimits limits, int order) {

    private static final String PROGRESS_PREFIX = "progress.";

    /** The rule that judges this commitment: its id and short Chinese title. */
    public String ruleName() {
        return id + " " + title;
    }

    /** The task number, or null for the overall goals, safeguards and general works. */
    public Integer taskNumber() {
        return task == null ? null : task.number();
    }

    /** The span of the window that judges {@code period}, if the commitment is judged then at all. */
    public Optional<Window.Span> spanFor(YearMonth period) {
        return window.spanFor(period, kind.outlivesWindow());
    }

    /** Whether the commitment is judged in {@code period}. */
    public boolean judgedIn(YearMonth period) {
        return spanFor(period).isPresent();
    }

    /**
     * Whether {@code period} is a base period of this commitment (contract.md, "REACH_BY"): it is REACH_BY and
     * {@code period} is the month before one of its windows' first month, whose sheets give the baseline B.
     */
    public boolean hasBasePeriod(YearMonth period) {
        YearMonth next = period.plusMonths(1);
        return kind == Kind.REACH_BY && spanFor(next).map(s -> s.first().equals(next)).orElse(false);
    }

    /** Whether this commitment's value is a progress status rather than a sheet fact. */
    public boolean isProgress() {
        return kind == Kind.PROGRESS;
    }

    /**
     * The key a sheet's {@code progress} object reports this commitment under ({@code T05}, {@code M1}), or null
     * when it is not a PROGRESS commitment.
     */
    public String progressCode() {
        return isProgress() ? metric.substring(PROGRESS_PREFIX.length()) : null;
    }

    /** Whether this follows one of the five general works (五项面上工作), M1.P..M5.P. */
    public boolean isGeneralWork() {
        return isProgress() && task == null;
    }
}
