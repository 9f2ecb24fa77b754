package cn.jinhua.ducha.web.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import cn.jinhua.ducha.catalogue.Area;
import cn.jinhua.ducha.ranking.Rankings;
import cn.jinhua.ducha.store.Runs;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * 赛马: a period's ranking of the local units, overall or in one environment, with the counts that made each score
 * and a chart of the ranks month by month. Public among the units (as {@code /api/rankings}): a county supervisor
 * sees every row and opens its own unit only.
 */
@Controller
class RankingPages {

    private final Board board;
    private final Charts charts;

    RankingPages(Board board, Charts charts) {
        this.board = board;
        this.charts = charts;
    }

    @GetMapping("/ranking")
    String ranking(@RequestParam(required = false) String period, @RequestParam(required = false) String area,
                   Locale locale, Model model) {
        Rankings rankings = board.rankings();
        Area environment = null;
        if (area != null && !area.isEmpty()) {
            environment = rankings.environment(area)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        Optional<Runs.Run> run = board.period(period, model);
        model.addAttribute("environments", rankings.environments());
        model.addAttribute("area", environment);
        model.addAttribute("scoring", rankings.scoring());
        model.addAttribute("statuses", List.of("MET", "ON_TRACK", "AT_RISK", "OFF_TRACK", "MISSED", "NO_DATA",
                "NOT_APPLICABLE"));
        Area chosen = environment;
        run.ifPresent(r -> {
            model.addAttribute("ranking", board.ranking(r, chosen));
            model.addAttribute("chart", charts.ranks(board.rankings(r.period(), chosen), rankings.units().size(),
                    locale));
        });
        return "dashboard/ranking";
    }
}
