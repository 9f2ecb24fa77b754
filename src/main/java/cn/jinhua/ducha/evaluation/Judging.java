package cn.jinhua.ducha.evaluation;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * The period a session judges, with the contract's judging settings. Rules read the period from here, never
 * from the clock.
 */
public record Judging(YearMonth period, BigDecimal yellowBand, BigDecimal milestoneLastQuarter) {
}
