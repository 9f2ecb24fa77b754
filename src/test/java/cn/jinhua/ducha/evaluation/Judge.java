package cn.jinhua.ducha.evaluation;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.Progress;
import cn.jinhua.ducha.factsheet.ProgressStatus;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.rulebook.Rulebook;

/** Test support: the project's rules, compiled once, and sheets written in a line. */
final class Judge {

    private static Rulebook rulebook;

    private Judge() {
    }

    static synchronized Rulebook rulebook() {
        if (rulebook == null) {
            rulebook = Rulebook.load(Path.of("rules"));
        }
        return rulebook;
    }

    /** Judges {@code period} from the given sheets (of any periods). */
    static Evaluation evaluate(String period, FactSheet... sheets) {
        return new Evaluator(rulebook()).evaluate(new SheetBatch(List.of(sheets), List.of()), YearMonth.parse(period));
    }

    /**
     * A sheet; {@code entries} alternate metric key and value: a String number (exact), a Boolean, or for
     * {@code progress.Txx} a status name.
     */
    static FactSheet sheet(String unit, String period, Object... entries) {
        Map<String, Object> facts = new LinkedHashMap<>();
        Map<String, Progress> progress = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            String metric = (String) entries[i];
            Object value = entries[i + 1];
            if (metric.startsWith("progress.")) {
                progress.put(metric.substring("progress.".length()),
                        new Progress(ProgressStatus.valueOf((String) value), null));
            } else {
                facts.put(metric, value instanceof String s ? new BigDecimal(s) : value);
            }
        }
        return new FactSheet(unit + "-" + period + ".json", rulebook().catalogue().unit(unit).orElseThrow(),
                YearMonth.parse(period), null, facts, progress);
    }

    /** The one verdict for (unit, commitment), or null when none was called for. */
    static Verdict verdict(Evaluation evaluation, String unit, String commitment) {
        List<Verdict> found = evaluation.verdicts().stream()
                .filter(v -> v.unit().id().equals(unit) && v.commitment().id().equals(commitment))
                .toList();
        if (found.size() > 1) {
            throw new AssertionError("more than one verdict for " + unit + " " + commitment);
        }
        return found.isEmpty() ? null : found.get(0);
    }

    static Status status(Evaluation evaluation, String unit, String commitment) {
        Verdict v = verdict(evaluation, unit, commitment);
        return v == null ? null : v.status();
    }

    /** The alerts as "unit commitment LEVEL" strings, commitment "-" for DATA. */
    static List<String> alerts(Evaluation evaluation) {
        return evaluation.alerts().stream()
                .map(a -> a.unit().id() + " " + (a.commitment() == null ? "-" : a.commitment().id()) + " " + a.level())
                .toList();
    }
}
