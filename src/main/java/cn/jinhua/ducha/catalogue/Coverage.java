package cn.jinhua.ducha.catalogue;

import java.util.List;

/**
 * How much of the plan the catalogue measures (commitments.md, "What the catalogue does not judge"): the tasks with
 * a measurable commitment of their own beside their progress report, and the tasks followed by reported progress
 * alone. A milestone counts as measurable: it is a yes/no fact with a deadline.
 *
 * @param tasks        the plan's tasks, 38
 * @param measured     numbers of the tasks with a commitment other than PROGRESS
 * @param progressOnly numbers of the tasks whose only commitment is their progress report
 * @param generalWorks the five general works, followed by the city's progress reports alone
 * @param notJudged    how many parts of the seed the catalogue lists as not judged
 */
public record Coverage(int tasks, List<Integer> measured, List<Integer> progressOnly, int generalWorks,
                       int notJudged) {

    public Coverage {
        measured = List.copyOf(measured);
        progressOnly = List.copyOf(progressOnly);
    }

    /** Tasks with any commitment at all (every task has its progress commitment). */
    public int covered() {
        return measured.size() + progressOnly.size();
    }

    /** Chinese then English, for the table and the dashboard. */
    public String summary() {
        return ("覆盖：%d 项任务中 %d 项有量化承诺(数值或里程碑)，%d 项仅跟踪报送进展；%d 项面上工作仅跟踪进展；%d 处原文不评判"
                + " / coverage: of %d tasks, %d have a measurable commitment (a number or a milestone), %d are followed"
                + " by reported progress alone; %d general works by progress alone; %d parts of the seed are not"
                + " judged").formatted(tasks, measured.size(), progressOnly.size(), generalWorks, notJudged, tasks,
                measured.size(), progressOnly.size(), generalWorks, notJudged);
    }
}
