package cn.jinhua.ducha.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Evaluator;
import cn.jinhua.ducha.evaluation.Explanations;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.rulebook.Rulebook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ducha evaluate FOLDER --period YYYY-MM [--format table|json]} (contract.md, "The command"). */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "评判某月的报表 / judges the sheets under FOLDER for one period.")
final class EvaluateCommand implements Callable<Integer> {

    enum Format { table, json }

    @ParentCommand
    Ducha ducha;

    @Parameters(paramLabel = "FOLDER", description = "报表目录(递归读取 .json) / folder of fact sheets, read recursively")
    Path folder;

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "评判月份 / the period judged")
    String period;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
            description = "输出格式 / output: table (default) or json")
    Format format;

    @Override
    public Integer call() {
        YearMonth judged = period(period);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("报表目录不存在 / no such folder: " + folder);
        }
        Rulebook rulebook = ducha.rulebook();
        SheetBatch batch = new SheetReader(rulebook.catalogue()).readFolder(folder);
        Evaluation evaluation = new Evaluator(rulebook).evaluate(batch, judged);
        Explanations explanations = new Explanations(rulebook.catalogue());
        if (format == Format.json) {
            ducha.out.println(JsonReport.JSON.writeValueAsString(JsonReport.evaluation(evaluation, explanations)));
        } else {
            new TableReport(rulebook.catalogue(), explanations, Ducha.colour()).print(evaluation, ducha.out);
        }
        return evaluation.rejected().isEmpty() ? 0 : Ducha.REJECTED;
    }

    static YearMonth period(String text) {
        try {
            if (text.matches("\\d{4}-\\d{2}")) {
                return YearMonth.parse(text);
            }
        } catch (DateTimeParseException e) {
            // falls through
        }
        throw new IllegalArgumentException("--period: \"%s\" 不是 YYYY-MM 格式的月份 / is not a month written YYYY-MM"
                .formatted(text));
    }
}
