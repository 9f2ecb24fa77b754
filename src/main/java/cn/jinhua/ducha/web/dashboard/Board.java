package cn.jinhua.ducha.web.dashboard;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.jinhua.ducha.catalogue.Area;
import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Scope;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.evaluation.Light;
import cn.jinhua.ducha.evaluation.LightMatrix;
import cn.jinhua.ducha.ranking.Mark;
import cn.jinhua.ducha.ranking.Ranking;
import cn.jinhua.ducha.ranking.Rankings;
import cn.jinhua.ducha.store.Runs;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.web.RulesInForce;
import cn.jinhua.ducha.web.Viewer;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the pages show, read from the store: a period's latest run, its matrix of lights (evaluation's LightMatrix,
 * as the command line's table: the worst light of each unit and task), the city totals month by month, a
 * commitment's history.
 * A run never changes once recorded, so its verdicts are kept in memory (without their traces) for the next page.
 */
@Component
class Board {

    private static final int CACHED_RUNS = 48;

    private final Store store;
    private final RulesInForce rules;
    private final Map<Long, List<Runs.StoredVerdict>> verdicts = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, List<Runs.StoredVerdict>> eldest) {
                    return size() > CACHED_RUNS;
                }
            });

    Board(Store store, RulesInForce rules) {
        this.store = store;
        this.rules = rules;
    }

    Catalogue catalogue() {
        return rules.current().catalogue();
    }

    /** The periods judged so far, newest first. */
    List<YearMonth> periods() {
        return store.runs().list().stream().map(Runs.Run::period).distinct().sorted(Collections.reverseOrder())
                .toList();
    }

    /** The latest run of each period, by period. */
    Map<YearMonth, Runs.Run> latestRuns() {
        Map<YearMonth, Runs.Run> latest = new LinkedHashMap<>();
        // list() is newest first: the first run seen of a period is its latest
        store.runs().list().forEach(r -> latest.putIfAbsent(r.period(), r));
        return latest;
    }

    Optional<Runs.Run> latestRun(YearMonth period) {
        return Optional.ofNullable(latestRuns().get(period));
    }

    /** The period asked for, else the newest judged one; empty when nothing has been judged. */
    Optional<YearMonth> periodOrLatest(String asked) {
        if (asked != null && asked.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            return Optional.of(YearMonth.parse(asked));
        }
        return periods().stream().findFirst();
    }

    /** Puts the period picker's model in place and answers the period's latest run, if it was judged. */
    Optional<Runs.Run> period(String asked, Model model) {
        List<YearMonth> periods = periods();
        Optional<YearMonth> period = periodOrLatest(asked);
        model.addAttribute("periods", periods);
        model.addAttribute("period", period.orElse(null));
        Optional<Runs.Run> run = period.flatMap(this::latestRun);
        model.addAttribute("run", run.orElse(null));
        return run;
    }

    /** A run's verdicts, traces left out. */
    List<Runs.StoredVerdict> verdicts(long run) {
        List<Runs.StoredVerdict> cached = verdicts.get(run);
        if (cached != null) {
            return cached;
        }
        List<Runs.StoredVerdict> slim = store.runs().verdicts(run).stream()
                .map(v -> new Runs.StoredVerdict(v.seq(), v.unit(), v.commitment(), v.status(), v.light(), v.value(),
                        v.target(), v.expected(), v.rule(), v.explanation(), v.missingUnits(), null, v.baseline(),
                        v.explanationEn()))
                .toList();
        verdicts.put(run, slim);
        return slim;
    }

    /** The units a viewer may see, in the registry's order: the supervised ones (never the province). */
    List<Unit> units(Viewer viewer) {
        return catalogue().units().stream().filter(Unit::isSupervised).filter(u -> viewer.reads(u.id())).toList();
    }

    /** One cell of the matrix: the worst light of a unit's verdicts on a task, null where none has a light. */
    record Cell(String column, String light) {
    }

    /** A unit's row: its cells and its verdicts counted by light. */
    record Row(Unit unit, List<Cell> cells, Map<Light, Integer> counts) {
    }

    /** The matrix of a run, for the units the viewer may see, with the counts by light over them all. */
    record Matrix(List<String> columns, List<Row> rows, Map<Light, Integer> total) {
    }

    Matrix matrix(Runs.Run run, Viewer viewer) {
        Catalogue catalogue = catalogue();
        List<String> columns = columns(catalogue);
        Map<String, String> columnOf = catalogue.commitments().stream()
                .collect(Collectors.toMap(Commitment::id, LightMatrix::column));
        LightMatrix lights = LightMatrix.of(verdicts(run.id()), Runs.StoredVerdict::unit,
                v -> columnOf.getOrDefault(v.commitment(), "?"), Board::light);
        List<Row> rows = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (Unit unit : units(viewer)) {
            shown.add(unit.id());
            List<Cell> cells = columns.stream().map(c -> new Cell(c, name(lights.worst(unit.id(), c)))).toList();
            rows.add(new Row(unit, cells, lights.row(unit.id())));
        }
        return new Matrix(columns, rows, lights.total(shown));
    }

    static List<String> columns(Catalogue catalogue) {
        return LightMatrix.columns(catalogue);
    }

    private static Light light(Runs.StoredVerdict v) {
        return v.light() == null ? null : Light.valueOf(v.light());
    }

    private static String name(Light light) {
        return light == null ? null : light.name();
    }

    /** One month of a commitment for one unit: the stored verdict's fields, as numbers where they are numbers. */
    record Point(YearMonth period, long run, int seq, String status, String light, String value, BigDecimal number,
                 String target, String expected, Runs.StoredVerdict verdict) {

        /** The explanation in Chinese. */
        public String explanation() {
            return verdict.explanation();
        }

        /** The explanation in the page's language. */
        public String explanation(Locale locale) {
            return verdict.explanation(locale);
        }
    }

    /** The history of a commitment for a unit over the periods judged, oldest first (latest run of each). */
    List<Point> history(String commitment, String unit) {
        List<Point> points = new ArrayList<>();
        latestRuns().values().stream().sorted((a, b) -> a.period().compareTo(b.period())).forEach(run -> verdicts(
                run.id()).stream().filter(v -> v.unit().equals(unit) && v.commitment().equals(commitment))
                .findFirst().ifPresent(v -> points.add(new Point(run.period(), run.id(), v.seq(), v.status(),
                        v.light(), Words.value(v.value()), number(v.value()), v.target(), v.expected(), v))));
        return points;
    }

    /** The commitments judged once for the whole city (全市合计: 浙里办 users, export shops, warehouses ...). */
    List<Commitment> cityTotals() {
        return catalogue().commitments().stream().filter(c -> c.scope() == Scope.CITY_TOTAL).toList();
    }

    /** A chart's series: the months of a year up to a period, with value, target and 序时进度 per month. */
    record Series(Commitment commitment, List<String> months, List<BigDecimal> values, List<BigDecimal> targets,
                  List<BigDecimal> expected, Point current) {
    }

    /** The commitment's months for {@code unit} from January of {@code period}'s year to {@code period}. */
    Series series(Commitment commitment, String unit, YearMonth period) {
        List<Point> all = history(commitment.id(), unit);
        return series(commitment, all.stream().filter(p -> p.period().getYear() == period.getYear()
                && !p.period().isAfter(period)).toList(), all.stream().filter(p -> p.period().equals(period))
                .findFirst().orElse(null));
    }

    static Series series(Commitment commitment, List<Point> points, Point current) {
        return new Series(commitment, points.stream().map(p -> p.period().toString()).toList(),
                points.stream().map(Point::number).toList(),
                points.stream().map(p -> decimal(p.target())).toList(),
                points.stream().map(p -> decimal(p.expected())).toList(), current);
    }

    private static BigDecimal number(String valueJson) {
        return valueJson == null ? null : decimal(valueJson);
    }

    private static BigDecimal decimal(String text) {
        if (text == null || !text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            return null;
        }
        return new BigDecimal(text);
    }

    /** 赛马 with the rules in force. */
    Rankings rankings() {
        return new Rankings(catalogue());
    }

    /** A run's verdicts as the ranking reads them, from the verdicts kept in memory. */
    private List<Mark> marks(Runs.Run run) {
        return Mark.of(run.id(), verdicts(run.id()), store.runs().waivers(run.id()));
    }

    /** The run's ranking in {@code area} (null: overall), moved against the latest run of the month before. */
    Ranking ranking(Runs.Run run, Area area) {
        return rankings().rank(run.period(), area, run.id(), marks(run),
                latestRun(run.period().minusMonths(1)).map(this::marks).orElse(null));
    }

    /** The rankings in {@code area} of every judged period up to {@code last}, oldest first, for the chart of ranks. */
    List<Ranking> rankings(YearMonth last, Area area) {
        Rankings rankings = rankings();
        return latestRuns().values().stream().filter(r -> !r.period().isAfter(last))
                .sorted((a, b) -> a.period().compareTo(b.period()))
                .map(r -> rankings.rank(r.period(), area, r.id(), marks(r), null)).toList();
    }

    /**
     * One tile of 挂图作战: a local unit, the worst light of its verdicts (null where none has a light), its overall
     * rank, and whether the viewer may open its page.
     */
    record Tile(Unit unit, String light, Integer rank, boolean opens) {
    }

    /**
     * The map's tiles, one per local unit. The ranking is public among the units, and a unit's worst light is what
     * its published counts already say, so a county supervisor sees every tile but opens its own unit only.
     */
    List<Tile> tiles(Runs.Run run, Viewer viewer) {
        Ranking ranking = ranking(run, null);
        LightMatrix lights = LightMatrix.of(verdicts(run.id()), Runs.StoredVerdict::unit, v -> "", Board::light);
        return ranking.rows().stream().sorted((a, b) -> Integer.compare(a.unit().order(), b.unit().order()))
                .map(r -> new Tile(r.unit(), name(lights.worst(r.unit().id())), r.rank(), viewer.reads(r.unit().id())))
                .toList();
    }

    /** Unit ids to Chinese names, for the pages' look-ups. */
    Map<String, String> unitNames() {
        Map<String, String> names = new LinkedHashMap<>();
        catalogue().units().forEach(u -> names.put(u.id(), u.name()));
        return names;
    }

    /** Ids to commitments, for the pages' look-ups. */
    Map<String, Commitment> commitmentsById() {
        return catalogue().commitments().stream().collect(Collectors.toMap(Commitment::id, Function.identity()));
    }
}
