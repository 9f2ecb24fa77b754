package cn.jinhua.ducha.cli;

import java.util.concurrent.Callable;

import cn.jinhua.ducha.store.Runs;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/**
 * {@code ducha explain RUN UNIT COMMITMENT}: the verdict, its explanation, the rule's text with the seed's words,
 * and the facts it matched, as the engine recorded them.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "解释一条结论 / shows a verdict of a run, its rule, source words and the facts it matched.")
final class ExplainCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Parameters(index = "0", paramLabel = "RUN", description = "运行编号 / the run's id")
    long run;

    @Parameters(index = "1", paramLabel = "UNIT", description = "单位 id / the unit's id, e.g. yiwu")
    String unit;

    @Parameters(index = "2", paramLabel = "COMMITMENT", description = "承诺编号 / the commitment's id, e.g. T05.1")
    String commitment;

    @Override
    public Integer call() {
        try (Store store = ducha.openStore()) {
            Runs runs = store.runs();
            Runs.Run r = runs.find(run).orElseThrow(() -> new StoreException(
                    "没有运行 %d / there is no run %d".formatted(run, run)));
            Runs.StoredVerdict v = runs.verdicts(run).stream()
                    .filter(x -> x.unit().equals(unit) && x.commitment().equals(commitment)).findFirst()
                    .orElseThrow(() -> new StoreException("运行 %d 中没有 %s %s 的结论 / run %d has no verdict for %s %s"
                            .formatted(run, unit, commitment, run, unit, commitment)));
            ducha.out.printf("运行 run %d · %s · 规则集 ruleset %s%n%n", r.id(), r.period(), r.ruleset());
            ducha.out.printf("结论 verdict: %s %s  %s (%s)  值 value %s  目标 target %s  序时进度 expected %s%n",
                    v.unit(), v.commitment(), v.status(), v.light(), v.value(), v.target(), v.expected());
            ducha.out.println("说明 explanation: " + v.explanation());
            if (v.explanationEn() != null) {
                ducha.out.println("                  " + v.explanationEn());
            }
            ducha.out.println();
            ducha.out.println("规则 rule: " + v.rule());
            ducha.out.println(runs.ruleText(r.ruleset(), v.rule()).map(t -> t.indent(2))
                    .orElse("  (规则文本未找到 / rule text not found)"));
            ducha.out.println("匹配的事实 facts matched (as the engine recorded them):");
            print(JsonReport.JSON.readTree(v.trace()), "  ");
        }
        return 0;
    }

    private void print(JsonNode trace, String indent) {
        if (trace == null || trace.isNull()) {
            return;
        }
        ducha.out.println(indent + "← " + trace.get("rule").asString());
        for (JsonNode fact : trace.get("matched")) {
            StringBuilder line = new StringBuilder(indent + "  " + fact.get("type").asString() + " ");
            JsonNode fields = fact.get("fields");
            if (fields.has("items")) {
                line.append("[").append(fields.get("items").size()).append(" items]");
                ducha.out.println(line);
                for (JsonNode item : fields.get("items")) {
                    ducha.out.println(indent + "    " + item.get("type").asString() + " " + item.get("fields"));
                }
                continue;
            }
            line.append(fields);
            ducha.out.println(line);
            print(fact.get("derivedBy"), indent + "    ");
        }
    }
}
