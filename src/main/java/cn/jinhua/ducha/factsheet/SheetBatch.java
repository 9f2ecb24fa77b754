package cn.jinhua.ducha.factsheet;

import java.time.YearMonth;
import java.util.List;

/** The sheets of one read: those accepted and those rejected, each in the order read. */
public record SheetBatch(List<FactSheet> accepted, List<Rejection> rejected) {

    public SheetBatch {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
    }

    /** The accepted sheets reporting {@code period}. */
    public List<FactSheet> of(YearMonth period) {
        return accepted.stream().filter(s -> s.period().equals(period)).toList();
    }
}
