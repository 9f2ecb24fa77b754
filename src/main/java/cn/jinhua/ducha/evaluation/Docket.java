package cn.jinhua.ducha.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The verdicts of one evaluation in the order they are printed (unit, then commitment), each written into the
 * place classification gave its (unit, commitment) pair, so that nothing is sorted afterwards. One per evaluation;
 * not thread-safe.
 */
final class Docket {

    private final Verdict[] verdicts;
    private final List<Verdict> atRisk = new ArrayList<>();

    Docket(int size) {
        this.verdicts = new Verdict[size];
    }

    void record(int slot, Verdict verdict) {
        verdicts[slot] = verdict;
        if (verdict.status() == Status.AT_RISK) {
            atRisk.add(verdict);
        }
    }

    /** The pairs judged AT_RISK so far: only they can escalate, so only their month before is judged. */
    List<Verdict> atRisk() {
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
