package cn.jinhua.ducha.web;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Coverage;
import cn.jinhua.ducha.catalogue.NotJudged;
import cn.jinhua.ducha.catalogue.Unit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** 目录: the plan's commitments and units, who is signed in, and each unit's Excel template for a period. */
@RestController
@Tag(name = "目录 catalogue", description = "承诺目录、单位与报表模板 / commitments, units and templates")
class CatalogueController {

    private final RulesInForce rules;
    private final Templates templates;

    CatalogueController(RulesInForce rules, Templates templates) {
        this.rules = rules;
        this.templates = templates;
    }

    /**
     * A commitment with the seed's words (contract.md's catalogue fields), whether the seed states its window or the
     * catalogue infers it, and why.
     */
    record CommitmentView(String id, Integer task, String taskTitle, String area, String lead, String title,
                          String metric, String kind, String scope, BigDecimal target, BigDecimal margin,
                          boolean strict, String unit, String window, String windowBasis, String windowBasisReason,
                          String source, String rule) {

        static CommitmentView of(Commitment c) {
            return new CommitmentView(c.id(), c.taskNumber(), c.task() == null ? null : c.task().title(),
                    c.area().name(), c.lead(), c.title(), c.metric(), c.kind().name(), c.scope().name(), c.target(),
                    c.margin(), c.strict(), c.measure(), c.window().toString(), c.windowBasis().basis().name(),
                    c.windowBasis().reason(), c.source(), c.ruleName());
        }
    }

    /** A part of the seed that no commitment judges, with its words, where it stands and why. */
    record NotJudgedView(String words, Integer task, String section, String reason, String reasonLabel, String note) {

        static NotJudgedView of(NotJudged n) {
            return new NotJudgedView(n.words(), n.taskNumber(), n.section(), n.reason().name(), n.reason().label(),
                    n.note());
        }
    }

    /**
     * The catalogue, how many of the plan's tasks it covers ({@code covered}: all, by their progress) and how:
     * {@code coverage} splits them into tasks with a numeric commitment and tasks followed by progress alone.
     */
    record CatalogueView(String ruleset, List<CommitmentView> commitments, int tasks, long covered,
                         Coverage coverage, List<NotJudgedView> notJudged) {
    }

    /** A unit of the registry. */
    record UnitView(String id, String name, String code, String kind, List<String> aliases) {
    }

    /** Who is signed in. */
    record Me(String username, Role role, String roleLabel, String unit) {
    }

    @Operation(summary = "承诺目录 / the commitments, with the seed's words and window basis, the tasks they cover, and "
            + "what is not judged")
    @GetMapping("/api/catalogue")
    CatalogueView catalogue() {
        Catalogue catalogue = rules.current().catalogue();
        Coverage coverage = catalogue.coverage();
        return new CatalogueView(rules.current().hash(),
                catalogue.commitments().stream().map(CommitmentView::of).toList(), coverage.tasks(),
                coverage.covered(), coverage, catalogue.notJudged().stream().map(NotJudgedView::of).toList());
    }

    @Operation(summary = "单位 / the registry's units")
    @GetMapping("/api/units")
    List<UnitView> units() {
        return rules.current().catalogue().units().stream()
                .map(u -> new UnitView(u.id(), u.name(), u.code(), u.kind().name(), u.aliases())).toList();
    }

    @Operation(summary = "当前用户 / who is signed in")
    @GetMapping("/api/me")
    Me me(@AuthenticationPrincipal Viewer viewer) {
        return new Me(viewer.username(), viewer.role(), viewer.role().label(), viewer.unit());
    }

    @Operation(summary = "Excel 报表模板 / the Excel template of exactly the values a unit owes for a period")
    @GetMapping("/api/templates/{unit}/{period}.xlsx")
    ResponseEntity<byte[]> template(@PathVariable String unit, @PathVariable String period,
                                    @AuthenticationPrincipal Viewer viewer) {
        Catalogue catalogue = rules.current().catalogue();
        YearMonth month = EvaluationsController.month("period", period);
        Unit u = catalogue.unit(unit).filter(Unit::isSupervised)
                .orElseThrow(() -> ApiProblem.notFound("未知单位 \"%s\" / unknown unit".formatted(unit)));
        if (!viewer.reads(u.id())) {
            throw ApiProblem.forbidden("unit", "您不能取得 %s 的模板 / you may not fetch %s's template"
                    .formatted(u.name(), u.id()));
        }
        return templates.download(u, month);
    }
}
