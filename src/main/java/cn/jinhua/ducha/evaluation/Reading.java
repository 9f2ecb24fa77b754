package cn.jinhua.ducha.evaluation;

import java.time.YearMonth;

/**
 * One value on an accepted sheet of the period judged: a {@link java.math.BigDecimal}, a {@link Boolean}, or for
 * {@code progress.Txx} the status name; {@code source} names the sheet it was read from.
 */
public record Reading(String unit, YearMonth period, String metric, Object value, String source) {
}
