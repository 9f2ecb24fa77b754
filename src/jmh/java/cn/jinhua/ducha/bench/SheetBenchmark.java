package cn.jinhua.ducha.bench;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.TimeUnit;

import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Evaluator;
import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.reference.ReferenceEvaluation;
import cn.jinhua.ducha.reference.ReferenceEvaluator;
import cn.jinhua.ducha.rulebook.Rulebook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One sheet judged, warm: a batch holding 义乌市's full sheet for 2023-09 alone, judged against the real registry
 * (the other units get NO_DATA and DATA alerts, as they would). Sampled, for the median and the 99th percentile.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class SheetBenchmark {

    static final YearMonth PERIOD = YearMonth.of(2023, 9);

    private Evaluator drools;
    private ReferenceEvaluator reference;
    private SheetBatch batch;
    private List<FactSheet> sheets;

    @Setup
    public void setUp() {
        Rulebook rulebook = Rulebook.load(Path.of("rules"));
        drools = new Evaluator(rulebook);
        reference = new ReferenceEvaluator(rulebook.catalogue());
        sheets = List.of(Workloads.sheet(rulebook.catalogue(), "yiwu", PERIOD));
        batch = new SheetBatch(sheets, List.of());
    }

    @Benchmark
    public Evaluation drools() {
        return drools.evaluate(batch, PERIOD);
    }

    @Benchmark
    public ReferenceEvaluation reference() {
        return reference.evaluate(sheets, PERIOD);
    }
}
