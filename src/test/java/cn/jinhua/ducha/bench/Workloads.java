package cn.jinhua.ducha.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Kind;
import cn.jinhua.ducha.catalogue.Scope;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.Progress;
import cn.jinhua.ducha.factsheet.ProgressStatus;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The benchmark's workloads, from a seeded generator: the same seed gives the same sheets on every machine.
 *
 * <ul>
 *   <li>W1: the real registry (rules/catalogue/units.yaml, 11 supervised units and the province), 24 months
 *       (2023-01..2024-12), each month judged;</li>
 *   <li>W2: a national-scale registry of 2,844 synthetic county-level units (with the city and the province the
 *       rules need), 12 months (2023-01..2023-12), each month judged;</li>
 *   <li>W3: the national registry again, month after month from 2023-01 until 100,000 sheets are written (36
 *       full months and part of a 37th, whose missing sheets are NO_DATA and DATA alerts), each month judged.</li>
 * </ul>
 *
 * Sheets are valid and realistic in shape: a unit sends its sheet for the month with probability 0.97, each owed
 * value with probability 0.98; values fall around the target and 序时进度 so that every status occurs.
 * <p>
 * It lives in the test tree, not src/jmh, so that the forecasts' backtest (ForecastBacktestTests) runs on the same
 * histories in the default build; the benchmarks profile compiles src/jmh beside the tests, in this package, and
 * sees it as before (its package-info stays in src/jmh: one per package).
 */
final class Workloads {

    static final long SEED = 20230506L;
    static final int NATIONAL_COUNTIES = 2_844;
    static final int W3_SHEETS = 100_000;
    private static final YearMonth FIRST = YearMonth.of(2023, 1);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Workloads() {
    }

    /** One workload: its periods, each with the sheets that judging it reads (its own and the month before's). */
    record Workload(String name, Catalogue catalogue, List<Period> periods, int sheets) {
    }

    /** A period to judge and the sheets of that month and the month before. */
    record Period(YearMonth period, List<FactSheet> sheets) {
    }

    static Workload w1(Catalogue real) {
        return build("W1", real, 24, Integer.MAX_VALUE, SEED);
    }

    static Workload w2(Catalogue national) {
        return build("W2", national, 12, Integer.MAX_VALUE, SEED + 2);
    }

    static Workload w3(Catalogue national) {
        return build("W3", national, Integer.MAX_VALUE, W3_SHEETS, SEED + 3);
    }

    /**
     * Writes the national registry (2,844 local units, about one in twenty in a free-trade zone, the city and the
     * province) as a units.yaml file under {@code dir}, in the shape of rules/catalogue/units.yaml.
     */
    static Path nationalRegistry(Path dir) {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<Map<String, Object>> units = new ArrayList<>();
        for (int i = 1; i <= NATIONAL_COUNTIES; i++) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("id", "county%04d".formatted(i));
            u.put("name", "县%04d".formatted(i));
            u.put("code", "9%05d".formatted(i));
            u.put("kind", "local");
            u.put("ftz", random.nextInt(20) == 0);
            units.add(u);
        }
        units.add(Map.of("id", "jinhua", "name", "金华市", "code", "330700", "kind", "city", "ftz", false));
        units.add(Map.of("id", "zhejiang", "name", "浙江省", "code", "330000", "kind", "province", "ftz", false));
        Path file = dir.resolve("units.yaml");
        try {
            Files.createDirectories(dir);
            YAMLMapper.builder().build().writeValue(file.toFile(), units);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A registry file in a fresh temporary folder; the folder is removed when the JVM exits. */
    static Path nationalRegistry() {
        try {
            Path dir = Files.createTempDirectory("ducha-bench-");
            dir.toFile().deleteOnExit();
            Path file = nationalRegistry(dir);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sheets month by month until {@code months} or {@code maxSheets} is reached, whichever comes first. */
    private static Workload build(String name, Catalogue catalogue, int months, int maxSheets, long seed) {
        Generator generator = new Generator(catalogue, new SplittableRandom(seed));
        List<Period> periods = new ArrayList<>();
        List<FactSheet> before = List.of();
        int written = 0;
        for (YearMonth p = FIRST; periods.size() < months && written < maxSheets; p = p.plusMonths(1)) {
            List<FactSheet> now = generator.month(p, maxSheets - written);
            written += now.size();
            List<FactSheet> sheets = new ArrayList<>(before.size() + now.size());
            sheets.addAll(before);
            sheets.addAll(now);
            periods.add(new Period(p, List.copyOf(sheets)));
            before = now;
        }
        return new Workload(name, catalogue, List.copyOf(periods), written);
    }

    /** One unit's sheet for a month, for the single-sheet benchmark. */
    static FactSheet sheet(Catalogue catalogue, String unit, YearMonth period) {
        Generator generator = new Generator(catalogue, new SplittableRandom(SEED + 4));
        return generator.sheet(catalogue.unit(unit).orElseThrow(), period, true);
    }

    private static final class Generator {
        private final Catalogue catalogue;
        private final SplittableRandom random;
        private final int supervised;

        Generator(Catalogue catalogue, SplittableRandom random) {
            this.catalogue = catalogue;
            this.random = random;
            this.supervised = (int) catalogue.units().stream().filter(Unit::isSupervised).count();
        }

        List<FactSheet> month(YearMonth p, int room) {
            List<FactSheet> sheets = new ArrayList<>();
            for (Unit u : catalogue.units()) {
                if (sheets.size() == room) {
                    break;
                }
                if (random.nextInt(100) < 97) {
                    sheets.add(sheet(u, p, false));
                }
            }
            return sheets;
        }

        FactSheet sheet(Unit u, YearMonth p, boolean complete) {
            Map<String, Object> facts = new LinkedHashMap<>();
            Map<String, Progress> progress = new LinkedHashMap<>();
            for (Commitment c : catalogue.commitments()) {
                boolean carries = u.isProvince()
                        ? c.kind() == Kind.BENCHMARK_MARGIN
                        : c.judgedIn(p) && c.scope().owedBy(u);
                if (!carries || (!complete && random.nextInt(100) >= 98)) {
                    continue;
                }
                if (c.kind() == Kind.PROGRESS) {
                    progress.put(c.progressCode(), new Progress(status(), null));
                } else {
                    facts.put(c.metric(), value(c, p));
                }
            }
            return new FactSheet(u.id() + "-" + p + ".json", u, p, "generated", facts, progress);
        }

        private ProgressStatus status() {
            int r = random.nextInt(10);
            return r < 3 ? ProgressStatus.DONE : r < 8 ? ProgressStatus.IN_PROGRESS
                    : r < 9 ? ProgressStatus.NOT_STARTED : ProgressStatus.BLOCKED;
        }

        private Object value(Commitment c, YearMonth p) {
            return switch (c.kind()) {
                case MILESTONE -> random.nextInt(10) < 6;
                case BENCHMARK_MARGIN -> decimal(-5, 20, 1);
                case PROGRESS -> throw new IllegalArgumentException("progress is no fact");
                default -> number(c, p);
            };
        }

        /** Around the target (or, for paced kinds, around 序时进度's share of it); a city total split in shares. */
        private BigDecimal number(Commitment c, YearMonth p) {
            double share = 1.0;
            if (c.kind().isPaced()) {
                var span = c.spanFor(p).orElseThrow();
                share = span.isOpen() ? 1.0 : (double) span.elapsed(p) / span.length();
            }
            double level = c.target().doubleValue() * share * (0.6 + 0.6 * random.nextDouble());
            if (c.scope() == Scope.CITY_TOTAL) {
                level = level * 2 * random.nextDouble() / supervised;
            }
            BigDecimal v = BigDecimal.valueOf(level).setScale(1, RoundingMode.HALF_UP);
            if (c.metric().endsWith("_pct") && v.compareTo(HUNDRED) > 0) {
                return HUNDRED;
            }
            return v.signum() < 0 ? BigDecimal.ZERO : v;
        }

        private BigDecimal decimal(int from, int to, int scale) {
            return BigDecimal.valueOf(from + (to - from) * random.nextDouble()).setScale(scale, RoundingMode.HALF_UP);
        }
    }
}
