package cn.jinhua.ducha.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.reference.ReferenceEvaluator;
import cn.jinhua.ducha.rulebook.Rulebook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building the rules from rules/ in a fresh JVM, as the command line does on every start: one shot per fork, no
 * warm-up, so that the figure is the cold one; once as shipped (compiled with the build) and once compiled from the
 * files, as rules of one's own are. The reference's counterpart is reading the catalogue.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(5)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class RulesBuildBenchmark {

    private static final Path RULES = Path.of("rules");

    /** The shipped rules, as the command line starts: compiled with the build (rulebook.Precompiled). */
    @Benchmark
    public Rulebook drools() {
        return Rulebook.load(RULES);
    }

    /** Rules of one's own (or changed classes): compiled from the files on this start. */
    @Benchmark
    public Rulebook droolsCompiled() {
        return Rulebook.compile(RULES);
    }

    @Benchmark
    public ReferenceEvaluator reference() {
        return new ReferenceEvaluator(Catalogue.load(RULES));
    }
}
