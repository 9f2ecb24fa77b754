package cn.jinhua.ducha.catalogue;

import java.math.BigDecimal;

/**
 * What a sheet may report for a metric beyond the contract's ranges, by its unit of measure (settings.yaml,
 * {@code measures}): the largest value that is not a typing error. Counts are not required to be whole: the
 * contract takes 587.99 items and 0.7 warehouses, and its public cases judge such values against thresholds.
 *
 * @param maximum the largest value a sheet may report, null for none beyond the contract's
 */
public record ValueLimits(BigDecimal maximum) {

    /** No limits beyond the contract's: booleans, progress, growth rates. */
    public static final ValueLimits NONE = new ValueLimits(null);
}
