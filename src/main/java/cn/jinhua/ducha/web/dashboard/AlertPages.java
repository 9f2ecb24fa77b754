package cn.jinhua.ducha.web.dashboard;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import cn.jinhua.ducha.alerting.AlertState;
import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.TrackedAlert;
import cn.jinhua.ducha.store.StoreException;
import cn.jinhua.ducha.web.Role;
import cn.jinhua.ducha.web.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 预警: the alerts board by state, and acknowledging and closing from the page with the API's rules: a county
 * supervisor acknowledges its own unit's alerts, a city supervisor acknowledges and closes any.
 */
@Controller
class AlertPages {

    private final Supervision supervision;
    private final Board board;

    AlertPages(Supervision supervision, Board board) {
        this.supervision = supervision;
        this.board = board;
    }

    @GetMapping("/alerts")
    String alerts(@RequestParam(required = false) String state, @AuthenticationPrincipal Viewer viewer,
                  Model model) {
        List<TrackedAlert> visible = supervision.list(t -> viewer.reads(t.unit()));
        Map<AlertState, Long> counts = new EnumMap<>(AlertState.class);
        for (AlertState s : AlertState.values()) {
            counts.put(s, visible.stream().filter(t -> t.state() == s).count());
        }
        AlertState wanted = parse(state);
        model.addAttribute("state", wanted);
        model.addAttribute("states", AlertState.values());
        model.addAttribute("counts", counts);
        model.addAttribute("alerts", visible.stream().filter(t -> wanted == null ? t.state().isActive()
                : t.state() == wanted).sorted(Comparator.comparingLong(TrackedAlert::id).reversed()).toList());
        model.addAttribute("commitments", board.commitmentsById());
        model.addAttribute("unitNames", board.unitNames());
        return "dashboard/alerts";
    }

    @PostMapping("/alerts/{id}/ack")
    String acknowledge(@PathVariable long id, @RequestParam(required = false) String note,
                       @RequestParam(required = false) String state, @AuthenticationPrincipal Viewer viewer,
                       RedirectAttributes redirect) {
        TrackedAlert t = readable(id, viewer);
        if (!viewer.acknowledges(t.unit())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        act(redirect, () -> supervision.acknowledge(id, viewer.username(), blankToNull(note)), "flash.acknowledged",
                id);
        return back(state);
    }

    @PostMapping("/alerts/{id}/close")
    String close(@PathVariable long id, @RequestParam(required = false) String reason,
                 @RequestParam(required = false) String state, @AuthenticationPrincipal Viewer viewer,
                 RedirectAttributes redirect) {
        readable(id, viewer);
        if (viewer.role() != Role.CITY) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        if (reason == null || reason.isBlank()) {
            redirect.addFlashAttribute("error", "flash.reasonNeeded");
            return back(state);
        }
        act(redirect, () -> supervision.close(id, viewer.username(), reason), "flash.closed", id);
        return back(state);
    }

    private static void act(RedirectAttributes redirect, Runnable action, String done, long id) {
        try {
            action.run();
            redirect.addFlashAttribute("done", done);
            redirect.addFlashAttribute("doneId", Long.toString(id));
        } catch (StoreException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
    }

    private TrackedAlert readable(long id, Viewer viewer) {
        return supervision.find(id).filter(t -> viewer.reads(t.unit()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String back(String state) {
        AlertState s = parse(state);
        return s == null ? "redirect:/alerts" : "redirect:/alerts?state=" + s.name();
    }

    private static AlertState parse(String state) {
        if (state == null) {
            return null;
        }
        for (AlertState s : AlertState.values()) {
            if (s.name().equalsIgnoreCase(state)) {
                return s;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
