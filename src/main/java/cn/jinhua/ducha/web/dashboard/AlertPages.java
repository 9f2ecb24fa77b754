package cn.jinhua.ducha.web.dashboard;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import cn.jinhua.ducha.alerting.AlertState;
import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.TrackedAlert;
import cn.jinhua.ducha.alerting.Waivers;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.evaluation.AlertLevel;
import cn.jinhua.ducha.evaluation.Forecast;
import cn.jinhua.ducha.ranking.Rankings;
import cn.jinhua.ducha.web.Role;
import cn.jinhua.ducha.web.UserActions;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 预警: the alerts board, filtered by state, level, unit, task, environment and period in its address (so that a
 * filtered board can be sent to a colleague), and what may be done from it with the API's rules and records
 * ({@link UserActions}): a county supervisor acknowledges its own unit's alerts; a city supervisor acknowledges,
 * closes, waives the commitment behind an alert, and escalates what is overdue.
 */
@Controller
class AlertPages {

    private static final List<String> LEVELS = List.of(AlertLevel.RED.name(), AlertLevel.YELLOW.name(),
            AlertLevel.DATA.name(), Forecast.LEVEL);

    private final Supervision supervision;
    private final UserActions actions;
    private final Board board;

    AlertPages(Supervision supervision, UserActions actions, Board board) {
        this.supervision = supervision;
        this.actions = actions;
        this.board = board;
    }

    /**
     * The board's filter as its address says it; a value that names nothing known is no filter. A county
     * supervisor's board is its own unit's whatever the address says of another unit (which does not exist for it).
     *
     * @param state null: the alerts still asking for action (open, acknowledged, escalated)
     */
    record AlertFilter(AlertState state, String level, String unit, Integer task, String area, YearMonth period) {

        /** The board's address with this filter, {@code state} in place of its own ("" for the active ones). */
        String link(String newState) {
            UriComponentsBuilder b = UriComponentsBuilder.fromPath("/alerts");
            String s = newState != null ? newState : state == null ? null : state.name();
            if (s != null && !s.isEmpty()) {
                b.queryParam("state", s);
            }
            if (level != null) {
                b.queryParam("level", level);
            }
            if (unit != null) {
                b.queryParam("unit", unit);
            }
            if (task != null) {
                b.queryParam("task", task);
            }
            if (area != null) {
                b.queryParam("area", area);
            }
            if (period != null) {
                b.queryParam("period", period.toString());
            }
            return b.encode().build().toUriString();
        }

        /** The board's address as it is. */
        String link() {
            return link(null);
        }
    }

    /** The filter from the address's parameters (also a posted form's, to come back to the same board). */
    AlertFilter filter(String state, String level, String unit, String task, String area, String period,
                       Viewer viewer) {
        AlertState s = parse(state);
        String l = level == null ? null : LEVELS.stream().filter(x -> x.equalsIgnoreCase(level)).findFirst()
                .orElse(null);
        String u = unit == null || unit.isBlank() ? null
                : board.catalogue().unit(unit).map(x -> x.id()).orElse(null);
        if (u != null && !viewer.reads(u)) {
            // as the API: what one may not read does not exist
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Integer t = task != null && task.matches("\\d{1,2}")
                && board.catalogue().task(Integer.parseInt(task)).isPresent() ? Integer.valueOf(task) : null;
        String a = area == null || area.isBlank() ? null
                : new Rankings(board.catalogue()).environment(area).map(x -> x.id()).orElse(null);
        YearMonth p = period != null && period.matches("\\d{4}-(0[1-9]|1[0-2])") ? YearMonth.parse(period) : null;
        return new AlertFilter(s, l, u, t, a, p);
    }

    /** Whether an alert passes the filter in everything but its state. */
    private Predicate<TrackedAlert> matches(AlertFilter f, Map<String, Commitment> commitments) {
        return t -> {
            Commitment c = t.commitment() == null ? null : commitments.get(t.commitment());
            return (f.level() == null || f.level().equals(t.level()))
                    && (f.unit() == null || f.unit().equals(t.unit()))
                    && (f.task() == null || c != null && f.task().equals(c.taskNumber()))
                    && (f.area() == null || c != null && c.area() != null && f.area().equals(c.area().id()))
                    && (f.period() == null || f.period().toString().equals(t.period()));
        };
    }

    @GetMapping("/alerts")
    String alerts(@RequestParam(required = false) String state, @RequestParam(required = false) String level,
                  @RequestParam(required = false) String unit, @RequestParam(required = false) String task,
                  @RequestParam(required = false) String area, @RequestParam(required = false) String period,
                  @AuthenticationPrincipal Viewer viewer, Model model) {
        AlertFilter filter = filter(state, level, unit, task, area, period, viewer);
        Map<String, Commitment> commitments = board.commitmentsById();
        // a county supervisor's request reads its own unit's cases only, as the API's
        String only = viewer.role() == Role.COUNTY ? viewer.unit() : null;
        List<TrackedAlert> visible = supervision.list(only, t -> viewer.reads(t.unit()))
                .stream().filter(matches(filter, commitments)).toList();
        Map<AlertState, Long> counts = new EnumMap<>(AlertState.class);
        Map<String, String> tabs = new LinkedHashMap<>();
        for (AlertState s : AlertState.values()) {
            counts.put(s, visible.stream().filter(t -> t.state() == s).count());
            tabs.put(s.name(), filter.link(s.name()));
        }
        model.addAttribute("filter", filter);
        model.addAttribute("state", filter.state());
        model.addAttribute("states", AlertState.values());
        model.addAttribute("counts", counts);
        model.addAttribute("tabs", tabs);
        model.addAttribute("activeTab", filter.link(""));
        model.addAttribute("here", filter.link());
        model.addAttribute("alerts", visible.stream().filter(t -> filter.state() == null ? t.state().isActive()
                : t.state() == filter.state()).sorted(Comparator.comparingLong(TrackedAlert::id).reversed()).toList());
        model.addAttribute("levels", LEVELS);
        model.addAttribute("units", board.units(viewer));
        model.addAttribute("tasks", board.catalogue().tasks());
        model.addAttribute("areas", new Rankings(board.catalogue()).environments());
        model.addAttribute("periods", board.periods());
        model.addAttribute("commitments", commitments);
        model.addAttribute("unitNames", board.unitNames());
        return "dashboard/alerts";
    }

    @PostMapping("/alerts/{id}/ack")
    String acknowledge(@PathVariable long id, @RequestParam(required = false) String note,
                       @RequestParam(name = "back", required = false) String back,
                       @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        Actions.act(redirect, () -> actions.acknowledge(id, note, viewer), "flash.acknowledged", Long.toString(id));
        return Actions.back(back);
    }

    @PostMapping("/alerts/{id}/close")
    String close(@PathVariable long id, @RequestParam(required = false) String reason,
                 @RequestParam(name = "back", required = false) String back,
                 @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        Actions.act(redirect, () -> actions.close(id, reason, viewer), "flash.closed", Long.toString(id));
        return Actions.back(back);
    }

    /** 豁免: the commitment behind an alert waived for a unit and months, with a reason and an expiry (city). */
    @PostMapping("/waivers")
    String waive(@RequestParam(required = false) String unit, @RequestParam(required = false) String commitment,
                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                 @RequestParam(required = false) String reason, @RequestParam(required = false) String expires,
                 @RequestParam(name = "back", required = false) String back,
                 @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        Actions.refuseUnlessCity(viewer);
        Actions.act(redirect, () -> {
            Waivers.Granted granted = actions.grantWaiver(unit, commitment, from, to, reason, expires, viewer);
            return Long.toString(granted.id());
        }, "flash.waived");
        return Actions.back(back);
    }

    /** 督办升级: every alert past its rectification deadline escalated now, as the schedule does (city). */
    @PostMapping("/alerts/escalate")
    String escalate(@RequestParam(name = "back", required = false) String back,
                    @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        Actions.refuseUnlessCity(viewer);
        Actions.act(redirect, () -> Integer.toString(actions.escalateOverdue(viewer).size()), "flash.escalated");
        return Actions.back(back);
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
}
