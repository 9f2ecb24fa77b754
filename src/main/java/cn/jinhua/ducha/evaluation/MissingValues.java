package cn.jinhua.ducha.evaluation;

import java.time.YearMonth;
import java.util.List;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;

/**
 * A supervised unit whose sheet for {@code period} lacks values it owes (its own commitments' and its parts of
 * the city totals), in catalogue order; never empty.
 */
public record MissingValues(Unit unit, YearMonth period, List<Commitment> missing) {

    public MissingValues {
        missing = List.copyOf(missing);
    }
}
