package cn.jinhua.ducha.web.dashboard;

import cn.jinhua.ducha.store.Judgements;
import cn.jinhua.ducha.store.Runs;
import cn.jinhua.ducha.store.Store;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * 审计 (auditors only): the runs, the audit chain checked end to end, a run replayed from what it stored, two runs
 * compared, and the trace of one verdict.
 */
@Controller
class AuditPages {

    private final Store store;
    private final Board board;
    private final JsonMapper json;

    AuditPages(Store store, Board board, JsonMapper json) {
        this.store = store;
        this.board = board;
        this.json = json;
    }

    @GetMapping("/audit")
    String audit(@RequestParam(required = false) Long before, @RequestParam(required = false) Long after,
                 Model model) {
        model.addAttribute("runs", store.runs().list());
        model.addAttribute("chain", store.verify());
        if (before != null && after != null) {
            require(before);
            require(after);
            model.addAttribute("diff", new Judgements(store).diff(before, after));
        }
        return "dashboard/audit";
    }

    @GetMapping("/audit/runs/{id}")
    String run(@PathVariable long id, @RequestParam(required = false) boolean replay, Model model) {
        Runs.Run run = require(id);
        model.addAttribute("run", run);
        model.addAttribute("counts", store.runs().counts(id));
        model.addAttribute("verdicts", board.verdicts(id));
        if (replay) {
            model.addAttribute("replay", new Judgements(store).replay(id));
        }
        return "dashboard/audit-run";
    }

    @GetMapping("/audit/runs/{id}/verdicts/{seq}")
    String verdict(@PathVariable long id, @PathVariable int seq, Model model) {
        Runs.Run run = require(id);
        Runs.StoredVerdict v = store.runs().verdicts(id).stream().filter(x -> x.seq() == seq).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("run", run);
        model.addAttribute("verdict", v);
        model.addAttribute("ruleText", store.runs().ruleText(run.ruleset(), v.rule()).orElse(null));
        model.addAttribute("trace", json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(v.trace())));
        return "dashboard/audit-verdict";
    }

    private Runs.Run require(long id) {
        return store.runs().find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
