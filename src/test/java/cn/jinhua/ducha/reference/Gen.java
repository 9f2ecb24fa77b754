package cn.jinhua.ducha.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A value drawn from a seeded random source: the same seed draws the same values on every machine, so a failing
 * case is replayed by its seed (DifferentialTests prints it). The few combinators the generators of random sheets
 * need, edge-biased choice by weight among them; the benchmark's Workloads draw from the same kind of source.
 */
@FunctionalInterface
interface Gen<T> {

    T next(SplittableRandom random);

    static <T> Gen<T> just(T value) {
        return random -> value;
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return ofList(Arrays.asList(values));
    }

    static <T> Gen<T> ofList(List<T> values) {
        List<T> copy = List.copyOf(values);
        return random -> copy.get(random.nextInt(copy.size()));
    }

    /** A choice weighted among generators: {@code weighted(3, a), weighted(1, b)} draws from a three times in four. */
    @SafeVarargs
    static <T> Gen<T> frequencyOf(Weighted<T>... choices) {
        int total = Arrays.stream(choices).mapToInt(Weighted::weight).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<T> choice : choices) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.gen().next(random);
                }
            }
            throw new IllegalStateException("weights sum to " + total);
        };
    }

    static <T> Weighted<T> weighted(int weight, Gen<T> gen) {
        return new Weighted<>(weight, gen);
    }

    static <T> Weighted<T> weightedValue(int weight, T value) {
        return new Weighted<>(weight, just(value));
    }

    /** A generator and its weight in {@link #frequencyOf}. */
    record Weighted<T>(int weight, Gen<T> gen) {
    }

    /** A decimal between {@code low} and {@code high} inclusive, with {@code scale} places. */
    static Gen<BigDecimal> decimals(BigDecimal low, BigDecimal high, int scale) {
        BigDecimal lo = low.setScale(scale, RoundingMode.CEILING);
        long steps = high.setScale(scale, RoundingMode.FLOOR).subtract(lo).movePointRight(scale).longValueExact();
        return random -> lo.add(BigDecimal.valueOf(random.nextLong(steps + 1), scale));
    }

    /** Every generator's value, in order. */
    static <T> Gen<List<T>> all(List<Gen<T>> gens) {
        List<Gen<T>> copy = List.copyOf(gens);
        return random -> {
            List<T> values = new ArrayList<>(copy.size());
            copy.forEach(g -> values.add(g.next(random)));
            return values;
        };
    }

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return random -> f.apply(next(random));
    }

    default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
        return random -> f.apply(next(random)).next(random);
    }

    /** Present with probability {@code present}. */
    default Gen<Optional<T>> optional(double present) {
        return random -> random.nextDouble() < present ? Optional.of(next(random)) : Optional.empty();
    }

    default Gen<List<T>> list(int size) {
        return random -> {
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(random));
            }
            return values;
        };
    }
}
