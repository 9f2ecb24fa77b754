package cn.jinhua.ducha.ranking;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Status;
import cn.jinhua.ducha.evaluation.Verdict;
import cn.jinhua.ducha.evaluation.Waiver;
import cn.jinhua.ducha.store.Runs;

/**
 * One verdict as the ranking reads it: whose, of which commitment, its status, and whether a waiver covers it.
 *
 * @param verdict the stored verdict's id, {@code RUN-SEQ} as {@code /api/verdicts} names it; null for a verdict of
 *                an evaluation that was not recorded
 */
public record Mark(String verdict, String unit, String commitment, Status status, boolean waived) {

    /** The verdicts of an evaluation (judged from a folder, or about to be recorded), in its order. */
    public static List<Mark> of(Evaluation evaluation) {
        List<Mark> marks = new ArrayList<>(evaluation.verdicts().size());
        for (Verdict v : evaluation.verdicts()) {
            marks.add(new Mark(null, v.unit().id(), v.commitment().id(), v.status(),
                    evaluation.waiver(v).isPresent()));
        }
        return marks;
    }

    /** The verdicts of a stored run, with the waivers it applied ({@link Runs#waivers(long)}). */
    public static List<Mark> of(long run, List<Runs.StoredVerdict> verdicts, List<Waiver> waivers) {
        Set<String> waived = new HashSet<>();
        waivers.forEach(w -> waived.add(w.unit() + "\u0000" + w.commitment()));
        List<Mark> marks = new ArrayList<>(verdicts.size());
        for (Runs.StoredVerdict v : verdicts) {
            marks.add(new Mark(run + "-" + v.seq(), v.unit(), v.commitment(), Status.valueOf(v.status()),
                    waived.contains(v.unit() + "\u0000" + v.commitment())));
        }
        return marks;
    }

    /** Whether the verdict enters the score: judged (not NOT_APPLICABLE) and not waived. */
    public boolean counts() {
        return status != Status.NOT_APPLICABLE && !waived;
    }
}
