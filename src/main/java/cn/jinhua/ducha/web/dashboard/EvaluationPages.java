package cn.jinhua.ducha.web.dashboard;

import java.util.Locale;

import cn.jinhua.ducha.store.Judgements;
import cn.jinhua.ducha.store.StoreException;
import cn.jinhua.ducha.web.ApiProblem;
import cn.jinhua.ducha.web.UserActions;
import cn.jinhua.ducha.web.Viewer;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 评判 from the overview: a city supervisor judges a period from the store's latest sheets, records the run and
 * follows its alerts up, by {@link UserActions#evaluate} as {@code POST /api/evaluations} does.
 */
@Controller
class EvaluationPages {

    private final UserActions actions;
    private final MessageSource messages;

    EvaluationPages(UserActions actions, MessageSource messages) {
        this.actions = actions;
        this.messages = messages;
    }

    @PostMapping("/evaluations")
    String evaluate(@RequestParam(required = false) String period, @AuthenticationPrincipal Viewer viewer,
                    Locale locale, RedirectAttributes redirect) {
        Actions.refuseUnlessCity(viewer);
        try {
            Judgements.Recorded recorded = actions.evaluate(period, viewer);
            String month = recorded.evaluation().period().toString();
            redirect.addFlashAttribute("doneText", messages.getMessage("flash.evaluated",
                    new Object[] {month, Long.toString(recorded.run()),
                            Integer.toString(recorded.evaluation().verdicts().size()),
                            Integer.toString(recorded.evaluation().alerts().size())}, locale));
            return "redirect:" + UriComponentsBuilder.fromPath("/overview").queryParam("period", month)
                    .toUriString();
        } catch (ApiProblem e) {
            redirect.addFlashAttribute("problem", Actions.refusal(e));
        } catch (IllegalArgumentException | StoreException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/overview";
    }
}
