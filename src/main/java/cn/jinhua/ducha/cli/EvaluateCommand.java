package cn.jinhua.ducha.cli;

import java.io.BufferedOutputStream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Evaluator;
import cn.jinhua.ducha.evaluation.Explanations;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.rulebook.Rulebook;
import cn.jinhua.ducha.store.Judgements;
import cn.jinhua.ducha.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ducha evaluate [FOLDER] --period YYYY-MM [--format table|json]} (contract.md, "The command"). Without
 * FOLDER it judges the latest revisions in the store and records the run.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "评判某月的报表 / judges the sheets under FOLDER for one period; without FOLDER, the stored "
                + "sheets, recording a run.")
final class EvaluateCommand implements Callable<Integer> {

    enum Format { table, json }

    @ParentCommand
    Ducha ducha;

    @Parameters(paramLabel = "FOLDER", arity = "0..1",
            description = "报表目录(递归读取 .json、.csv、.xlsx) / folder of fact sheets (.json, .csv, .xlsx), read "
                    + "recursively; none: the store")
    Path folder;

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "评判月份 / the period judged")
    String period;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
            description = "输出格式 / output: table (default) or json")
    Format format;

    @Option(names = "--english", description = "JSON 中另附英文说明 / with json: each explanation and alert message "
            + "in English too (explanationEn, messageEn), beside the contract's Chinese")
    boolean english;

    @Override
    public Integer call() {
        YearMonth judged = period(period);
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("报表目录不存在 / no such folder: " + folder);
        }
        Evaluation evaluation;
        Long run = null;
        Rulebook rulebook;
        if (folder != null) {
            YearMonth current = YearMonth.now(Clock.systemUTC());
            if (judged.isAfter(current)) {
                throw new IllegalArgumentException(("--period: %s 晚于本月 %s，尚无可评判 / is after the current month "
                        + "%s: no evaluation is made of a month that has not come").formatted(judged, current, current));
            }
            // The rules are built on one core from the start while the catalogue is read on the other, then the
            // sheets against it (a national month is thousands); the rules take that catalogue, and once built,
            // their core reads sheets too.
            ExecutorService compiler = Executors.newSingleThreadExecutor();
            try {
                CompletableFuture<Catalogue> catalogue = new CompletableFuture<>();
                CompletableFuture<SheetReader.Reading> listed = new CompletableFuture<>();
                Future<Rulebook> building = compiler.submit(() -> {
                    Rulebook built = ducha.rulebook(catalogue::join);
                    SheetReader.Reading sharing = listed.join();
                    if (sharing != null) {
                        sharing.help();
                    }
                    return built;
                });
                SheetReader.Reading reading = null;
                try {
                    Catalogue read = null;
                    try {
                        read = Catalogue.load(ducha.rules());
                    } catch (RuntimeException e) {
                        // the rule book reads it again and reports it with the rules' own problems
                    } finally {
                        catalogue.complete(read);
                    }
                    reading = read == null ? null : new SheetReader(read).reading(folder);
                } finally {
                    listed.complete(reading);
                }
                if (reading != null) {
                    reading.help();
                }
                rulebook = built(building);
                evaluation = new Evaluator(rulebook, true).evaluate(reading == null
                        ? new SheetReader(rulebook.catalogue()).readFolder(folder) : reading.batch(), judged);
            } finally {
                compiler.shutdown();
            }
        } else {
            rulebook = ducha.rulebook();
            try (Store store = ducha.openStore()) {
                Judgements.Recorded recorded = ducha.supervision(store).evaluate(rulebook, judged, ducha.actor());
                evaluation = recorded.evaluation();
                run = recorded.run();
            }
        }
        Explanations explanations = new Explanations(rulebook.catalogue());
        if (format == Format.json) {
            // buffered: standard output flushes on every write, and a national month is tens of megabytes
            BufferedOutputStream out = new BufferedOutputStream(ducha.out, 1 << 16);
            JsonReport.evaluation(evaluation, explanations, run, english, out);
            ducha.out.println();
        } else {
            new TableReport(rulebook.catalogue(), explanations, Ducha.colour()).print(evaluation, ducha.out);
            if (run != null) {
                ducha.out.printf("%n已记录为运行 %d / recorded as run %d%n", run, run);
            }
        }
        return evaluation.rejected().isEmpty() ? 0 : Ducha.REJECTED;
    }

    private static Rulebook built(Future<Rulebook> building) {
        try {
            return building.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static YearMonth period(String text) {
        return period("--period", text);
    }

    /** A month written YYYY-MM, or an error naming {@code option}. */
    static YearMonth period(String option, String text) {
        try {
            if (text.matches("\\d{4}-\\d{2}")) {
                return YearMonth.parse(text);
            }
        } catch (DateTimeParseException e) {
            // falls through
        }
        throw new IllegalArgumentException("%s: \"%s\" 不是 YYYY-MM 格式的月份 / is not a month written YYYY-MM"
                .formatted(option, text));
    }
}
