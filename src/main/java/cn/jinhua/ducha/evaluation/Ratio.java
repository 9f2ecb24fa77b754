package cn.jinhua.ducha.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact fraction of decimals, for 序时进度 arithmetic: nothing is rounded before a comparison, so a value
 * exactly on a boundary gets the boundary's status.
 *
 * @param numerator   any decimal
 * @param denominator must be positive
 */
public record Ratio(BigDecimal numerator, BigDecimal denominator) {

    public Ratio {
        if (denominator.signum() <= 0) {
            throw new IllegalArgumentException("denominator must be positive: " + denominator);
        }
    }

    public static Ratio of(long numerator, long denominator) {
        return new Ratio(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
    }

    public int signum() {
        return numerator.signum();
    }

    /** Compares exactly with a decimal. */
    public int compareTo(BigDecimal value) {
        return numerator.compareTo(value.multiply(denominator));
    }

    public boolean isAtMost(BigDecimal value) {
        return compareTo(value) <= 0;
    }

    public boolean isAtLeast(BigDecimal value) {
        return compareTo(value) >= 0;
    }

    public Ratio minus(Ratio other) {
        return new Ratio(numerator.multiply(other.denominator).subtract(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    /** This ratio times a decimal, still exact. */
    public Ratio times(BigDecimal factor) {
        return new Ratio(numerator.multiply(factor), denominator);
    }

    /** A decimal for people and JSON: exact where it terminates, else ten decimal places. */
    public BigDecimal toDecimal() {
        try {
            return numerator.divide(denominator).stripTrailingZeros();
        } catch (ArithmeticException nonTerminating) {
            return numerator.divide(denominator, 10, RoundingMode.HALF_EVEN).stripTrailingZeros();
        }
    }
}
