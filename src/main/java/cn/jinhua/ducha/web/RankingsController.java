package cn.jinhua.ducha.web;

import java.time.YearMonth;

import cn.jinhua.ducha.catalogue.Area;
import cn.jinhua.ducha.ranking.RankingReport;
import cn.jinhua.ducha.ranking.Rankings;
import cn.jinhua.ducha.store.Store;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 赛马: a period's ranking of the local units, overall or in one environment, from its latest run against the
 * month before's, as {@code ducha rank --format json} writes it. The race is public among the units: a county
 * supervisor sees every unit's rank, score, movement and counts, but the verdicts behind its own row only, since
 * another county's verdicts are that county's (docs/api.md, "Roles").
 */
@RestController
@Tag(name = "赛马 rankings", description = "单位排名 / the local units ranked by their published score")
class RankingsController {

    private final Store store;
    private final RulesInForce rules;

    RankingsController(Store store, RulesInForce rules) {
        this.store = store;
        this.rules = rules;
    }

    @Operation(summary = "赛马排名 / the ranking of a period's latest run, overall or in one environment (?area=)")
    @GetMapping("/api/rankings")
    RankingReport ranking(@RequestParam(required = false) String period, @RequestParam(required = false) String area,
                          @AuthenticationPrincipal Viewer viewer) {
        YearMonth month = EvaluationsController.month("period", period);
        Rankings rankings = new Rankings(rules.current().catalogue());
        Area environment = null;
        if (area != null) {
            environment = rankings.environment(area)
                    .orElseThrow(() -> ApiProblem.invalid("area", rankings.notAnEnvironment(area)));
        }
        RankingReport report = rankings.fromStore(store, month, environment).map(RankingReport::of)
                .orElseThrow(() -> ApiProblem.notFound("%s 尚无评判 / %s has not been judged yet".formatted(month, month)));
        if (viewer.role() == Role.COUNTY) {
            // every row's score stays explained by its counts; the verdicts themselves only in the county's own row
            return new RankingReport(report.period(), report.area(), report.areaName(), report.run(), report.previous(),
                    report.ranked(), report.formula(), report.rows().stream()
                    .map(r -> viewer.reads(r.unit()) ? r : new RankingReport.Entry(r.unit(), r.name(), r.rank(),
                            r.score(), r.previousRank(), r.movement(), r.places(), r.label(), r.points(), r.judged(),
                            r.waived(), r.counts(), null))
                    .toList());
        }
        return report;
    }
}
