package cn.jinhua.ducha.web;

import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.evaluation.Waiver;
import cn.jinhua.ducha.store.Judgements;
import cn.jinhua.ducha.store.Runs;
import cn.jinhua.ducha.store.Store;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 评判: runs of the rules over a period's latest sheets, recorded with their verdicts and alerts and followed up
 * (督办) as the command line's {@code evaluate --store} does; verdicts and why each was given.
 */
@RestController
@Tag(name = "评判 evaluations", description = "评判、结论与解释 / runs, verdicts and explanations")
class EvaluationsController {

    private final Store store;
    private final RulesInForce rules;
    private final JsonMapper json;
    private final UserActions actions;

    EvaluationsController(Store store, RulesInForce rules, JsonMapper json, UserActions actions) {
        this.store = store;
        this.rules = rules;
        this.json = json;
        this.actions = actions;
    }

    /** What starts a run: the period, YYYY-MM. */
    record EvaluationRequest(String period) {
    }

    /** A run with the counts of its verdicts by light, and (on one run) the verdicts and alerts the user may see. */
    record RunView(long id, String period, String ruleset, String startedBy, Instant recordedAt,
                   Map<String, Integer> counts, List<VerdictView> verdicts, List<AlertView> alerts) {
    }

    /** A verdict with the contract's fields; {@code id} is "run-position". */
    record VerdictView(String id, long run, String period, String unit, String commitment, Integer task,
                       String status, String light, JsonNode value, String target, String expected, String baseline,
                       String rule, String explanation, JsonNode missingUnits, Boolean waived, String waiver,
                       String explanationEn) {
    }

    /** An alert as the run raised it (the followed-up alert is at /api/alerts). */
    record AlertView(String unit, String commitment, String level, String message, boolean escalated,
                     JsonNode missing, String rule, String messageEn) {
    }

    /** Why a verdict is what it is: the verdict, the seed's words, the rule's text, and the facts it matched. */
    record Explanation(VerdictView verdict, String source, String ruleText, String ruleset, JsonNode trace) {
    }

    @Operation(summary = "评判一个月份并记录 / judge a period from its latest sheets and record the run (city)")
    @PostMapping("/api/evaluations")
    ResponseEntity<RunView> evaluate(@RequestBody EvaluationRequest request, @AuthenticationPrincipal Viewer viewer) {
        Judgements.Recorded recorded = actions.evaluate(request.period(), viewer);
        return ResponseEntity.created(URI.create("/api/evaluations/" + recorded.run()))
                .body(view(require(recorded.run()), viewer, true));
    }

    @Operation(summary = "历次评判 / runs, newest first, of one period where given")
    @GetMapping("/api/evaluations")
    List<RunView> list(@RequestParam(required = false) String period, @AuthenticationPrincipal Viewer viewer) {
        YearMonth month = period == null ? null : month("period", period);
        return store.runs().list().stream().filter(r -> month == null || r.period().equals(month))
                .map(r -> view(r, viewer, false)).toList();
    }

    @Operation(summary = "一次评判及其结论、预警 / one run with the verdicts and alerts you may see")
    @GetMapping("/api/evaluations/{id}")
    RunView one(@PathVariable long id, @AuthenticationPrincipal Viewer viewer) {
        return view(require(id), viewer, true);
    }

    @Operation(summary = "结论 / verdicts of a period's latest run (or of ?run=), filtered by unit, status, task")
    @GetMapping("/api/verdicts")
    List<VerdictView> verdicts(@RequestParam(required = false) String period,
                               @RequestParam(required = false) Long run,
                               @RequestParam(name = "unit", required = false) String name,
                               @RequestParam(required = false) String status,
                               @RequestParam(required = false) Integer task,
                               @AuthenticationPrincipal Viewer viewer) {
        String unit = rules.unitId(name);
        if (unit != null && !viewer.reads(unit)) {
            throw ApiProblem.forbidden("unit", "您不能查阅 %s 的结论 / you may not read %s's verdicts"
                    .formatted(unit, unit));
        }
        Runs.Run r;
        if (run != null) {
            r = require(run);
        } else if (period != null) {
            YearMonth month = month("period", period);
            r = store.runs().list().stream().filter(x -> x.period().equals(month)).findFirst()
                    .orElseThrow(() -> ApiProblem.notFound("%s 尚无评判 / %s has not been judged yet"
                            .formatted(month, month)));
        } else {
            throw ApiProblem.invalid("period", "须给出 period 或 run / give period or run");
        }
        return verdicts(r, viewer, unit).stream()
                .filter(v -> status == null || v.status().equalsIgnoreCase(status))
                .filter(v -> task == null || task.equals(v.task()))
                .toList();
    }

    @Operation(summary = "结论的解释 / why a verdict is what it is: rule, seed words, matched facts")
    @GetMapping("/api/verdicts/{id}/explanation")
    Explanation explanation(@PathVariable String id, @AuthenticationPrincipal Viewer viewer) {
        String[] parts = id.split("-");
        long run;
        int seq;
        try {
            run = Long.parseLong(parts[0]);
            seq = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            seq = -1;
            run = -1;
        }
        String missing = "没有结论 %s / there is no verdict %s".formatted(id, id);
        if (seq < 0) {
            throw ApiProblem.notFound(missing);
        }
        Runs.Run r = store.runs().find(run).orElseThrow(() -> ApiProblem.notFound(missing));
        int position = seq;
        Runs.StoredVerdict v = store.runs().verdicts(run).stream().filter(x -> x.seq() == position).findFirst()
                .filter(x -> viewer.reads(x.unit()))
                .orElseThrow(() -> ApiProblem.notFound(missing));
        String source = rules.current().catalogue().commitment(v.commitment()).map(Commitment::source).orElse(null);
        return new Explanation(view(r, v, waivers(r.id())), source,
                store.runs().ruleText(r.ruleset(), v.rule()).orElse(null), r.ruleset(), json.readTree(v.trace()));
    }

    private RunView view(Runs.Run r, Viewer viewer, boolean full) {
        // a county supervisor counts its own unit only: the city's figures are the city's
        Map<String, Integer> counts = store.runs().counts(r.id(), viewer.role() == Role.COUNTY ? viewer.unit() : null);
        if (!full) {
            return new RunView(r.id(), r.period().toString(), r.ruleset(), r.startedBy(), r.recordedAt(), counts,
                    null, null);
        }
        List<AlertView> alerts = store.runs().alerts(r.id()).stream().filter(a -> viewer.reads(a.unit()))
                .map(a -> new AlertView(a.unit(), a.commitment(), a.level(), a.message(), a.escalated(),
                        a.missing() == null ? null : json.readTree(a.missing()), a.rule(), a.messageEn()))
                .toList();
        return new RunView(r.id(), r.period().toString(), r.ruleset(), r.startedBy(), r.recordedAt(), counts,
                verdicts(r, viewer), alerts);
    }

    private List<VerdictView> verdicts(Runs.Run r, Viewer viewer) {
        return verdicts(r, viewer, null);
    }

    /** The verdicts of a run the viewer may read, of {@code unit} only where it is given; read without traces. */
    private List<VerdictView> verdicts(Runs.Run r, Viewer viewer, String unit) {
        Map<String, String> waived = waivers(r.id());
        String only = unit != null ? unit : viewer.role() == Role.COUNTY ? viewer.unit() : null;
        return store.runs().verdictsOf(r.id(), only).stream().filter(v -> viewer.reads(v.unit()))
                .map(v -> view(r, v, waived)).toList();
    }

    private Map<String, String> waivers(long run) {
        return store.runs().waivers(run).stream()
                .collect(Collectors.toMap(w -> w.unit() + "/" + w.commitment(), Waiver::reason, (a, b) -> a));
    }

    private VerdictView view(Runs.Run r, Runs.StoredVerdict v, Map<String, String> waived) {
        Integer task = rules.current().catalogue().commitment(v.commitment()).map(Commitment::taskNumber)
                .orElse(null);
        String waiver = waived.get(v.unit() + "/" + v.commitment());
        return new VerdictView(r.id() + "-" + v.seq(), r.id(), r.period().toString(), v.unit(), v.commitment(), task,
                v.status(), v.light(), v.value() == null ? null : json.readTree(v.value()), v.target(),
                v.expected(), v.baseline(), v.rule(), v.explanation(),
                v.missingUnits() == null ? null : json.readTree(v.missingUnits()),
                waiver == null ? null : Boolean.TRUE, waiver, v.explanationEn());
    }

    private Runs.Run require(long id) {
        return store.runs().find(id)
                .orElseThrow(() -> ApiProblem.notFound("没有评判 %d / there is no run %d".formatted(id, id)));
    }

    static YearMonth month(String field, String text) {
        if (text == null) {
            throw ApiProblem.invalid(field, "缺失 / is missing");
        }
        try {
            if (text.matches("\\d{4}-\\d{2}")) {
                return YearMonth.parse(text);
            }
        } catch (DateTimeParseException ignored) {
            // falls through to the same answer as any other malformed month
        }
        throw ApiProblem.invalid(field, "\"%s\" 不是 YYYY-MM 格式的月份 / is not a month written YYYY-MM"
                .formatted(text));
    }

}
