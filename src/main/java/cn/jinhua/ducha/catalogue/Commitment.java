package cn.jinhua.ducha.catalogue;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Optional;

/**
 * One measurable commitment of the plan (commitments.md), as the catalogue in {@code rules/catalogue} states it.
 *
 * @param task     the plan's task, null for the overall goals (G.x) and safeguards (S.x)
 * @param area     the environment, overall goals or safeguards the commitment belongs to
 * @param title    the rule's short Chinese name
 * @param label    what the metric measures, for explanations
 * @param target   the level to keep or reach; null for MILESTONE, PROGRESS and BENCHMARK_MARGIN
 * @param margin   points above the province's value, BENCHMARK_MARGIN only
 * @param strict   the target must be exceeded, not just reached
 * @param baseline B of REACH_BY, zero unless the catalogue gives one
 * @param measure  the unit of measure (天, %, 项 ...), null for booleans and progress
 * @param source   the seed's own words, verbatim ({@code …} joins phrases that stand apart)
 * @param order    position in the catalogue, for stable reports
 */
public record Commitment(String id, Task task, Area area, String title, String label, String metric, Kind kind,
                         Scope scope, BigDecimal target, BigDecimal margin, boolean strict, BigDecimal baseline,
                         String measure, Window window, String source, int order) {

    /** The rule that judges this commitment: its id and short Chinese title. */
    public String ruleName() {
        return id + " " + title;
    }

    /** The task number, or null for the overall goals and safeguards. */
    public Integer taskNumber() {
        return task == null ? null : task.number();
    }

    /** The lead unit: the task's, or the area's for goals and safeguards. */
    public String lead() {
        return task == null ? area.lead() : task.lead();
    }

    /** The span of the window that judges {@code period}, if the commitment is judged then at all. */
    public Optional<Window.Span> spanFor(YearMonth period) {
        return window.spanFor(period, kind.outlivesWindow());
    }

    /** Whether the commitment is judged in {@code period}. */
    public boolean judgedIn(YearMonth period) {
        return spanFor(period).isPresent();
    }

    /** Whether this commitment's value is a progress status rather than a sheet fact. */
    public boolean isProgress() {
        return kind == Kind.PROGRESS;
    }
}
