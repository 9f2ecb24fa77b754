package cn.jinhua.ducha.web.dashboard;

import cn.jinhua.ducha.catalogue.Catalogue;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** 目录: the plan's 38 tasks with their commitments, lead units and the seed's words, and the coverage. */
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
        model.addAttribute("covered", catalogue.tasks().stream().filter(t -> !catalogue.commitmentsOf(t).isEmpty())
                .count());
        model.addAttribute("unassigned", catalogue.commitments().stream().filter(c -> c.task() == null).toList());
        return "dashboard/catalogue";
    }
}
