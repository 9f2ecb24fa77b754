package cn.jinhua.ducha.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import cn.jinhua.ducha.alerting.AlertEvent;
import cn.jinhua.ducha.alerting.AlertState;
import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.TrackedAlert;
import cn.jinhua.ducha.alerting.Waivers;
import cn.jinhua.ducha.evaluation.AlertLevel;
import cn.jinhua.ducha.evaluation.Forecast;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 预警与督办: alerts followed up until closed, and the waivers (豁免) that keep a verdict from raising one. */
@RestController
@Tag(name = "预警 alerts", description = "预警督办与豁免 / alerts, their follow-up, and waivers")
class AlertsController {

    private final Supervision supervision;
    private final Waivers waivers;
    private final RulesInForce rules;
    private final UserActions actions;

    AlertsController(Supervision supervision, Waivers waivers, RulesInForce rules, UserActions actions) {
        this.supervision = supervision;
        this.waivers = waivers;
        this.rules = rules;
        this.actions = actions;
    }

    /**
     * A followed-up alert: its state with a Chinese label, deadline, responsible units and whole history; its
     * message in Chinese and, where it was kept (alerts raised since V10), in English.
     */
    record AlertCase(long id, String unit, String commitment, String level, String state, String stateLabel,
                     String period, String message, Instant openedAt, Instant deadline, List<String> responsible,
                     List<AlertEvent> history, String messageEn) {

        static AlertCase of(TrackedAlert t) {
            String en = t.message(Locale.ENGLISH);
            return new AlertCase(t.id(), t.unit(), t.commitment(), t.level(), t.state().name(), t.state().label(),
                    t.period(), t.message(), t.openedAt(), t.deadline(), t.responsible(), t.history(),
                    en == null || en.equals(t.message()) ? null : en);
        }
    }

    /** A note on acknowledging. */
    record Acknowledgement(String note) {
    }

    /** The reason for closing by hand. */
    record Closing(String reason) {
    }

    /** A waiver asked for: the unit, commitment, months, reason and the day it lapses. */
    record WaiverRequest(String unit, String commitment, String from, String to, String reason, String expires) {
    }

    @Operation(summary = "预警列表 / followed-up alerts you may see, by state, unit, level and period")
    @GetMapping("/api/alerts")
    List<AlertCase> list(@RequestParam(required = false) String state,
                         @RequestParam(name = "unit", required = false) String name,
                         @RequestParam(required = false) String level,
                         @RequestParam(required = false) String period,
                         @AuthenticationPrincipal Viewer viewer) {
        AlertState wanted = null;
        if (state != null) {
            try {
                wanted = AlertState.valueOf(state.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("state", "\"%s\" 不是 OPEN、ACKNOWLEDGED、ESCALATED、RESOLVED、CLOSED 之一 / "
                        .formatted(state) + "is not one of OPEN, ACKNOWLEDGED, ESCALATED, RESOLVED, CLOSED");
            }
        }
        if (level != null && !Forecast.LEVEL.equalsIgnoreCase(level)
                && Arrays.stream(AlertLevel.values()).noneMatch(l -> l.name().equalsIgnoreCase(level))) {
            throw ApiProblem.invalid("level", ("\"%s\" 不是 RED、YELLOW、DATA、FORECAST 之一 / is not one of RED, YELLOW, "
                    + "DATA, FORECAST").formatted(level));
        }
        String unit = rules.unitId(name);
        if (unit != null && !viewer.reads(unit)) {
            throw ApiProblem.forbidden("unit", "您不能查阅 %s 的预警 / you may not read %s's alerts"
                    .formatted(unit, unit));
        }
        AlertState s = wanted;
        String only = unit != null ? unit : viewer.role() == Role.COUNTY ? viewer.unit() : null;
        return supervision.list(only, t -> viewer.reads(t.unit())
                        && (s == null || t.state() == s)
                        && (unit == null || t.unit().equals(unit))
                        && (level == null || t.level().equalsIgnoreCase(level))
                        && (period == null || period.equals(t.period())))
                .stream().map(AlertCase::of).toList();
    }

    @Operation(summary = "一条预警及其经过 / one alert and its history")
    @GetMapping("/api/alerts/{id}")
    AlertCase one(@PathVariable long id, @AuthenticationPrincipal Viewer viewer) {
        return AlertCase.of(require(id, viewer));
    }

    @Operation(summary = "签收预警 / acknowledge an alert (its county, or the city)")
    @PostMapping("/api/alerts/{id}/ack")
    AlertCase acknowledge(@PathVariable long id, @RequestBody(required = false) Acknowledgement body,
                          @AuthenticationPrincipal Viewer viewer) {
        return AlertCase.of(actions.acknowledge(id, body == null ? null : body.note(), viewer));
    }

    @Operation(summary = "关闭预警(须说明理由) / close an alert by hand, with a reason (city)")
    @PostMapping("/api/alerts/{id}/close")
    AlertCase close(@PathVariable long id, @RequestBody Closing body, @AuthenticationPrincipal Viewer viewer) {
        return AlertCase.of(actions.close(id, body.reason(), viewer));
    }

    @Operation(summary = "督办升级 / escalate every alert past its rectification deadline now, as the schedule does (city)")
    @PostMapping("/api/alerts/escalate")
    List<AlertCase> escalate(@AuthenticationPrincipal Viewer viewer) {
        return actions.escalateOverdue(viewer).stream().map(AlertCase::of).toList();
    }

    @Operation(summary = "豁免列表 / waivers of the units you may see, newest first")
    @GetMapping("/api/waivers")
    List<Waivers.Granted> waivers(@RequestParam(name = "unit", required = false) String name,
                                  @AuthenticationPrincipal Viewer viewer) {
        String unit = rules.unitId(name);
        if (unit != null && !viewer.reads(unit)) {
            throw ApiProblem.forbidden("unit", "您不能查阅 %s 的豁免 / you may not read %s's waivers"
                    .formatted(unit, unit));
        }
        return waivers.list().stream().filter(w -> viewer.reads(w.unit()))
                .filter(w -> unit == null || unit.equals(w.unit())).toList();
    }

    @Operation(summary = "批准豁免 / grant a waiver (city)")
    @PostMapping("/api/waivers")
    ResponseEntity<Waivers.Granted> grant(@RequestBody WaiverRequest body, @AuthenticationPrincipal Viewer viewer) {
        return ResponseEntity.status(HttpStatus.CREATED).body(actions.grantWaiver(body.unit(), body.commitment(),
                body.from(), body.to(), body.reason(), body.expires(), viewer));
    }

    private TrackedAlert require(long id, Viewer viewer) {
        return actions.readableAlert(id, viewer);
    }
}
