package cn.jinhua.ducha.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.rulebook.Rulebook;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.Statistics;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole benchmark in one run (BENCHMARKS.md): the JMH benchmarks of this package, the command line's cold start
 * and the heap after every run, then one table with the ratio Drools / reference and the goals.
 *
 * <p>Run from the project's folder, after {@code mvn -B -q -Pbenchmarks verify} has built the jar (that command runs
 * this class itself). Arguments: {@code full} (the default) or {@code quick} (a smoke run whose figures carry little
 * weight). The full run judges W3 by the rules once on one thread and ten times on all cores in one JVM (the heap
 * check), and times a national month from the command line against a cold {@code catalogue}. The table is printed
 * on standard output and written to {@code target/benchmarks/summary.md}; JMH's own results are beside it as JSON.
 */
public final class BenchmarkRun {

    private static final Path OUT = Path.of("target", "benchmarks");
    private static final String WORKLOADS = WorkloadBenchmark.class.getName();

    private final boolean quick;
    private final Map<String, RunResult> results = new LinkedHashMap<>();

    private BenchmarkRun(boolean quick) {
        this.quick = quick;
    }

    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        boolean quick = Arrays.stream(args).anyMatch(a -> a.strip().equals("quick"));
        // the forks inherit this JVM's class path and folder: the benchmarks read rules/ and samples/ from it
        if (!Files.isDirectory(Path.of("rules"))) {
            throw new IllegalStateException("run from the project's folder: no rules/ here");
        }
        Files.createDirectories(OUT);
        if (Arrays.stream(args).anyMatch(a -> a.strip().equals("national"))) {
            // the national month alone (-Dbench.args=national): a minute or two instead of the whole benchmark
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.print(NationalMonth.measure(quick ? 2 : 5).row());
            return;
        }
        new BenchmarkRun(quick).run();
    }

    private void run() throws RunnerException, IOException, InterruptedException {
        long started = System.nanoTime();
        jmh("build", base(RulesBuildBenchmark.class.getName()).forks(quick ? 2 : 5));
        jmh("sheet", base(SheetBenchmark.class.getName()).forks(quick ? 1 : 2).addProfiler(GCProfiler.class)
                .warmupIterations(quick ? 2 : 3).measurementIterations(quick ? 2 : 4));
        jmh("W1", workload("W1", ".*").warmupIterations(quick ? 2 : 3).measurementIterations(quick ? 3 : 8));
        jmh("W2", workload("W2", ".*").warmupIterations(1).measurementIterations(quick ? 1 : 3));
        jmh("W3-reference", workload("W3", "reference.*").warmupIterations(quick ? 0 : 1)
                .measurementIterations(quick ? 1 : 2));
        jmh("W3-drools-one-thread", workload("W3", "droolsOneThread").warmupIterations(quick ? 0 : 1)
                .measurementIterations(1));
        // ten W3 runs on all cores in one JVM, two of them warm-up: the heap after each is the heap check
        jmh("W3-drools-all-cores", workload("W3", "droolsAllCores").warmupIterations(quick ? 1 : 2)
                .measurementIterations(quick ? 1 : 8));
        ColdStart cold = ColdStart.measure(quick ? 3 : 10);
        NationalMonth national = NationalMonth.measure(quick ? 2 : 5);
        List<Long> heap = heap("droolsAllCores", "W3");
        Sheets sheets = Sheets.count();
        String table = new Summary(results, cold, national, heap, sheets).table();
        String minutes = "%.1f".formatted(Duration.ofNanos(System.nanoTime() - started).toMillis() / 60_000.0);
        String text = table + System.lineSeparator() + "(" + (quick ? "quick run" : "full run") + ", " + minutes
                + " min; JMH results in target/benchmarks/jmh-*.json)" + System.lineSeparator();
        Files.writeString(OUT.resolve("summary.md"), text, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println();
        out.print(text);
    }

    private ChainedOptionsBuilder base(String include) {
        return new OptionsBuilder().include(include).shouldFailOnError(true)
                .jvmArgsPrepend("-Dfile.encoding=UTF-8");
    }

    private ChainedOptionsBuilder workload(String name, String methods) {
        return base(WORKLOADS + "\\." + methods).param("workload", name).forks(1).addProfiler(GCProfiler.class);
    }

    private void jmh(String group, ChainedOptionsBuilder options) throws RunnerException {
        options.resultFormat(ResultFormatType.JSON).result(OUT.resolve("jmh-" + group + ".json").toString());
        Collection<RunResult> run = new Runner(options.build()).run();
        for (RunResult r : run) {
            String name = r.getParams().getBenchmark();
            String workload = r.getParams().getParam("workload");
            results.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1)
                    + (workload == null ? "" : ":" + workload), r);
        }
    }

    private static List<Long> heap(String method, String workload) {
        Path file = WorkloadBenchmark.HEAP_DIR.resolve("heap-" + method + "-" + workload + ".txt");
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(Long::parseLong).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The number of sheets in each workload, for the figures per sheet. */
    record Sheets(int w1, int w2, int w3) {

        static Sheets count() {
            Catalogue real = Rulebook.load(Path.of("rules")).catalogue();
            Catalogue national = Catalogue.load(Path.of("rules"), Workloads.nationalRegistry());
            return new Sheets(Workloads.w1(real).sheets(), Workloads.w2(national).sheets(),
                    Workloads.w3(national).sheets());
        }

        int of(String workload) {
            return switch (workload) {
                case "W1" -> w1;
                case "W2" -> w2;
                default -> w3;
            };
        }
    }

    /**
     * The command line from a cold JVM to its first verdict: {@code java -jar target/ducha.jar evaluate samples
     * --period 2023-09}, whose table is printed once the period is judged, so the process's wall time is the time
     * to the first verdict (plus printing). Then the same with AppCDS: the jar extracted by Spring Boot's jar tools
     * (plain jars on the class path, which CDS can archive, where the executable jar's nested jars cannot be) and a
     * static class archive of the classes one run of the same command loaded. One run of each first, not counted,
     * fills the file cache. The archive leaves out lambda proxies: OpenJDK 17.0.15 crashes (SIGSEGV in
     * {@code SystemDictionaryShared::adjust_lambda_proxy_class_dictionary}) archiving them from this jar, with
     * {@code -XX:ArchiveClassesAtExit} and with {@code -Xshare:dump} alike.
     */
    record ColdStart(List<Double> plain, List<Double> cds) {

        private static final Path CDS = OUT.resolve("cds");
        private static final List<String> EVALUATE = List.of("evaluate", "samples", "--period", "2023-09");

        static ColdStart measure(int runs) throws IOException, InterruptedException {
            Path jar = Path.of("target", "ducha.jar");
            if (!Files.isRegularFile(jar)) {
                return new ColdStart(List.of(), List.of());
            }
            List<Double> plain = time(runs, command(List.of("-jar", jar.toString())));
            run(command(List.of("-Djarmode=tools", "-jar", jar.toString(), "extract", "--force", "--destination",
                    CDS.toString())));
            Path archive = CDS.resolve("ducha.jsa");
            Path loaded = CDS.resolve("classes.lst");
            Files.deleteIfExists(archive);
            String extracted = CDS.resolve("ducha.jar").toString();
            run(command(List.of("-XX:DumpLoadedClassList=" + loaded, "-jar", extracted)));
            Path classes = CDS.resolve("classes-without-lambdas.lst");
            Files.write(classes, Files.readAllLines(loaded).stream().filter(l -> !l.startsWith("@lambda")).toList());
            run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:dump",
                    "-XX:SharedClassListFile=" + classes, "-XX:SharedArchiveFile=" + archive, "-jar", extracted));
            return new ColdStart(plain, time(runs, command(List.of("-XX:SharedArchiveFile=" + archive, "-jar",
                    extracted))));
        }

        /** {@code java ARGS evaluate samples --period 2023-09}, with this JVM's java. */
        private static List<String> command(List<String> args) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(args);
            if (!args.contains("extract")) {
                command.addAll(EVALUATE);
            }
            return command;
        }

        private static List<Double> time(int runs, List<String> command) throws IOException, InterruptedException {
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i <= runs; i++) {
                double s = run(command);
                if (i > 0) {
                    seconds.add(s);
                }
            }
            return seconds;
        }

        static double run(List<String> command) throws IOException, InterruptedException {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int status = p.waitFor();
            if (status != 0) {
                throw new IllegalStateException("exit status " + status + ": " + String.join(" ", command));
            }
            return (System.nanoTime() - start) / 1e9;
        }

        static Statistics statistics(List<Double> seconds) {
            ListStatistics list = new ListStatistics();
            seconds.forEach(list::addValue);
            return list;
        }
    }

    /**
     * A national month from the command line (issue 12): the project's rules with the national registry of W2, and
     * the W2 sheets of 2023-05 and 2023-06 written as JSON files; then, alternately, {@code java -jar
     * target/ducha.jar catalogue} (a cold start that loads the same rules and judges nothing) and {@code java -Xmx1g
     * -jar target/ducha.jar evaluate SHEETS --period 2023-06 --format json}, output discarded. One of each first,
     * not counted.
     */
    record NationalMonth(int sheets, List<Double> catalogue, List<Double> evaluate) {

        private static final Path DIR = OUT.resolve("national");
        private static final YearMonth PERIOD = YearMonth.of(2023, 6);

        static NationalMonth measure(int runs) throws IOException, InterruptedException {
            Path jar = Path.of("target", "ducha.jar");
            if (!Files.isRegularFile(jar)) {
                return new NationalMonth(0, List.of(), List.of());
            }
            Path rules = DIR.resolve("rules");
            Path sheets = DIR.resolve("sheets");
            deleteTree(DIR);
            copyTree(Path.of("rules"), rules);
            Workloads.nationalRegistry(rules.resolve(Catalogue.DIRECTORY));
            Catalogue catalogue = Catalogue.load(rules);
            Workloads.Period month = Workloads.w2(catalogue).periods().stream()
                    .filter(p -> p.period().equals(PERIOD)).findFirst().orElseThrow();
            JsonMapper json = JsonMapper.builder().build();
            for (FactSheet sheet : month.sheets()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("unit", sheet.unit().id());
                out.put("period", sheet.period().toString());
                out.put("submittedBy", sheet.submittedBy());
                out.put("facts", sheet.facts());
                Map<String, Object> progress = new LinkedHashMap<>();
                sheet.progress().forEach((task, p) -> progress.put(task, Map.of("status", p.status().name())));
                out.put("progress", progress);
                Path file = sheets.resolve(sheet.period().toString()).resolve(sheet.unit().id() + ".json");
                Files.createDirectories(file.getParent());
                json.writeValue(file.toFile(), out);
            }
            List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> cataloguing = concat(java, List.of("-jar", jar.toString(), "catalogue", "--rules",
                    rules.toString()));
            List<String> evaluating = concat(java, List.of("-Xmx1g", "-jar", jar.toString(), "evaluate",
                    sheets.toString(), "--period", PERIOD.toString(), "--rules", rules.toString(), "--format",
                    "json"));
            List<Double> c = new ArrayList<>();
            List<Double> e = new ArrayList<>();
            for (int i = 0; i <= runs; i++) {
                double cs = ColdStart.run(cataloguing);
                double es = ColdStart.run(evaluating);
                if (i > 0) {
                    c.add(cs);
                    e.add(es);
                }
            }
            return new NationalMonth(month.sheets().size(), c, e);
        }

        /** The row of the table, or nothing when the jar was not built. */
        String row() {
            if (evaluate.isEmpty()) {
                return "";
            }
            Statistics e = ColdStart.statistics(evaluate);
            Statistics c = ColdStart.statistics(catalogue);
            return ("| national month from the command line: evaluate --format json, -Xmx1g, %,d sheets (s, %d runs) "
                    + "against a cold catalogue on the same rules | %s ± %s | %s ± %s (catalogue) | %s× | ≤ 2× |\n")
                    .formatted(sheets, e.getN(), fixed(e.getMean(), 2), fixed(e.getStandardDeviation(), 2),
                            fixed(c.getMean(), 2), fixed(c.getStandardDeviation(), 2),
                            fixed(e.getMean() / c.getMean(), 1));
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }

        private static void copyTree(Path from, Path to) throws IOException {
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        }

        private static void deleteTree(Path dir) throws IOException {
            if (!Files.exists(dir)) {
                return;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The table of BENCHMARKS.md. */
    private record Summary(Map<String, RunResult> results, ColdStart cold, NationalMonth national, List<Long> heap,
                           Sheets sheets) {

        String table() {
            StringBuilder t = new StringBuilder();
            t.append("| figure | Drools | reference | Drools / reference | goal |\n");
            t.append("|---|---|---|---|---|\n");
            row(t, "rules built, cold, as shipped (ms, one shot per fork)", score("RulesBuildBenchmark.drools"),
                    score("RulesBuildBenchmark.reference"), "≤ 2000 ms");
            row(t, "rules built, cold, compiled from the files (ms, one shot per fork)",
                    score("RulesBuildBenchmark.droolsCompiled"), score("RulesBuildBenchmark.reference"), "");
            RunResult sheetDrools = results.get("SheetBenchmark.drools");
            RunResult sheetReference = results.get("SheetBenchmark.reference");
            if (sheetDrools != null && sheetReference != null) {
                Statistics d = sheetDrools.getPrimaryResult().getStatistics();
                Statistics r = sheetReference.getPrimaryResult().getStatistics();
                row(t, "one sheet judged, p50 (µs)", d.getPercentile(50), r.getPercentile(50), "≤ 8× (stretch 5×)");
                row(t, "one sheet judged, p99 (µs)", d.getPercentile(99), r.getPercentile(99), "≤ 5 × p50");
                t.append("| one sheet judged, p99 / p50 | %s | %s | | ≤ 5 |\n".formatted(
                        fixed(d.getPercentile(99) / d.getPercentile(50), 1),
                        fixed(r.getPercentile(99) / r.getPercentile(50), 1)));
                row(t, "one sheet judged, allocation (KiB)", alloc(sheetDrools, 1024), alloc(sheetReference, 1024), "");
            }
            for (String w : List.of("W1", "W2", "W3")) {
                for (String threads : List.of("OneThread", "AllCores")) {
                    String label = "%s judged, %s (ms)".formatted(w, threads.equals("OneThread") ? "one thread"
                            : "all cores (" + Runtime.getRuntime().availableProcessors() + ")");
                    row(t, label, score("WorkloadBenchmark.drools" + threads + ":" + w),
                            score("WorkloadBenchmark.reference" + threads + ":" + w),
                            "≤ 5×");
                }
            }
            for (String w : List.of("W1", "W2", "W3")) {
                Figure d = score("WorkloadBenchmark.droolsAllCores:" + w);
                Figure r = score("WorkloadBenchmark.referenceAllCores:" + w);
                int n = sheets.of(w);
                row(t, "%s per sheet, all cores (µs; %,d sheets)".formatted(w, n), perSheet(d, n), perSheet(r, n),
                        "");
            }
            for (String w : List.of("W1", "W2", "W3")) {
                int n = sheets.of(w);
                row(t, "%s allocation per sheet (KiB)".formatted(w),
                        alloc(results.get("WorkloadBenchmark.droolsOneThread:" + w), 1024.0 * n),
                        alloc(results.get("WorkloadBenchmark.referenceOneThread:" + w), 1024.0 * n), "≤ 5×");
            }
            coldStart(t, "java -jar target/ducha.jar", cold.plain());
            coldStart(t, "AppCDS, extracted jar", cold.cds());
            t.append(national.row());
            if (!heap.isEmpty()) {
                List<String> mib = heap.stream().map(b -> fixed(b / 1048576.0, 0)).toList();
                double growth = (heap.get(heap.size() - 1) - heap.get(0)) / 1048576.0;
                t.append("| heap after each of %d W3 runs by the rules on all cores, after full GC (MiB) | %s (last − first: %s MiB) | | | flat over 10 W3 runs |\n"
                        .formatted(heap.size(), String.join(", ", mib), fixed(growth, 0)));
            }
            return t.toString();
        }

        private static void coldStart(StringBuilder t, String how, List<Double> seconds) {
            if (!seconds.isEmpty()) {
                Statistics s = ColdStart.statistics(seconds);
                t.append("| command line, cold start to first verdict, %s (s, %d runs; min %s) | %s ± %s | | | ≤ 3 s |\n"
                        .formatted(how, s.getN(), fixed(s.getMin(), 2), fixed(s.getMean(), 2),
                                fixed(s.getStandardDeviation(), 2)));
            }
        }

        private Figure score(String key) {
            RunResult r = results.get(key);
            if (r == null) {
                return null;
            }
            Result<?> p = r.getPrimaryResult();
            return new Figure(p.getScore(), p.getStatistics().getN() > 1 ? p.getScoreError() : Double.NaN);
        }

        private static Figure perSheet(Figure f, int sheets) {
            return f == null ? null : new Figure(f.value() * 1000 / sheets, f.error() * 1000 / sheets);
        }

        private static Figure alloc(RunResult r, double divisor) {
            if (r == null) {
                return null;
            }
            for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    Result<?> a = e.getValue();
                    return new Figure(a.getScore() / divisor,
                            a.getStatistics().getN() > 1 ? a.getScoreError() / divisor : Double.NaN);
                }
            }
            return null;
        }

        private static void row(StringBuilder t, String label, Figure drools, Figure reference, String goal) {
            String ratio = drools == null || reference == null || reference.value() == 0 ? ""
                    : fixed(drools.value() / reference.value(), 1) + "×";
            t.append("| %s | %s | %s | %s | %s |\n".formatted(label, show(drools), show(reference), ratio, goal));
        }

        private static void row(StringBuilder t, String label, double drools, double reference, String goal) {
            row(t, label, new Figure(drools, Double.NaN), new Figure(reference, Double.NaN), goal);
        }

        private static String show(Figure f) {
            if (f == null) {
                return "–";
            }
            int digits = f.value() >= 100 ? 0 : f.value() >= 10 ? 1 : 2;
            return Double.isNaN(f.error()) ? fixed(f.value(), digits)
                    : fixed(f.value(), digits) + " ± " + fixed(f.error(), digits);
        }
    }

    private record Figure(double value, double error) {
    }

    private static String fixed(double value, int digits) {
        return String.format(Locale.ROOT, "%,." + digits + "f", value);
    }
}
