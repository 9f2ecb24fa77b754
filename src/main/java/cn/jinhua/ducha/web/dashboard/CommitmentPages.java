package cn.jinhua.ducha.web.dashboard;

import java.util.List;
import java.util.Locale;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.web.RulesInForce;
import cn.jinhua.ducha.web.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** 指标: one commitment, its seed words and rule, and for one unit its trend across months and verdict history. */
@Controller
class CommitmentPages {

    private final Board board;
    private final RulesInForce rules;
    private final Charts charts;

    CommitmentPages(Board board, RulesInForce rules, Charts charts) {
        this.board = board;
        this.rules = rules;
        this.charts = charts;
    }

    @GetMapping("/commitments/{id}")
    String commitment(@PathVariable String id, @RequestParam(required = false) String unit,
                      @AuthenticationPrincipal Viewer viewer, Locale locale, Model model) {
        Commitment c = board.catalogue().commitment(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<Unit> units = board.units(viewer).stream().filter(u -> c.scope().judges(u)).toList();
        Unit chosen = units.stream().filter(u -> u.id().equals(unit)).findFirst()
                .orElse(units.isEmpty() ? null : units.get(0));
        model.addAttribute("commitment", c);
        model.addAttribute("units", units);
        model.addAttribute("unit", chosen);
        // the rule in force, as `ducha rule ID` prints it: the same text whether or not a run was made with it
        model.addAttribute("ruleText", rules.current().ruleText(c.ruleName()).orElse(null));
        if (chosen != null) {
            List<Board.Point> history = board.history(c.id(), chosen.id());
            model.addAttribute("history", history);
            model.addAttribute("numeric", history.stream().anyMatch(p -> p.number() != null));
            model.addAttribute("chart", charts.chart(Board.series(c, history, null), locale));
        }
        return "dashboard/commitment";
    }
}
