package cn.jinhua.ducha.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Evaluator;
import cn.jinhua.ducha.evaluation.Explanations;
import cn.jinhua.ducha.evaluation.Waiver;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.factsheet.SheetFormat;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.rulebook.Rulebook;

/**
 * Judging what the store holds: a period from the latest revisions (the month before included, for escalation),
 * recorded as a run; a run replayed with its own revisions and its own rules; two runs compared.
 */
public final class Judgements {

    private final Store store;

    public Judgements(Store store) {
        this.store = store;
    }

    /** A recorded run and what it judged. */
    public record Recorded(long run, Evaluation evaluation) {
    }

    /**
     * Judges {@code period} from the latest stored revisions of it, of the month before and of the base periods,
     * and records the run in one transaction.
     */
    public Recorded judge(Rulebook rulebook, YearMonth period, String startedBy) {
        return judge(rulebook, period, startedBy, List.of());
    }

    /** Judges and records as {@link #judge(Rulebook, YearMonth, String)}, with the waivers in force for the period. */
    public Recorded judge(Rulebook rulebook, YearMonth period, String startedBy, List<Waiver> waivers) {
        // the month before (escalation) and the base periods of REACH_BY windows (baselines) are read too
        List<Submissions.Revision> revisions = store.submissions().latest(new Evaluator(rulebook).periodsRead(period));
        Evaluation evaluation = evaluate(rulebook, revisions, period, waivers);
        long run = store.runs().record(evaluation, rulebook, revisions.stream().map(Submissions.Revision::id).toList(),
                startedBy, new Explanations(rulebook.catalogue()));
        return new Recorded(run, evaluation);
    }

    /**
     * The sheets {@link #judge} would judge {@code period} from (the latest stored revisions of it, of the month
     * before and of the base periods), read and nothing recorded: what a what-if starts from.
     */
    public SheetBatch latest(Rulebook rulebook, YearMonth period) {
        return batch(rulebook, store.submissions().latest(new Evaluator(rulebook).periodsRead(period)));
    }

    private static Evaluation evaluate(Rulebook rulebook, List<Submissions.Revision> revisions, YearMonth period,
                                       List<Waiver> waivers) {
        return new Evaluator(rulebook).evaluate(batch(rulebook, revisions), period, waivers);
    }

    private static SheetBatch batch(Rulebook rulebook, List<Submissions.Revision> revisions) {
        SheetReader reader = new SheetReader(rulebook.catalogue());
        // the source names the stored revision, so that traces and rejections point at what the store holds; the
        // bytes are read in the format the name they were received under says, as submit read them
        return reader.batch(revisions.stream()
                .map(r -> reader.read("%s (submission %d)".formatted(r.source(), r.id()), SheetFormat.of(r.source()),
                        r.content()))
                .toList());
    }

    /** One verdict that came out differently. */
    public record Difference(String unit, String commitment, String field, String stored, String now) {
    }

    /** The outcome of a replay: how many verdicts were compared and which differ. */
    public record Replay(long run, int verdicts, List<Difference> differences) {
        public boolean agrees() {
            return differences.isEmpty();
        }
    }

    /**
     * Re-judges a run's own stored revisions with its own stored rules and compares every verdict and alert.
     *
     * @throws StoreException when the run or its ruleset is not stored, or the stored rules no longer hash to it
     */
    public Replay replay(long runId) {
        Runs.Run run = store.runs().find(runId).orElseThrow(() -> noRun(runId));
        Path dir = materialise(store.runs().rulesetFiles(run.ruleset()));
        try {
            Rulebook rulebook = Rulebook.load(dir);
            if (!rulebook.hash().equals(run.ruleset())) {
                throw new StoreException("存储的规则不再对应规则集 %s / the stored rules no longer hash to %s"
                        .formatted(run.ruleset(), run.ruleset()));
            }
            Evaluation again = evaluate(rulebook, store.submissions().byIds(store.runs().revisions(runId)),
                    run.period(), store.runs().waivers(runId));
            Explanations explanations = new Explanations(rulebook.catalogue());
            Map<String, Runs.StoredVerdict> stored = new LinkedHashMap<>();
            store.runs().verdicts(runId).forEach(v -> stored.put(v.unit() + " " + v.commitment(), v));
            List<Difference> differences = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (var v : again.verdicts()) {
                String key = v.unit().id() + " " + v.commitment().id();
                seen.add(key);
                Runs.StoredVerdict s = stored.get(key);
                if (s == null) {
                    differences.add(new Difference(v.unit().id(), v.commitment().id(), "verdict", null,
                            v.status().name()));
                    continue;
                }
                compare(differences, s, "status", s.status(), v.status().name());
                compare(differences, s, "value", s.value(), Canonical.value(v.value()));
                compare(differences, s, "target", s.target(), plain(v.target()));
                compare(differences, s, "expected", s.expected(), plain(v.expected()));
                compare(differences, s, "rule", s.rule(), v.rule());
                compare(differences, s, "explanation", s.explanation(), explanations.explain(v));
            }
            stored.forEach((key, s) -> {
                if (!seen.contains(key)) {
                    differences.add(new Difference(s.unit(), s.commitment(), "verdict", s.status(), null));
                }
            });
            List<String> storedAlerts = store.runs().alerts(runId).stream()
                    .map(a -> a.unit() + " " + a.commitment() + " " + a.level()).sorted().toList();
            List<String> alertsNow = again.alerts().stream()
                    .map(a -> a.unit().id() + " " + (a.commitment() == null ? null : a.commitment().id()) + " "
                            + a.level())
                    .sorted().toList();
            if (!storedAlerts.equals(alertsNow)) {
                differences.add(new Difference("-", "-", "alerts", String.join(", ", storedAlerts),
                        String.join(", ", alertsNow)));
            }
            return new Replay(runId, again.verdicts().size(), differences);
        } finally {
            delete(dir);
        }
    }

    private static void compare(List<Difference> differences, Runs.StoredVerdict s, String field, String stored,
                                String now) {
        if (!Objects.equals(stored, now)) {
            differences.add(new Difference(s.unit(), s.commitment(), field, stored, now));
        }
    }

    /** A verdict whose status differs between two runs, and what changed beneath it. */
    public record Change(String unit, String commitment, String before, String after, boolean factsChanged,
                         boolean rulesChanged) {
    }

    /** Two runs compared: the verdicts whose status changed, and whether facts, rules or both changed. */
    public record Diff(long before, long after, boolean rulesChanged, List<Change> changes) {
    }

    /** Compares two runs verdict by verdict. */
    public Diff diff(long before, long after) {
        Runs.Run a = store.runs().find(before).orElseThrow(() -> noRun(before));
        Runs.Run b = store.runs().find(after).orElseThrow(() -> noRun(after));
        boolean rulesChanged = !a.ruleset().equals(b.ruleset());
        Map<String, String> factsA = factsByUnit(before);
        Map<String, String> factsB = factsByUnit(after);
        Map<String, Runs.StoredVerdict> verdictsA = byKey(store.runs().verdicts(before));
        Map<String, Runs.StoredVerdict> verdictsB = byKey(store.runs().verdicts(after));
        List<Change> changes = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(verdictsA.keySet());
        keys.addAll(verdictsB.keySet());
        for (String key : keys) {
            Runs.StoredVerdict va = verdictsA.get(key);
            Runs.StoredVerdict vb = verdictsB.get(key);
            String sa = va == null ? null : va.status();
            String sb = vb == null ? null : vb.status();
            if (Objects.equals(sa, sb)) {
                continue;
            }
            String[] parts = key.split(" ", 2);
            // a city total (its verdict lists missing units) reads every unit's sheet: any unit's change counts
            boolean cityWide = va != null && va.missingUnits() != null || vb != null && vb.missingUnits() != null;
            boolean facts = cityWide
                    ? !factsA.equals(factsB)
                    : !Objects.equals(factsA.get(parts[0]), factsB.get(parts[0]));
            changes.add(new Change(parts[0], parts[1], sa, sb, facts, rulesChanged));
        }
        changes.sort(Comparator.comparing(Change::unit).thenComparing(Change::commitment));
        return new Diff(before, after, rulesChanged, changes);
    }

    private static Map<String, Runs.StoredVerdict> byKey(List<Runs.StoredVerdict> verdicts) {
        Map<String, Runs.StoredVerdict> byKey = new LinkedHashMap<>();
        verdicts.forEach(v -> byKey.put(v.unit() + " " + v.commitment(), v));
        return byKey;
    }

    /** Per unit, the sha256 of the sheets (by period) a run judged. */
    private Map<String, String> factsByUnit(long run) {
        Map<String, String> facts = new java.util.TreeMap<>();
        for (var r : store.submissions().byIds(store.runs().revisions(run))) {
            facts.merge(r.unit(), r.period() + ":" + r.sha256(), (x, y) -> Stream.of(x, y).sorted()
                    .reduce((p, q) -> p + "," + q).orElseThrow());
        }
        return facts;
    }

    private static StoreException noRun(long id) {
        return new StoreException("没有运行 %d / there is no run %d".formatted(id, id));
    }

    private static String plain(java.math.BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().toPlainString();
    }

    private static Path materialise(Map<String, String> files) {
        try {
            Path dir = Files.createTempDirectory("ducha-replay-");
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path target = dir.resolve(f.getKey()).normalize();
                if (!target.startsWith(dir)) {
                    throw new StoreException("规则文件路径越界 / a stored rule path leaves its folder: " + f.getKey());
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind harms nothing
        }
    }
}
