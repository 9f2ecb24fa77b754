package cn.jinhua.ducha.web;

import cn.jinhua.ducha.store.AuditChain;
import cn.jinhua.ducha.store.Judgements;
import cn.jinhua.ducha.store.Store;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** 审计: the audit chain checked end to end, and a run judged again from what it stored (auditors). */
@RestController
@Tag(name = "审计 audit", description = "审计链校验与重放 / verify the audit chain, replay a run")
class AuditController {

    private final Store store;

    AuditController(Store store) {
        this.store = store;
    }

    @Operation(summary = "校验审计链 / recompute every entry's hash and link")
    @GetMapping("/api/audit/verify")
    AuditChain.Verification verify() {
        return store.verify();
    }

    /** A replay's outcome: whether every verdict came out as stored, and each that did not. */
    record ReplayView(long run, int verdicts, boolean agrees, java.util.List<Judgements.Difference> differences) {
    }

    @Operation(summary = "重放一次评判 / judge a run again from its stored sheets and rules, and compare")
    @GetMapping("/api/runs/{id}/replay")
    ReplayView replay(@PathVariable long id) {
        if (store.runs().find(id).isEmpty()) {
            throw ApiProblem.notFound("没有评判 %d / there is no run %d".formatted(id, id));
        }
        Judgements.Replay replay = new Judgements(store).replay(id);
        return new ReplayView(replay.run(), replay.verdicts(), replay.agrees(), replay.differences());
    }
}
