package cn.jinhua.ducha.web.dashboard;

import java.util.function.Supplier;
import java.util.regex.Pattern;

import cn.jinhua.ducha.store.StoreException;
import cn.jinhua.ducha.web.ApiProblem;
import cn.jinhua.ducha.web.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How a page's form acts: the act itself is {@link cn.jinhua.ducha.web.UserActions}' (the API's checks and audit
 * records); here it is answered as a page. Done, the page says so; refused for its input, the page says why in the
 * API's words; refused for who asks, it is the dashboard's 404 or 403 page, as any page one may not read or use.
 */
final class Actions {

    /** Where a form may send the browser back to: the alerts board with its filter, never another site. */
    private static final Pattern BACK = Pattern.compile("/alerts(\\?[A-Za-z0-9=&%._\\-]{0,500})?");

    private Actions() {
    }

    /** Runs {@code action}; its answer is the {0} of the message {@code done}, flashed on the next page. */
    static void act(RedirectAttributes redirect, Supplier<String> action, String done) {
        try {
            String answer = action.get();
            redirect.addFlashAttribute("done", done);
            redirect.addFlashAttribute("doneId", answer);
        } catch (ApiProblem e) {
            redirect.addFlashAttribute("problem", refusal(e));
        } catch (StoreException | IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
    }

    static void act(RedirectAttributes redirect, Runnable action, String done, String id) {
        act(redirect, () -> {
            action.run();
            return id;
        }, done);
    }

    /**
     * What a refusal says on a page; a refusal of who asks (403, 404) becomes the dashboard's own page of that status,
     * since there is no form to show it beside.
     */
    static String refusal(ApiProblem e) {
        if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN && e.errors().isEmpty()) {
            throw new ResponseStatusException(e.status());
        }
        return e.getMessage();
    }

    /** City supervisors only (the API's role rule), else the dashboard's 403 page. */
    static void refuseUnlessCity(Viewer viewer) {
        if (!viewer.followsUpForTheCity()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    /** The alerts board as the form's page had it filtered; the whole board for anything else. */
    static String back(String back) {
        return "redirect:" + (back != null && BACK.matcher(back).matches() ? back : "/alerts");
    }
}
