package cn.jinhua.ducha.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import cn.jinhua.ducha.store.Runs;
import cn.jinhua.ducha.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code ducha runs}: the recorded runs, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "列出评判运行 / lists the recorded runs.")
final class RunsCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() {
        try (Store store = ducha.openStore()) {
            Runs runs = store.runs();
            if (output.json()) {
                ArrayNode list = JsonReport.JSON.createArrayNode();
                for (Runs.Run r : runs.list()) {
                    ObjectNode node = list.addObject();
                    node.put("run", r.id());
                    node.put("period", r.period().toString());
                    node.put("ruleset", r.ruleset());
                    node.put("startedBy", r.startedBy());
                    node.put("recordedAt", r.recordedAt().toString());
                    ObjectNode counts = node.putObject("counts");
                    runs.counts(r.id()).forEach(counts::put);
                }
                ducha.out.println(JsonReport.JSON.writeValueAsString(list));
                return 0;
            }
            ducha.out.println(TableReport.pad("运行 run", 10) + TableReport.pad("月份 period", 12)
                    + TableReport.pad("记录时间 recorded (UTC)", 25) + TableReport.pad("操作人 by", 15)
                    + TableReport.pad("规则集 ruleset", 22) + "   绿   黄   红   灰  预警 alerts");
            for (Runs.Run r : runs.list()) {
                Map<String, Integer> c = runs.counts(r.id());
                ducha.out.println(TableReport.pad(Long.toString(r.id()), 10) + TableReport.pad(r.period().toString(), 12)
                        + TableReport.pad(r.recordedAt().toString().replace('T', ' ').replace("Z", ""), 25)
                        + TableReport.pad(r.startedBy(), 15)
                        + TableReport.pad(r.ruleset().substring(0, Math.min(r.ruleset().length(), 19)) + "…", 22)
                        + String.format(" %4d %4d %4d %4d  %4d", c.getOrDefault("GREEN", 0), c.getOrDefault("YELLOW", 0),
                        c.getOrDefault("RED", 0), c.getOrDefault("GREY", 0), c.getOrDefault("ALERTS", 0)));
            }
        }
        return 0;
    }
}
