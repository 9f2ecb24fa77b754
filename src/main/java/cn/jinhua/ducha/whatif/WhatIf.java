package cn.jinhua.ducha.whatif;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.Waivers;
import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.evaluation.Alert;
import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Evaluator;
import cn.jinhua.ducha.evaluation.Explanations;
import cn.jinhua.ducha.evaluation.Verdict;
import cn.jinhua.ducha.evaluation.Waiver;
import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.Progress;
import cn.jinhua.ducha.factsheet.Rejection;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.factsheet.SheetFormat;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.ranking.Mark;
import cn.jinhua.ducha.ranking.Ranking;
import cn.jinhua.ducha.ranking.Rankings;
import cn.jinhua.ducha.rulebook.Rulebook;
import cn.jinhua.ducha.store.Judgements;
import cn.jinhua.ducha.store.Store;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * 假设推演: judges a period as it is (the baseline) and again with values set on units' sheets or whole sheets put
 * in their place, by the same rules, and reports the verdicts, alerts and 赛马 ranks that would change. Nothing is
 * stored: no run, no audit entry, no followed-up alert. The values set are written into the unit's sheet as JSON and read
 * back through {@link SheetReader}, so that a value intake would refuse is refused here with intake's words.
 */
public final class WhatIf {

    private static final String PROGRESS = "progress.";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Rulebook rulebook;
    private final SheetReader reader;

    public WhatIf(Rulebook rulebook) {
        this.rulebook = rulebook;
        this.reader = new SheetReader(rulebook.catalogue());
    }

    /**
     * What would change in {@code period} as the store holds it (its latest sheets, with the waivers in force today
     * by the store's clock, as {@code evaluate} judges it), reading only.
     *
     * @param set    unit (id, code or name) to metric key to the value supposed
     * @param sheets whole sheets supposed, each in place of the stored one of its unit and period
     * @throws HypothesisRefused when a unit is unknown or a value or sheet is refused as intake would refuse it
     */
    public Report onStore(Store store, YearMonth period, Map<String, Map<String, JsonNode>> set,
                          List<SheetReader.Result> sheets) {
        SheetBatch actual = new Judgements(store).latest(rulebook, period);
        LocalDate today = LocalDate.ofInstant(store.now(), Supervision.ZONE);
        return judge(actual, period, new Waivers(store).inForce(period, today), set, sheets);
    }

    /**
     * What would change in {@code period} judged from {@code actual} with {@code waivers}.
     *
     * @throws HypothesisRefused when a unit is unknown or a value or sheet is refused as intake would refuse it
     */
    public Report judge(SheetBatch actual, YearMonth period, List<Waiver> waivers,
                        Map<String, Map<String, JsonNode>> set, List<SheetReader.Result> sheets) {
        Map<String, FactSheet> byKey = new LinkedHashMap<>();
        actual.accepted().forEach(s -> byKey.put(key(s.unit(), s.period()), s));
        List<Rejection> refused = new ArrayList<>();
        List<Setting> settings = new ArrayList<>();
        Map<String, FactSheet> supposed = new LinkedHashMap<>();
        for (SheetReader.Result r : sheets) {
            r.rejection().ifPresent(refused::add);
            r.sheet().ifPresent(s -> supposed.put(key(s.unit(), s.period()), s));
        }
        Catalogue catalogue = rulebook.catalogue();
        for (Map.Entry<String, Map<String, JsonNode>> entry : set.entrySet()) {
            Optional<Unit> unit = catalogue.unit(entry.getKey());
            if (unit.isEmpty()) {
                refused.add(new Rejection("set." + entry.getKey(), List.of("set.%s: 未知单位 \"%s\" / unknown unit \"%s\""
                        .formatted(entry.getKey(), entry.getKey(), entry.getKey()))));
                continue;
            }
            String key = key(unit.get(), period);
            FactSheet before = supposed.getOrDefault(key, byKey.get(key));
            SheetReader.Result read = reader.read("set." + unit.get().id(), SheetFormat.JSON,
                    JSON.writeValueAsBytes(sheet(unit.get(), period, before, entry.getValue())));
            read.rejection().ifPresent(refused::add);
            read.sheet().ifPresent(after -> {
                supposed.put(key, after);
                entry.getValue().keySet().forEach(metric -> settings.add(new Setting(unit.get().id(), metric,
                        before == null ? null : before.value(metric).orElse(null), after.value(metric).orElse(null))));
            });
        }
        if (!refused.isEmpty()) {
            throw new HypothesisRefused(refused);
        }
        List<FactSheet> accepted = new ArrayList<>();
        actual.accepted().forEach(s -> accepted.add(supposed.getOrDefault(key(s.unit(), s.period()), s)));
        supposed.forEach((key, s) -> {
            if (!byKey.containsKey(key)) {
                accepted.add(s);
            }
        });
        Evaluator evaluator = new Evaluator(rulebook);
        Evaluation baseline = evaluator.evaluate(actual, period, waivers);
        Evaluation hypothetical = evaluator.evaluate(new SheetBatch(accepted, actual.rejected()), period, waivers);
        List<String> sources = sheets.stream().flatMap(r -> r.sheet().stream()).map(FactSheet::source).toList();
        return compare(baseline, hypothetical, settings, sources);
    }

    /**
     * A value supposed as written by a person ({@code 150}, {@code true}, {@code DONE}) as the JSON value a sheet
     * would carry: true and false as booleans, a number as an exact decimal, anything else as text (for progress
     * statuses, and for intake to refuse where a number is owed).
     */
    public static JsonNode supposed(String text) {
        String t = text.strip();
        if (t.equals("true") || t.equals("false")) {
            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(t));
        }
        if (t.matches("-?\\d+(\\.\\d+)?")) {
            return JsonNodeFactory.instance.numberNode(new BigDecimal(t));
        }
        return JsonNodeFactory.instance.stringNode(t);
    }

    /** The unit's sheet of the period (or a new one) as JSON, with {@code values} in place of what it reported. */
    private static ObjectNode sheet(Unit unit, YearMonth period, FactSheet before, Map<String, JsonNode> values) {
        ObjectNode sheet = JSON.createObjectNode();
        sheet.put("unit", unit.id());
        sheet.put("period", period.toString());
        if (before != null && before.submittedBy() != null) {
            sheet.put("submittedBy", before.submittedBy());
        }
        ObjectNode facts = sheet.putObject("facts");
        ObjectNode progress = sheet.putObject("progress");
        if (before != null) {
            before.facts().forEach((metric, value) -> {
                if (value instanceof BigDecimal d) {
                    facts.put(metric, d);
                } else {
                    facts.put(metric, (Boolean) value);
                }
            });
            before.progress().forEach((task, p) -> progress.set(task, progress(p)));
        }
        values.forEach((metric, value) -> {
            if (metric.startsWith(PROGRESS)) {
                // a progress report is set by its status; a note already reported stays with it
                String task = metric.substring(PROGRESS.length());
                ObjectNode entry = progress.has(task) ? (ObjectNode) progress.get(task) : progress.putObject(task);
                entry.set("status", value);
            } else {
                facts.set(metric, value);
            }
        });
        return sheet;
    }

    private static ObjectNode progress(Progress p) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", p.status().name());
        if (p.note() != null) {
            node.put("note", p.note());
        }
        return node;
    }

    private static String key(Unit unit, YearMonth period) {
        return unit.id() + "@" + period;
    }

    private Report compare(Evaluation baseline, Evaluation hypothetical, List<Setting> settings,
                           List<String> sheets) {
        Explanations explanations = new Explanations(rulebook.catalogue());
        Map<String, Verdict> before = new LinkedHashMap<>();
        baseline.verdicts().forEach(v -> before.put(v.unit().id() + " " + v.commitment().id(), v));
        Map<String, Verdict> after = new LinkedHashMap<>();
        hypothetical.verdicts().forEach(v -> after.put(v.unit().id() + " " + v.commitment().id(), v));
        Set<String> keys = new LinkedHashSet<>(after.keySet());
        keys.addAll(before.keySet());
        List<Change> changes = new ArrayList<>();
        for (String key : keys) {
            Verdict a = before.get(key);
            Verdict b = after.get(key);
            if (a != null && b != null && a.status() == b.status() && same(a.value(), b.value())
                    && same(a.expected(), b.expected())) {
                continue;
            }
            Verdict any = b != null ? b : a;
            changes.add(new Change(any.unit().id(), any.unit().name(), any.commitment().id(),
                    any.commitment().taskNumber(), side(a, explanations), side(b, explanations)));
        }
        Map<String, Alert> raisedBefore = alerts(baseline);
        Map<String, Alert> raisedAfter = alerts(hypothetical);
        List<AlertChange> alerts = new ArrayList<>();
        raisedAfter.forEach((key, a) -> {
            if (!raisedBefore.containsKey(key)) {
                alerts.add(alertChange(AlertChange.RAISED, a, explanations));
            }
        });
        raisedBefore.forEach((key, a) -> {
            if (!raisedAfter.containsKey(key)) {
                alerts.add(alertChange(AlertChange.CLEARED, a, explanations));
            }
        });
        return new Report(true, hypothetical.period().toString(), hypothetical.ruleset(), settings, sheets, changes,
                alerts, ranks(baseline, hypothetical));
    }

    /**
     * The units whose overall 赛马 rank or published score would move: both rankings made from the verdicts as
     * judged here (the waivers in force applied), by the same {@link Rankings} as the ranking page.
     */
    private List<RankChange> ranks(Evaluation baseline, Evaluation hypothetical) {
        Rankings rankings = new Rankings(rulebook.catalogue());
        YearMonth period = hypothetical.period();
        Ranking was = rankings.rank(period, null, null, Mark.of(baseline), null);
        Ranking would = rankings.rank(period, null, null, Mark.of(hypothetical), null);
        List<RankChange> changes = new ArrayList<>();
        for (Ranking.Row after : would.rows()) {
            Ranking.Row before = was.row(after.unit().id()).orElse(null);
            Integer rankBefore = before == null ? null : before.rank();
            BigDecimal scoreBefore = before == null ? null : before.score();
            if (!Objects.equals(rankBefore, after.rank()) || !same(scoreBefore, after.score())) {
                changes.add(new RankChange(after.unit().id(), after.unit().name(), rankBefore, after.rank(),
                        scoreBefore, after.score()));
            }
        }
        return changes;
    }

    /** Exact decimals compared by value: 150 and 150.0 are the same count. */
    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    /** Alerts keyed as 督办 follows them: unit, commitment and level. */
    private static Map<String, Alert> alerts(Evaluation evaluation) {
        Map<String, Alert> alerts = new LinkedHashMap<>();
        evaluation.alerts().forEach(a -> alerts.put(a.unit().id() + " "
                + (a.commitment() == null ? "-" : a.commitment().id()) + " " + a.level(), a));
        return alerts;
    }

    private static Side side(Verdict v, Explanations explanations) {
        if (v == null) {
            return null;
        }
        return new Side(v.status().name(), v.light() == null ? null : v.light().name(),
                v.light() == null ? null : v.light().label(), v.value(), v.expected(), explanations.explain(v),
                explanations.explain(v, Locale.ENGLISH));
    }

    private static AlertChange alertChange(String change, Alert a, Explanations explanations) {
        return new AlertChange(change, a.unit().id(), a.commitment() == null ? null : a.commitment().id(),
                a.level().name(), a.escalated(), explanations.message(a),
                explanations.message(a, Locale.ENGLISH));
    }

    /**
     * What would change, marked hypothetical: the values set (as reported → as supposed), the whole sheets
     * supposed, the verdicts whose status, value or expected value would differ, the alerts raised or cleared, and
     * the local units whose overall 赛马 rank or score would move (the ranking is public among the units, so every
     * reader sees every move).
     */
    public record Report(boolean hypothetical, String period, String ruleset, List<Setting> set, List<String> sheets,
                         List<Change> verdicts, List<AlertChange> alerts, List<RankChange> ranks) {

        public Report {
            set = List.copyOf(set);
            sheets = List.copyOf(sheets);
            verdicts = List.copyOf(verdicts);
            alerts = List.copyOf(alerts);
            ranks = List.copyOf(ranks);
        }

        /** The report as someone who reads only the units {@code reads} admits sees it. */
        public Report visibleTo(Predicate<String> reads) {
            return new Report(hypothetical, period, ruleset,
                    set.stream().filter(s -> reads.test(s.unit())).toList(), sheets,
                    verdicts.stream().filter(v -> reads.test(v.unit())).toList(),
                    alerts.stream().filter(a -> reads.test(a.unit())).toList(), ranks);
        }
    }

    /** A value set on a unit's sheet: what the sheet reported (null: nothing) and what is supposed. */
    public record Setting(String unit, String metric, Object before, Object after) {
    }

    /** A verdict that would change; {@code before} or {@code after} is null where there would be no verdict. */
    public record Change(String unit, String unitName, String commitment, Integer task, Side before, Side after) {
    }

    /**
     * One side of a change: the verdict's status, light (and its Chinese label), value, expected value and why, in
     * Chinese and in English.
     */
    public record Side(String status, String light, String lightLabel, Object value, BigDecimal expected,
                       String explanation, String explanationEn) {
    }

    /** A local unit's overall rank and score (null: nothing judged) as judged now and as they would be. */
    public record RankChange(String unit, String unitName, Integer rankBefore, Integer rankAfter,
                             BigDecimal scoreBefore, BigDecimal scoreAfter) {
    }

    /** An alert the hypothesis would raise or clear, with its message as raised (or as it stands, if cleared). */
    public record AlertChange(String change, String unit, String commitment, String level, boolean escalated,
                              String message, String messageEn) {
        public static final String RAISED = "RAISED";
        public static final String CLEARED = "CLEARED";
    }
}
