package cn.jinhua.ducha.catalogue;

/**
 * A part of the seed that no commitment judges (commitments.md, "What the catalogue does not judge").
 *
 * @param words   the seed's own words, verbatim ({@code …} joins phrases that stand apart)
 * @param task    the plan's task the words belong to, or null when they stand outside the 38 tasks
 * @param section where the words stand when outside the tasks ({@code 三、保障措施 (四)强化评价体系}), else null
 * @param reason  why no commitment judges them
 * @param note    the reason for these words in a line, Chinese then English
 */
public record NotJudged(String words, Task task, String section, Reason reason, String note) {

    /** Why a part of the seed is not judged. */
    public enum Reason {
        /** No number, date or yes/no fact that a sheet could carry. */
        QUALITATIVE("定性要求", "qualitative"),
        /** An outside body or evaluation decides it. */
        JUDGED_BY_OTHERS("由他方评判", "judged by others"),
        /** How the work is done, not a result to check. */
        WORKING_METHOD("工作方法而非结果", "a working method, not a result");

        private final String chinese;
        private final String english;

        Reason(String chinese, String english) {
            this.chinese = chinese;
            this.english = english;
        }

        /** Chinese then English: {@code 定性要求 / qualitative}. */
        public String label() {
            return chinese + " / " + english;
        }
    }

    /** The task number, or null outside the tasks. */
    public Integer taskNumber() {
        return task == null ? null : task.number();
    }

    /** Where the words stand: 任务N 标题, or the section. */
    public String where() {
        return task == null ? section : "任务%d %s".formatted(task.number(), task.title());
    }
}
