package cn.jinhua.ducha.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import cn.jinhua.ducha.bench.Workloads.Period;
import cn.jinhua.ducha.bench.Workloads.Workload;
import cn.jinhua.ducha.evaluation.Evaluator;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.reference.ReferenceEvaluator;
import cn.jinhua.ducha.rulebook.Rulebook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A workload judged end to end: every period of it, each from its own sheets and the month before's, as the monthly
 * runs would. One operation is the whole workload; "one thread" judges the periods in turn, "all cores" spreads
 * them over a pool as large as the machine (periods are independent; an evaluator is thread-safe).
 *
 * <p>After every iteration, warm-up included, the heap in use after a full collection is appended to
 * {@code target/benchmarks/heap-<benchmark>-<workload>.txt}: ten W3 runs on all cores give the heap check.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class WorkloadBenchmark {

    static final Path HEAP_DIR = Path.of("target", "benchmarks");

    @Param({"W1", "W2", "W3"})
    public String workload;

    private Workload sheets;
    private Evaluator drools;
    private ReferenceEvaluator reference;
    private ForkJoinPool pool;
    private Path heapLog;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException {
        Path rules = Path.of("rules");
        Rulebook rulebook = workload.equals("W1") ? Rulebook.load(rules)
                : Rulebook.load(rules, Workloads.nationalRegistry());
        sheets = switch (workload) {
            case "W1" -> Workloads.w1(rulebook.catalogue());
            case "W2" -> Workloads.w2(rulebook.catalogue());
            case "W3" -> Workloads.w3(rulebook.catalogue());
            default -> throw new IllegalArgumentException("no workload " + workload);
        };
        drools = new Evaluator(rulebook);
        reference = new ReferenceEvaluator(rulebook.catalogue());
        pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        Files.createDirectories(HEAP_DIR);
        heapLog = HEAP_DIR.resolve("heap-" + method + "-" + workload + ".txt");
        Files.deleteIfExists(heapLog);
    }

    @TearDown(Level.Iteration)
    public void recordHeap() {
        System.gc();
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        try {
            Files.writeString(heapLog, used + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
    }

    @Benchmark
    public int droolsOneThread() {
        int verdicts = 0;
        for (Period p : sheets.periods()) {
            verdicts += judge(p);
        }
        return verdicts;
    }

    @Benchmark
    public int droolsAllCores() {
        return pool.submit(() -> sheets.periods().parallelStream().mapToInt(this::judge).sum()).join();
    }

    @Benchmark
    public int referenceOneThread() {
        int verdicts = 0;
        for (Period p : sheets.periods()) {
            verdicts += judgeByReference(p);
        }
        return verdicts;
    }

    @Benchmark
    public int referenceAllCores() {
        return pool.submit(() -> sheets.periods().parallelStream().mapToInt(this::judgeByReference).sum()).join();
    }

    private int judge(Period p) {
        return drools.evaluate(new SheetBatch(p.sheets(), List.of()), p.period()).verdicts().size();
    }

    private int judgeByReference(Period p) {
        return reference.evaluate(p.sheets(), p.period()).verdicts().size();
    }
}
