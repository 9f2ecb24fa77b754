package cn.jinhua.ducha.cli;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;

import cn.jinhua.ducha.catalogue.Area;
import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Evaluator;
import cn.jinhua.ducha.evaluation.Status;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.ranking.Mark;
import cn.jinhua.ducha.ranking.Ranking;
import cn.jinhua.ducha.ranking.RankingReport;
import cn.jinhua.ducha.ranking.Rankings;
import cn.jinhua.ducha.rulebook.Rulebook;
import cn.jinhua.ducha.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ducha rank [FOLDER] --period YYYY-MM [--area A] [--format table|json]}: 赛马, the local units ranked by
 * the published score. Without FOLDER it ranks the latest stored run of the period against the latest of the month
 * before, as the dashboard does; with FOLDER it judges both months from the sheets there, recording nothing.
 */
@Command(name = "rank", mixinStandardHelpOptions = true,
        description = "赛马排名 / ranks the ten local units by their score, overall or in one environment, with the "
                + "movement since the month before; without FOLDER, from the period's latest stored run.")
final class RankCommand implements Callable<Integer> {

    private static final List<Status> COUNTED = List.of(Status.MET, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK,
            Status.MISSED, Status.NO_DATA, Status.NOT_APPLICABLE);

    @ParentCommand
    Ducha ducha;

    @Parameters(paramLabel = "FOLDER", arity = "0..1",
            description = "报表目录(递归读取) / folder of fact sheets, read recursively; none: the store's runs")
    Path folder;

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "排名月份 / the period ranked")
    String period;

    @Option(names = "--area", paramLabel = "AREA",
            description = "五大环境之一(GOVERNMENT、LEGAL、MARKET、ECONOMY、CULTURE 或中文名)；缺省为总体 / one of the five "
                    + "environments, by id or Chinese name; default: overall")
    String area;

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() {
        YearMonth ranked = EvaluateCommand.period(period);
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("报表目录不存在 / no such folder: " + folder);
        }
        Rulebook rulebook = ducha.rulebook();
        Rankings rankings = new Rankings(rulebook.catalogue());
        Area environment = null;
        if (area != null) {
            environment = rankings.environment(area)
                    .orElseThrow(() -> new IllegalArgumentException("--area: " + rankings.notAnEnvironment(area)));
        }
        Ranking ranking;
        int status = 0;
        if (folder != null) {
            SheetBatch batch = new SheetReader(rulebook.catalogue()).readFolder(folder);
            Evaluator evaluator = new Evaluator(rulebook);
            Evaluation judged = evaluator.evaluate(batch, ranked);
            ranking = rankings.rank(ranked, environment, null, Mark.of(judged),
                    Mark.of(evaluator.evaluate(batch, ranked.minusMonths(1))));
            if (!judged.rejected().isEmpty()) {
                // ranked all the same, as evaluate judges all the same: a rejected sheet's unit shows its NO_DATA
                TableReport.rejected(judged.rejected(), ducha.err);
                status = Ducha.REJECTED;
            }
        } else {
            try (Store store = ducha.openStore()) {
                ranking = rankings.fromStore(store, ranked, environment).orElseThrow(() -> new IllegalArgumentException(
                        ("%s 尚无评判运行：请先 submit 报表并 evaluate --period %s，或给出报表目录(rank samples --period %s) / "
                                + "no run of %s in the store: submit the sheets and evaluate --period %s first, or "
                                + "rank a folder of sheets (rank samples --period %s)")
                                .formatted(ranked, ranked, ranked, ranked, ranked, ranked)));
            }
        }
        if (output.json()) {
            ducha.out.println(JsonReport.JSON.writeValueAsString(RankingReport.of(ranking)));
        } else {
            print(ranking);
        }
        return status;
    }

    private void print(Ranking ranking) {
        String where = ranking.area() == null ? "总体 overall" : ranking.area().name() + " " + ranking.area().id();
        String source = ranking.run() == null ? "报表目录 folder " + folder : "运行 run " + ranking.run();
        ducha.out.printf("督查 Ducha · %s 赛马排名 / ranking · %s · %s%n", ranking.period(), where, source);
        ducha.out.println(ranking.ranked()
                ? "升降对比 %s 的排名 / movement against %s".formatted(ranking.previous(), ranking.previous())
                : "%s 无排名可比，各单位记为“新” / %s has no ranking: every unit is new"
                        .formatted(ranking.previous(), ranking.previous()));
        ducha.out.println();
        StringBuilder header = new StringBuilder(TableReport.pad("名次 rank", 11) + TableReport.pad("单位 unit", 14)
                + TableReport.pad("得分 score", 12) + TableReport.pad("升降 move", 11));
        COUNTED.forEach(s -> header.append(TableReport.pad(s.label(), 10)));
        header.append("计分项 judged  豁免 waived");
        ducha.out.println(header);
        for (Ranking.Row r : ranking.rows()) {
            StringBuilder row = new StringBuilder(TableReport.pad(r.rank() == null ? "—" : r.rank().toString(), 11)
                    + TableReport.pad(r.unit().name(), 14)
                    + TableReport.pad(r.score() == null ? "—" : r.score().toPlainString(), 12)
                    + TableReport.pad(r.movement().label(), 11));
            COUNTED.forEach(s -> row.append(TableReport.pad(Integer.toString(r.counts().getOrDefault(s, 0)), 10)));
            row.append(TableReport.pad(Integer.toString(r.judged()), 15)).append(r.waived());
            ducha.out.println(row.toString().stripTrailing());
        }
        ducha.out.println();
        StringBuilder points = new StringBuilder();
        for (Status s : COUNTED) {
            if (s != Status.NOT_APPLICABLE) {
                BigDecimal p = ranking.scoring().points(s);
                points.append(points.isEmpty() ? "" : " · ").append(s.label()).append(' ').append(s.name())
                        .append(' ').append(p.stripTrailingZeros().toPlainString());
            }
        }
        ducha.out.println("计分 points: " + points);
        ducha.out.println(RankingReport.FORMULA);
    }
}
