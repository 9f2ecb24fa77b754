package cn.jinhua.ducha.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import cn.jinhua.ducha.evaluation.Alert;
import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Evaluator;
import cn.jinhua.ducha.evaluation.Verdict;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.rulebook.Rulebook;

/**
 * Writes every verdict and alert the rules give on a benchmark workload, one line each in output order, so that two
 * versions of the engine can be compared line by line on the same seeded sheets (issue 12: "verdicts identical to
 * before, compared, not counted").
 *
 * <p>usage: {@code WorkloadVerdicts RULES_DIR OUT_DIR W1 [W2 W3]}: writes {@code OUT_DIR/W1.txt} and so on.
 */
public final class WorkloadVerdicts {

    private WorkloadVerdicts() {
    }

    public static void main(String[] args) throws IOException {
        Path rules = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        for (String name : List.of(args).subList(2, args.length)) {
            Rulebook rulebook = name.equals("W1") ? Rulebook.load(rules)
                    : Rulebook.load(rules, Workloads.nationalRegistry());
            Workloads.Workload workload = switch (name) {
                case "W1" -> Workloads.w1(rulebook.catalogue());
                case "W2" -> Workloads.w2(rulebook.catalogue());
                case "W3" -> Workloads.w3(rulebook.catalogue());
                default -> throw new IllegalArgumentException("no workload " + name);
            };
            Evaluator evaluator = new Evaluator(rulebook);
            try (BufferedWriter w = Files.newBufferedWriter(out.resolve(name + ".txt"), StandardCharsets.UTF_8)) {
                for (Workloads.Period p : workload.periods()) {
                    Evaluation e = evaluator.evaluate(new SheetBatch(p.sheets(), List.of()), p.period());
                    for (Verdict v : e.verdicts()) {
                        w.write(String.join("\t", p.period().toString(), v.unit().id(), v.commitment().id(),
                                v.status().name(), plain(v.value()), plain(v.target()), plain(v.expected()),
                                String.valueOf(v.missingUnits()), v.rule()));
                        w.newLine();
                    }
                    for (Alert a : e.alerts()) {
                        w.write(String.join("\t", p.period().toString(), "ALERT", a.unit().id(),
                                a.commitment() == null ? "-" : a.commitment().id(), a.level().name(),
                                String.valueOf(a.escalated()),
                                a.missing().stream().map(c -> c.id()).toList().toString()));
                        w.newLine();
                    }
                }
            }
        }
    }

    private static String plain(Object value) {
        return value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(value);
    }
}
