package cn.jinhua.ducha.catalogue;

import java.util.List;

/**
 * How much of the plan the catalogue measures (commitments.md, "What the catalogue does not judge"): the tasks with
 * a numeric commitment of their own beside their progress report, and the tasks followed by reported progress
 * alone. A milestone counts as numeric, as commitments.md counts it: a yes/no fact with a deadline.
 *
 * @param tasks        the plan's tasks, 38
 * @param numeric      numbers of the tasks with a numeric commitment (any kind but PROGRESS; a milestone counts)
 * @param progressOnly numbers of the tasks whose only commitment is their progress report
 * @param generalWorks the five general works, followed by the city's progress reports alone
 * @param notJudged    how many parts of the seed the catalogue lists as not judged
 */
public record Coverage(int tasks, List<Integer> numeric, List<Integer> progressOnly, int generalWorks,
                       int notJudged) {

    public Coverage {
        numeric = List.copyOf(numeric);
        progressOnly = List.copyOf(progressOnly);
    }

    /** Tasks with any commitment at all (every task has its progress commitment). */
    public int covered() {
        return numeric.size() + progressOnly.size();
    }

    /** Chinese then English, for the table and the dashboard. */
    public String summary() {
        return ("覆盖：%d 项任务中 %d 项有量化承诺(数值或里程碑)，%d 项仅跟踪报送进展；%d 项面上工作仅跟踪进展；%d 处原文不评判"
                + " / coverage: of %d tasks, %d have a numeric commitment (a number or a milestone), %d are followed"
                + " by reported progress alone; %d general works by progress alone; %d parts of the seed are not"
                + " judged").formatted(tasks, numeric.size(), progressOnly.size(), generalWorks, notJudged, tasks,
                numeric.size(), progressOnly.size(), generalWorks, notJudged);
    }
}
