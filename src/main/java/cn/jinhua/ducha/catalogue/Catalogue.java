package cn.jinhua.ducha.catalogue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The plan as data: reporting units, areas, tasks, commitments and judging settings, read from
 * {@code rules/catalogue/*.yaml}. Immutable once loaded; every lookup is by the contract's ids.
 */
public final class Catalogue {

    public static final String DIRECTORY = "catalogue";
    private static final String NOT_JUDGED = "not-judged.yaml";
    private static final Pattern COMMITMENT_ID = Pattern.compile("(G|S)\\.\\d+|T\\d{2}\\.(\\d+|P)|M\\d\\.P");

    private final List<Unit> units;
    private final List<Area> areas;
    private final List<Task> tasks;
    private final List<Commitment> commitments;
    private final List<NotJudged> notJudged;
    private final Settings settings;
    private final Map<String, Commitment> byMetric = new LinkedHashMap<>();
    private final Map<String, Commitment> byId = new LinkedHashMap<>();
    /** Every id, code, name and alias to the first unit in the registry that answers to it (a national registry
     * holds thousands of units, and every sheet names one). */
    private final Map<String, Unit> unitByName = new HashMap<>();

    private Catalogue(List<Unit> units, List<Area> areas, List<Task> tasks, List<Commitment> commitments,
                      List<NotJudged> notJudged, Settings settings) {
        this.units = List.copyOf(units);
        this.areas = List.copyOf(areas);
        this.tasks = List.copyOf(tasks);
        this.commitments = List.copyOf(commitments);
        this.notJudged = List.copyOf(notJudged);
        this.settings = settings;
        commitments.forEach(c -> {
            byMetric.put(c.metric(), c);
            byId.put(c.id(), c);
        });
        for (Unit unit : this.units) {
            unitByName.putIfAbsent(unit.id(), unit);
            if (unit.code() != null) {
                unitByName.putIfAbsent(unit.code(), unit);
            }
            unitByName.putIfAbsent(unit.name(), unit);
            unit.aliases().forEach(alias -> unitByName.putIfAbsent(alias, unit));
        }
    }

    /**
     * Judging settings from {@code settings.yaml}.
     *
     * @param yellowBand           how far behind 序时进度 still counts as AT_RISK (0.30)
     * @param milestoneLastQuarter share of a window after which an open milestone is AT_RISK (0.75)
     * @param ranking              the 赛马 ranking's points; null only in a catalogue stored before issue 15 (a
     *                             replayed run's), which judges as before and ranks nothing
     */
    public record Settings(BigDecimal yellowBand, BigDecimal milestoneLastQuarter, RankingSettings ranking) {
    }

    /**
     * The 赛马 ranking's points per status of a judged verdict ({@code ranking:} in settings.yaml), each in 0..1, and
     * the decimal places of the published score. NOT_APPLICABLE has no points: it is never judged.
     *
     * @param noData   at most every other status's points, so that not reporting never pays
     * @param decimals places the published score (0..100) is rounded half-up to, 0..4
     */
    public record RankingSettings(BigDecimal met, BigDecimal onTrack, BigDecimal atRisk, BigDecimal offTrack,
                                  BigDecimal missed, BigDecimal noData, int decimals) {
    }

    /**
     * Reads the catalogue under {@code rulesDir/catalogue}.
     *
     * @throws CatalogueException listing every problem found, by file and entry
     */
    public static Catalogue load(Path rulesDir) {
        return load(rulesDir, rulesDir.resolve(DIRECTORY).resolve("units.yaml"));
    }

    /**
     * Reads the catalogue with another registry of units (benchmarks supply their own).
     *
     * @throws CatalogueException listing every problem found, by file and entry
     */
    public static Catalogue load(Path rulesDir, Path unitsFile) {
        Path dir = rulesDir.resolve(DIRECTORY);
        List<String> problems = new ArrayList<>();
        Reader reader = new Reader(rulesDir, problems);
        List<UnitEntry> unitEntries = reader.read(unitsFile, new TypeReference<>() { });
        List<AreaEntry> areaEntries = reader.read(dir.resolve("areas.yaml"), new TypeReference<>() { });
        List<TaskEntry> taskEntries = reader.read(dir.resolve("tasks.yaml"), new TypeReference<>() { });
        List<CommitmentEntry> entries = reader.readEach(dir.resolve("commitments.yaml"), CommitmentEntry.class);
        List<NotJudgedEntry> notJudgedEntries = reader.read(dir.resolve(NOT_JUDGED), new TypeReference<>() { });
        SettingsEntry settingsEntry = reader.read(dir.resolve("settings.yaml"), new TypeReference<>() { });
        if (!problems.isEmpty()) {
            throw new CatalogueException(problems);
        }
        List<Unit> units = new ArrayList<>();
        for (UnitEntry u : unitEntries) {
            units.add(new Unit(u.id(), u.name(), u.aliases(), u.code(), u.kind(), Boolean.TRUE.equals(u.ftz()),
                    units.size()));
        }
        checkUnits(units, reader.display(unitsFile), problems);
        Map<String, Area> areas = new LinkedHashMap<>();
        areaEntries.forEach(a -> areas.put(a.id(), new Area(a.id(), a.name(), a.lead())));
        Map<Integer, Task> tasks = new LinkedHashMap<>();
        for (TaskEntry t : taskEntries) {
            Area area = areas.get(t.area());
            if (area == null) {
                problems.add("rules/catalogue/tasks.yaml: 任务 %d 的领域 %s 不存在 / task %d: unknown area %s"
                        .formatted(t.number(), t.area(), t.number(), t.area()));
            }
            tasks.put(t.number(), new Task(t.number(), t.title(), area, t.lead()));
        }
        Map<String, InferredWindowEntry> inferred = settingsEntry == null || settingsEntry.inferredWindows() == null
                ? Map.of() : settingsEntry.inferredWindows();
        Map<String, MeasureEntry> measures = settingsEntry == null || settingsEntry.measures() == null
                ? Map.of() : settingsEntry.measures();
        List<Commitment> commitments = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> metrics = new HashSet<>();
        for (CommitmentEntry e : entries) {
            String where = reader.display(dir.resolve("commitments.yaml")) + ": " + e.id() + ": ";
            try {
                Commitment c = e.toCommitment(tasks, areas, inferred, measures, commitments.size());
                if (!ids.add(c.id())) {
                    throw new IllegalArgumentException("id 重复 / duplicate id");
                }
                if (!metrics.add(c.metric())) {
                    throw new IllegalArgumentException("指标 %s 重复 / duplicate metric key %s".formatted(c.metric(), c.metric()));
                }
                commitments.add(c);
            } catch (IllegalArgumentException ex) {
                problems.add(where + ex.getMessage());
            }
        }
        if (settingsEntry == null || settingsEntry.yellowBand() == null || settingsEntry.milestoneLastQuarter() == null) {
            problems.add("rules/catalogue/settings.yaml: yellowBand 与 milestoneLastQuarter 均须给出 / "
                    + "yellowBand and milestoneLastQuarter are both required");
        }
        // a catalogue stored before issue 15 (a replayed run's) has no ranking: it still loads, and ranks nothing
        RankingSettings ranking = settingsEntry == null || settingsEntry.ranking() == null ? null
                : settingsEntry.ranking().toSettings(problems);
        List<NotJudged> notJudged = new ArrayList<>();
        for (NotJudgedEntry n : notJudgedEntries) {
            String where = "rules/catalogue/" + NOT_JUDGED + ": \"" + n.words() + "\": ";
            Task task = n.task() == null ? null : tasks.get(n.task());
            if (n.words() == null || n.reason() == null || n.note() == null) {
                problems.add(where + "words、reason 与 note 均须给出 / words, reason and note are all required");
            } else if ((n.task() == null) == (n.section() == null) || (n.task() != null && task == null)) {
                problems.add(where + "须给出已知的 task 或 section 之一 / exactly one of a known task or a section is required");
            } else {
                notJudged.add(new NotJudged(n.words(), task, n.section(), n.reason(), n.note()));
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogueException(problems);
        }
        return new Catalogue(units, List.copyOf(areas.values()), List.copyOf(tasks.values()), commitments, notJudged,
                new Settings(settingsEntry.yellowBand(), settingsEntry.milestoneLastQuarter(), ranking));
    }

    private static void checkUnits(List<Unit> units, String file, List<String> problems) {
        Set<String> names = new HashSet<>();
        for (Unit u : units) {
            if (u.id() == null || u.name() == null || u.kind() == null) {
                problems.add(file + ": 单位 %s 缺少 id、name 或 kind / unit %s lacks id, name or kind".formatted(u.id(), u.id()));
                continue;
            }
            for (String name : names(u)) {
                if (!names.add(name)) {
                    problems.add(file + ": 单位名称或代码 %s 重复 / unit name or code %s is used twice".formatted(name, name));
                }
            }
        }
        if (units.stream().filter(Unit::isCity).count() != 1) {
            problems.add(file + ": 须有且仅有一个 city 单位 / exactly one unit of kind city is required");
        }
    }

    private static List<String> names(Unit u) {
        List<String> names = new ArrayList<>(List.of(u.id(), u.name()));
        if (u.code() != null && !u.code().equals(u.id())) {
            names.add(u.code());
        }
        u.aliases().stream().filter(a -> !names.contains(a)).forEach(names::add);
        return names;
    }

    public List<Unit> units() {
        return units;
    }

    public List<Area> areas() {
        return areas;
    }

    public List<Task> tasks() {
        return tasks;
    }

    public List<Commitment> commitments() {
        return commitments;
    }

    public Settings settings() {
        return settings;
    }

    /** The parts of the seed that no commitment judges, each with its words and why, in the file's order. */
    public List<NotJudged> notJudged() {
        return notJudged;
    }

    /**
     * How much of the plan is measured: the tasks with a commitment beside their progress report, those followed by
     * progress alone, the general works and the parts not judged. The CLI and the dashboard both show this one.
     */
    public Coverage coverage() {
        List<Integer> numeric = new ArrayList<>();
        List<Integer> progressOnly = new ArrayList<>();
        for (Task t : tasks) {
            (commitmentsOf(t).stream().anyMatch(c -> !c.isProgress()) ? numeric : progressOnly).add(t.number());
        }
        return new Coverage(tasks.size(), numeric, progressOnly, generalWorks().size(), notJudged.size());
    }

    /** The progress commitments of the five general works (五项面上工作), M1.P..M5.P, in catalogue order. */
    public List<Commitment> generalWorks() {
        return commitments.stream().filter(Commitment::isGeneralWork).toList();
    }

    /** The PROGRESS commitment a sheet reports under {@code progress.CODE} ({@code T05}, {@code M1}), if any. */
    public Optional<Commitment> progress(String code) {
        return byMetric("progress." + code).filter(Commitment::isProgress);
    }

    /** The unit a sheet names by id, code or Chinese name. */
    public Optional<Unit> unit(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(unitByName.get(name));
    }

    public Optional<Commitment> commitment(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The commitment judged from a metric key ({@code progress.T05} for progress reports). */
    public Optional<Commitment> byMetric(String metric) {
        return Optional.ofNullable(byMetric.get(metric));
    }

    public Optional<Task> task(int number) {
        return tasks.stream().filter(t -> t.number() == number).findFirst();
    }

    /** The city unit ({@code jinhua}). */
    public Unit city() {
        return units.stream().filter(Unit::isCity).findFirst().orElseThrow();
    }

    /**
     * The commitments whose value {@code unit} owes on its sheet for {@code period}, in catalogue order: those judged
     * then whose scope judges the unit, and its share of every city total (contract.md, "Alerts": "Owed"). The
     * same {@link Commitment#judgedIn} and {@link Scope#owedBy} decide it here as in classification.drl's 应报 rules.
     */
    public List<Commitment> owedBy(Unit unit, YearMonth period) {
        return commitments.stream().filter(c -> c.judgedIn(period) && c.scope().owedBy(unit)).toList();
    }

    /** Commitments of task {@code number}, in catalogue order. */
    public List<Commitment> commitmentsOf(Task task) {
        return commitments.stream().filter(c -> c.task() == task).toList();
    }

    private static final class Reader {
        private final ObjectMapper yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
        private final Path rulesDir;
        private final List<String> problems;

        Reader(Path rulesDir, List<String> problems) {
            this.rulesDir = rulesDir;
            this.problems = problems;
        }

        /** A file as messages name it: {@code rules/…} when it lies under the rules directory. */
        String display(Path file) {
            Path absolute = file.toAbsolutePath().normalize();
            Path root = rulesDir.toAbsolutePath().normalize();
            return absolute.startsWith(root) ? "rules/" + root.relativize(absolute).toString().replace('\\', '/')
                    : file.toString();
        }

        <T> T read(Path file, TypeReference<T> type) {
            if (!Files.isRegularFile(file)) {
                problems.add(display(file) + ": 文件不存在 / file not found");
                return null;
            }
            try {
                return yaml.readValue(file.toFile(), type);
            } catch (JacksonException e) {
                problems.add(display(file) + ": " + e.getOriginalMessage()
                        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
                return null;
            }
        }

        /** Reads a list entry by entry, so that a bad entry is named by its id and the others still read. */
        <T> List<T> readEach(Path file, Class<T> type) {
            List<JsonNode> nodes = read(file, new TypeReference<>() { });
            if (nodes == null) {
                return null;
            }
            List<T> entries = new ArrayList<>();
            for (JsonNode node : nodes) {
                try {
                    entries.add(yaml.treeToValue(node, type));
                } catch (JacksonException e) {
                    JsonNode id = node.get("id");
                    problems.add("%s: %s: %s".formatted(display(file), id == null ? "(no id)" : id.asString(),
                            e.getOriginalMessage()));
                }
            }
            return entries;
        }
    }

    record UnitEntry(String id, String name, List<String> aliases, String code, UnitKind kind, Boolean ftz) {
    }

    record AreaEntry(String id, String name, String lead) {
    }

    record TaskEntry(int number, String title, String area, String lead) {
    }

    record SettingsEntry(BigDecimal yellowBand, BigDecimal milestoneLastQuarter,
                         Map<String, InferredWindowEntry> inferredWindows, Map<String, MeasureEntry> measures,
                         RankingEntry ranking) {
    }

    record RankingEntry(PointsEntry points, Integer decimals) {

        private static final String WHERE = "rules/catalogue/settings.yaml: ranking: ";

        RankingSettings toSettings(List<String> problems) {
            int before = problems.size();
            if (points == null || decimals == null) {
                problems.add(WHERE + "points 与 decimals 均须给出 / points and decimals are both required");
                return null;
            }
            List<BigDecimal> all = points.all();
            if (all.contains(null)) {
                problems.add(WHERE + "points 须给出 MET、ON_TRACK、AT_RISK、OFF_TRACK、MISSED、NO_DATA 各自的分值 / "
                        + "points must give MET, ON_TRACK, AT_RISK, OFF_TRACK, MISSED and NO_DATA each");
                return null;
            }
            if (all.stream().anyMatch(p -> p.signum() < 0 || p.compareTo(BigDecimal.ONE) > 0)) {
                problems.add(WHERE + "每项分值须在 0 到 1 之间 / every point must lie in 0..1");
            }
            if (all.stream().anyMatch(p -> p.compareTo(points.noData()) < 0)) {
                problems.add(WHERE + "NO_DATA 的分值不得高于任何其他状态，否则不报送反而得分 / NO_DATA must score no "
                        + "more than any other status, or not reporting would pay");
            }
            if (decimals < 0 || decimals > 4) {
                problems.add(WHERE + "decimals 须在 0 到 4 之间 / decimals must lie in 0..4");
            }
            return problems.size() > before ? null : new RankingSettings(points.met(), points.onTrack(),
                    points.atRisk(), points.offTrack(), points.missed(), points.noData(), decimals);
        }
    }

    /** Keyed by the statuses' own names, as supervisors read them in the file. */
    record PointsEntry(@JsonProperty("MET") BigDecimal met, @JsonProperty("ON_TRACK") BigDecimal onTrack,
                       @JsonProperty("AT_RISK") BigDecimal atRisk, @JsonProperty("OFF_TRACK") BigDecimal offTrack,
                       @JsonProperty("MISSED") BigDecimal missed, @JsonProperty("NO_DATA") BigDecimal noData) {

        List<BigDecimal> all() {
            return Arrays.asList(met, onTrack, atRisk, offTrack, missed, noData);
        }
    }

    record MeasureEntry(BigDecimal maximum) {

        ValueLimits limits() {
            return new ValueLimits(maximum);
        }
    }

    record InferredWindowEntry(String window, String schedule) {
    }

    record NotJudgedEntry(String words, Integer task, String section, NotJudged.Reason reason, String note) {
    }

    record CommitmentEntry(String id, Integer task, String area, String lead, String title, String label,
                           String metric, Kind kind, Scope scope, Object target, BigDecimal margin, Boolean strict,
                           BigDecimal baseline, String unit, String window, WindowBasis.Basis windowBasis,
                           String source) {

        Commitment toCommitment(Map<Integer, Task> tasks, Map<String, Area> areas,
                                Map<String, InferredWindowEntry> inferred, Map<String, MeasureEntry> measures,
                                int order) {
            if (id == null || !COMMITMENT_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("id 格式不符 / malformed id");
            }
            require(title, "title");
            require(label, "label");
            require(metric, "metric");
            require(kind, "kind");
            require(scope, "scope");
            require(source, "source");
            require(windowBasis, "windowBasis");
            Task t = null;
            Area a;
            if (task != null) {
                t = tasks.get(task);
                if (t == null) {
                    throw new IllegalArgumentException("任务 %d 不存在 / no task %d".formatted(task, task));
                }
                a = t.area();
            } else {
                a = areas.get(area);
                if (a == null) {
                    throw new IllegalArgumentException("须给出 task 或已知的 area / a task or a known area is required");
                }
            }
            BigDecimal numericTarget = switch (kind) {
                case MILESTONE -> {
                    if (!Boolean.TRUE.equals(target)) {
                        throw new IllegalArgumentException("里程碑的 target 须为 true / a milestone's target must be true");
                    }
                    yield null;
                }
                case PROGRESS, BENCHMARK_MARGIN -> {
                    if (target != null) {
                        throw new IllegalArgumentException("%s 不设 target / %s takes no target".formatted(kind, kind));
                    }
                    yield null;
                }
                default -> {
                    if (!(target instanceof Number n)) {
                        throw new IllegalArgumentException("target 须为数值 / target must be a number");
                    }
                    yield new BigDecimal(n.toString());
                }
            };
            if (kind == Kind.BENCHMARK_MARGIN && margin == null) {
                throw new IllegalArgumentException("BENCHMARK_MARGIN 须给出 margin / BENCHMARK_MARGIN needs a margin");
            }
            String code = id.substring(0, id.indexOf('.'));
            if (kind == Kind.PROGRESS && (!metric.equals("progress." + code) || !id.endsWith(".P")
                    || (t == null) != code.startsWith("M"))) {
                throw new IllegalArgumentException("进展指标须为其任务的 progress.Txx 或面上工作的 progress.Mw / "
                        + "a progress metric must be progress.Txx of its task, or progress.Mw of a general work");
            }
            BigDecimal b = baseline == null ? BigDecimal.ZERO : baseline;
            if (kind.isPaced() && numericTarget.compareTo(b) <= 0) {
                throw new IllegalArgumentException("target 须大于 baseline / target must exceed the baseline");
            }
            Window w;
            WindowBasis basis;
            InferredWindowEntry named = window == null ? null : inferred.get(window);
            if (windowBasis == WindowBasis.Basis.INFERRED) {
                if (named == null) {
                    throw new IllegalArgumentException(("推定时限的 window 须为 settings.yaml 中 inferredWindows 的名称之一 %s / "
                            + "an inferred window must name one of settings.yaml's inferredWindows %s")
                            .formatted(inferred.keySet(), inferred.keySet()));
                }
                w = Window.parse(named.window());
                basis = WindowBasis.inferred(window, named.schedule());
            } else {
                if (named != null) {
                    throw new IllegalArgumentException("window %s 是推定时限，windowBasis 须为 INFERRED / window %s is inferred: windowBasis must be INFERRED"
                            .formatted(window, window));
                }
                w = Window.parse(window);
                basis = WindowBasis.STATED;
            }
            String leadUnit = lead != null ? lead : t != null ? t.lead() : a.lead();
            // a catalogue stored before settings.yaml had measures (replayed runs) keeps the contract's ranges only
            ValueLimits limits = ValueLimits.NONE;
            if (unit != null && !measures.isEmpty()) {
                MeasureEntry measure = measures.get(unit);
                if (measure == null) {
                    throw new IllegalArgumentException("计量单位 %s 不在 settings.yaml 的 measures 中 / unit of measure %s is not among settings.yaml's measures"
                            .formatted(unit, unit));
                }
                limits = measure.limits();
            }
            return new Commitment(id, t, a, title, label, metric, kind, scope, numericTarget, margin,
                    Boolean.TRUE.equals(strict), b, unit, w, basis, source, leadUnit, limits, order);
        }

        private static void require(Object value, String field) {
            if (value == null) {
                throw new IllegalArgumentException(field + " 缺失 / " + field + " is missing");
            }
        }
    }
}
