package cn.jinhua.ducha.cli;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import cn.jinhua.ducha.factsheet.Rejection;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.rulebook.Rulebook;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.whatif.HypothesisRefused;
import cn.jinhua.ducha.whatif.WhatIf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/**
 * {@code ducha whatif [FOLDER] --period P --set UNIT:METRIC=VALUE ... [--sheet FILE ...]}: what would change in the
 * period's verdicts and alerts, judged from the store (or FOLDER) with the values or sheets supposed. Stores nothing.
 */
@Command(name = "whatif", mixinStandardHelpOptions = true,
        description = "假设推演（未存储）/ what-if: which verdicts and alerts of a period would change with the values "
                + "or sheets supposed, judged from the store (or FOLDER) by the same rules; nothing is stored.")
final class WhatIfCommand implements Callable<Integer> {

    static final String HEADER = "假设推演（未存储）/ what-if (hypothetical, nothing stored)";

    @ParentCommand
    Ducha ducha;

    @Parameters(paramLabel = "FOLDER", arity = "0..1",
            description = "报表目录，代替库中报表 / folder of fact sheets to judge instead of the store")
    Path folder;

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "评判月份 / the period judged")
    String period;

    @Option(names = "--set", paramLabel = "UNIT:METRIC=VALUE",
            description = "假设某单位某指标的值，可重复 / a value supposed on a unit's sheet of the period (repeatable), "
                    + "e.g. yiwu:tongban.cross_province_items_optimized=150, pujiang:progress.T05=DONE")
    List<String> set = new ArrayList<>();

    @Option(names = "--sheet", paramLabel = "FILE",
            description = "假设的整张报表(.json/.csv/.xlsx)，代替同单位同月份的报表，可重复 / a whole sheet supposed in "
                    + "place of its unit's sheet of its period (repeatable)")
    List<Path> sheets = new ArrayList<>();

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
            description = "输出格式 / output: table (default) or json")
    EvaluateCommand.Format format;

    @Override
    public Integer call() {
        YearMonth judged = EvaluateCommand.period(period);
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("报表目录不存在 / no such folder: " + folder);
        }
        if (set.isEmpty() && sheets.isEmpty()) {
            throw new IllegalArgumentException("--set 或 --sheet 至少给出一个 / give at least one --set or --sheet");
        }
        Map<String, Map<String, JsonNode>> values = values(set);
        Rulebook rulebook = ducha.rulebook();
        SheetReader reader = new SheetReader(rulebook.catalogue());
        List<SheetReader.Result> supposed = new ArrayList<>();
        for (Path sheet : sheets) {
            if (!Files.isRegularFile(sheet)) {
                throw new IllegalArgumentException("--sheet: 文件不存在 / no such file: " + sheet);
            }
            supposed.add(reader.read(sheet));
        }
        WhatIf whatIf = new WhatIf(rulebook);
        WhatIf.Report report;
        try {
            if (folder != null) {
                report = whatIf.judge(reader.readFolder(folder), judged, List.of(), values, supposed);
            } else {
                try (Store store = ducha.openStore()) {
                    report = whatIf.onStore(store, judged, values, supposed);
                }
            }
        } catch (HypothesisRefused e) {
            ducha.err.println("假设不予接收，未评判 / the hypothesis is refused, nothing judged:");
            for (Rejection r : e.rejections()) {
                r.errors().forEach(error -> ducha.err.println("  " + r.source() + " · " + error));
            }
            return Ducha.FAILED;
        }
        if (format == EvaluateCommand.Format.json) {
            ducha.out.println(JsonReport.JSON.writeValueAsString(report));
        } else {
            print(report);
        }
        return 0;
    }

    /** {@code UNIT:METRIC=VALUE} as unit to metric to the JSON value a sheet would carry ({@link WhatIf#supposed}). */
    static Map<String, Map<String, JsonNode>> values(List<String> settings) {
        Map<String, Map<String, JsonNode>> values = new LinkedHashMap<>();
        for (String s : settings) {
            int colon = s.indexOf(':');
            int equals = s.indexOf('=', colon + 1);
            if (colon <= 0 || equals <= colon + 1) {
                throw new IllegalArgumentException(("--set: \"%s\" 应写作 单位:指标=值 / is not written "
                        + "UNIT:METRIC=VALUE (e.g. yiwu:tongban.cross_province_items_optimized=150)").formatted(s));
            }
            JsonNode value = WhatIf.supposed(s.substring(equals + 1));
            values.computeIfAbsent(s.substring(0, colon).strip(), u -> new LinkedHashMap<>())
                    .put(s.substring(colon + 1, equals).strip(), value);
        }
        return values;
    }

    private void print(WhatIf.Report report) {
        var out = ducha.out;
        out.printf("%s · %s · 规则集 ruleset %s%n%n", HEADER, report.period(), report.ruleset());
        for (WhatIf.Setting s : report.set()) {
            out.printf("假设 supposed  %s %s: %s → %s%n", s.unit(), s.metric(), shown(s.before()), shown(s.after()));
        }
        report.sheets().forEach(s -> out.printf("假设报表 supposed sheet  %s%n", s));
        out.println();
        if (report.verdicts().isEmpty()) {
            out.println("结论无变化 / no verdict would change");
        } else {
            out.printf("结论变化 verdicts that would change (%d)%n", report.verdicts().size());
            for (WhatIf.Change c : report.verdicts()) {
                out.printf("  %s %s %s  %s → %s  值 value %s → %s%n", c.unitName(), c.unit(), c.commitment(),
                        light(c.before()), light(c.after()),
                        c.before() == null ? "—" : shown(c.before().value()),
                        c.after() == null ? "—" : shown(c.after().value()));
                if (c.after() != null) {
                    out.printf("      %s%n", c.after().explanation());
                }
            }
        }
        out.println();
        if (report.alerts().isEmpty()) {
            out.println("预警无变化 / no alert would be raised or cleared");
        } else {
            out.printf("预警变化 alerts that would change (%d)%n", report.alerts().size());
            for (WhatIf.AlertChange a : report.alerts()) {
                out.printf("  %s %s%n", a.change().equals(WhatIf.AlertChange.RAISED) ? "新增 raised " : "解除 cleared",
                        a.message());
            }
        }
        out.println();
        if (report.ranks().isEmpty()) {
            out.println("赛马名次无变化 / no rank would move");
        } else {
            out.printf("赛马名次变化 ranks that would move (%d)%n", report.ranks().size());
            for (WhatIf.RankChange r : report.ranks()) {
                out.printf("  %s %s  第 %s → %s 名 rank  得分 score %s → %s%n", r.unitName(), r.unit(),
                        shown(r.rankBefore()), shown(r.rankAfter()), shown(r.scoreBefore()), shown(r.scoreAfter()));
            }
        }
    }

    private static String light(WhatIf.Side side) {
        if (side == null) {
            return "无评判 none";
        }
        return (side.lightLabel() == null ? "" : side.lightLabel() + " ") + side.status();
    }

    private static String shown(Object value) {
        if (value == null) {
            return "—";
        }
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }
}
