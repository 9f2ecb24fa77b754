package cn.jinhua.ducha.web.dashboard;

import cn.jinhua.ducha.catalogue.Catalogue;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * 目录: the plan's 38 tasks with their commitments, lead units, windows (stated or inferred) and the seed's words; the
 * overall goals, safeguards and general works; the coverage; and what the catalogue does not judge.
 */
@Controller
class CataloguePages {

    private final Board board;

    CataloguePages(Board board) {
        this.board = board;
    }

    @GetMapping("/catalogue")
    String catalogue(Model model) {
        Catalogue catalogue = board.catalogue();
        model.addAttribute("catalogue", catalogue);
        model.addAttribute("coverage", catalogue.coverage());
        model.addAttribute("unassigned", catalogue.commitments().stream().filter(c -> c.task() == null).toList());
        return "dashboard/catalogue";
    }
}
