package cn.jinhua.ducha.web;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.jinhua.ducha.factsheet.Rejection;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.whatif.HypothesisRefused;
import cn.jinhua.ducha.whatif.WhatIf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * 假设推演: a period judged again from the store's latest sheets with values supposed, as {@code ducha whatif}
 * does; the verdicts and alerts that would change. Nothing is stored, so every reader may ask, of the units it reads.
 */
@RestController
@Tag(name = "假设推演 what-if", description = "假设推演（未存储）/ what-if, nothing stored")
class WhatIfController {

    private final Store store;
    private final RulesInForce rules;

    WhatIfController(Store store, RulesInForce rules) {
        this.store = store;
        this.rules = rules;
    }

    /** The period and, per unit (id, code or name), the metric keys with the values supposed. */
    record WhatIfRequest(String period, Map<String, Map<String, JsonNode>> set) {
    }

    @Operation(summary = "假设推演（未存储）/ which verdicts and alerts of a period would change with the values "
            + "supposed; nothing is stored")
    @PostMapping("/api/whatif")
    WhatIf.Report whatIf(@RequestBody WhatIfRequest request, @AuthenticationPrincipal Viewer viewer) {
        YearMonth period = EvaluationsController.month("period", request.period());
        if (request.set() == null || request.set().isEmpty()) {
            throw ApiProblem.invalid("set", "缺失：须给出至少一个单位的指标值 / is missing: give a unit's values");
        }
        for (String unit : request.set().keySet()) {
            if (!viewer.reads(rules.unitId(unit))) {
                throw ApiProblem.forbidden("set." + unit, "set.%s: 您只能推演本单位 / you may suppose values for your own unit only, not %s"
                        .formatted(unit, unit));
            }
        }
        try {
            return new WhatIf(rules.current()).onStore(store, period, request.set(), List.of())
                    .visibleTo(viewer::reads);
        } catch (HypothesisRefused e) {
            throw refused(e);
        }
    }

    /** Intake's errors, each under the request's field it is about ({@code set.yiwu.tongban.…}). */
    private static ApiProblem refused(HypothesisRefused e) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        for (Rejection r : e.rejections()) {
            for (String error : r.errors()) {
                int colon = error.indexOf(": ");
                String field = colon < 0 ? "" : error.substring(0, colon);
                if (field.startsWith("facts.")) {
                    field = r.source() + "." + field.substring("facts.".length());
                } else if (field.startsWith("progress.")) {
                    // progress.T05.status: the value set is progress.T05's
                    String[] parts = field.split("\\.");
                    field = r.source() + "." + parts[0] + "." + parts[1];
                } else if (!field.startsWith("set.")) {
                    field = r.source();
                }
                errors.add(new ApiProblem.FieldError(field, error));
            }
        }
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemType.INVALID_FIELD,
                "假设的值有 %d 处错误，未评判 / the values supposed have %d errors: nothing judged"
                        .formatted(errors.size(), errors.size()), errors);
    }
}
