package cn.jinhua.ducha.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The verdicts of one evaluation in the order they are printed (unit, then commitment), each written into the
 * place classification gave its (unit, commitment) pair, so that nothing is sorted afterwards. One per evaluation;
 * sessions judged at once write disjoint places, and are joined before the verdicts are read.
 */
final class Docket {

    private final Verdict[] verdicts;

    Docket(int size) {
        this.verdicts = new Verdict[size];
    }

    void record(int slot, Verdict verdict) {
        verdicts[slot] = verdict;
    }

    /**
     * The pairs judged AT_RISK among the places {@code from} (inclusive) to {@code to} (exclusive), in order: only
     * they can escalate, so only their month before is judged.
     */
    List<Verdict> atRisk(int from, int to) {
        List<Verdict> atRisk = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (verdicts[i] != null && verdicts[i].status() == Status.AT_RISK) {
                atRisk.add(verdicts[i]);
            }
        }
        return atRisk;
    }

    /**
     * Every verdict, in order.
     *
     * @throws IllegalStateException when a pair that classification called for got no verdict from the rules
     */
    List<Verdict> verdicts() {
        for (int i = 0; i < verdicts.length; i++) {
            if (verdicts[i] == null) {
                throw new IllegalStateException("no rule judged place " + i + " of " + verdicts.length);
            }
        }
        return Arrays.asList(verdicts);
    }
}
