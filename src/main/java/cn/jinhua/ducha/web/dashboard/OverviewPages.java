package cn.jinhua.ducha.web.dashboard;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.AlertEvent;
import cn.jinhua.ducha.alerting.TrackedAlert;
import cn.jinhua.ducha.brief.BriefFormat;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.evaluation.Forecast;
import cn.jinhua.ducha.evaluation.Light;
import cn.jinhua.ducha.evaluation.Wording;
import cn.jinhua.ducha.store.Runs;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.web.Briefings;
import cn.jinhua.ducha.web.Templates;
import cn.jinhua.ducha.web.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** 总览, 单位 and 通报: a period's matrix of lights and city totals, one unit's page, the printable report. */
@Controller
class OverviewPages {

    private final Board board;
    private final Store store;
    private final Supervision supervision;
    private final Charts charts;
    private final JsonMapper json;
    private final Templates templates;
    private final Briefings briefings;

    OverviewPages(Board board, Store store, Supervision supervision, Charts charts, JsonMapper json,
                  Templates templates, Briefings briefings) {
        this.templates = templates;
        this.briefings = briefings;
        this.board = board;
        this.store = store;
        this.supervision = supervision;
        this.charts = charts;
        this.json = json;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/overview";
    }

    /** The login page; {@code ?throttled=N} (from a refused login) says how many minutes to wait. */
    @GetMapping("/login")
    String login(@RequestParam(required = false) String throttled, Model model) {
        // only a small number is shown: the parameter is in the address bar, anyone can write anything there
        if (throttled != null && throttled.matches("[1-9][0-9]{0,3}")) {
            model.addAttribute("throttledMinutes", Integer.parseInt(throttled));
        }
        return "dashboard/login";
    }

    /**
     * Where the security chain sends a signed-in user who asked for a page of another role (the audit pages), or a
     * form posted without its CSRF token: any method, so that a refused POST hears 403, not 405.
     */
    @org.springframework.web.bind.annotation.RequestMapping("/denied")
    String denied() {
        throw new ResponseStatusException(HttpStatus.FORBIDDEN);
    }

    @GetMapping("/overview")
    String overview(@RequestParam(required = false) String period, @AuthenticationPrincipal Viewer viewer,
                    Locale locale, Model model) {
        Optional<Runs.Run> run = period(period, model);
        model.addAttribute("tasks", board.catalogue().tasks());
        model.addAttribute("briefs", viewer.readsBriefs());
        run.ifPresent(r -> {
            model.addAttribute("matrix", board.matrix(r, viewer));
            model.addAttribute("tiles", board.tiles(r, viewer));
            Unit city = board.catalogue().city();
            if (viewer.reads(city.id())) {
                List<Charts.Chart> totals = new ArrayList<>();
                for (Commitment c : board.cityTotals()) {
                    totals.add(charts.chart(board.series(c, city.id(), r.period()), locale));
                }
                model.addAttribute("cityTotals", totals);
            }
            model.addAttribute("forecasts", forecasts(null, r, viewer));
            model.addAttribute("units", board.unitNames());
        });
        return "dashboard/overview";
    }

    /** The printable monthly report (通报): the matrix, the red verdicts with their explanations, the alerts. */
    @GetMapping("/report")
    String report(@RequestParam(required = false) String period, @AuthenticationPrincipal Viewer viewer,
                  Model model) {
        Optional<Runs.Run> run = period(period, model);
        run.ifPresent(r -> {
            model.addAttribute("matrix", board.matrix(r, viewer));
            model.addAttribute("reds", board.verdicts(r.id()).stream()
                    .filter(v -> Light.RED.name().equals(v.light()) && viewer.reads(v.unit())).toList());
            model.addAttribute("alerts", store.runs().alerts(r.id()).stream().filter(a -> viewer.reads(a.unit()))
                    .toList());
        });
        model.addAttribute("briefs", viewer.readsBriefs());
        model.addAttribute("commitments", board.commitmentsById());
        model.addAttribute("units", board.unitNames());
        return "dashboard/report";
    }

    @GetMapping("/units/{unit}")
    String unit(@PathVariable String unit, @RequestParam(required = false) String period,
                @AuthenticationPrincipal Viewer viewer, Model model) {
        Unit u = readable(unit, viewer);
        model.addAttribute("unit", u);
        Optional<Runs.Run> run = period(period, model);
        model.addAttribute("commitments", board.commitmentsById());
        run.ifPresent(r -> {
            model.addAttribute("verdicts", board.verdicts(r.id()).stream().filter(v -> v.unit().equals(u.id()))
                    .toList());
            List<Commitment> owed = new ArrayList<>();
            store.runs().alerts(r.id()).stream()
                    .filter(a -> a.unit().equals(u.id()) && "DATA".equals(a.level()) && a.missing() != null)
                    .forEach(a -> json.readValue(a.missing(), new TypeReference<List<String>>() { })
                            .forEach(id -> board.catalogue().commitment(id).ifPresent(owed::add)));
            model.addAttribute("owed", owed);
            model.addAttribute("whatIfFields", WhatIfPages.fields(board, u, r, java.util.Map.of()));
        });
        YearMonth month = (YearMonth) model.getAttribute("period");
        if (month != null) {
            model.addAttribute("revisions", store.submissions().revisions(u.id(), month));
        }
        List<TrackedAlert> open = supervision.list(t -> t.unit().equals(u.id()) && t.state().isActive());
        model.addAttribute("openAlerts", open);
        // the verdicts the run shown raised a forecast (提前预警) for are marked in the table
        model.addAttribute("forecastCommitments", run.map(r -> forecasts(u.id(), r, viewer).stream()
                .map(ForecastMark::commitment).collect(java.util.stream.Collectors.toSet())).orElse(java.util.Set.of()));
        return "dashboard/unit";
    }

    /** The unit's Excel template for a period, as the API's /api/templates gives it, for a signed-in browser. */
    @GetMapping("/units/{unit}/template/{period}.xlsx")
    ResponseEntity<byte[]> template(@PathVariable String unit, @PathVariable String period,
                                    @AuthenticationPrincipal Viewer viewer) {
        Unit u = readable(unit, viewer);
        YearMonth month = board.periodOrLatest(period).filter(p -> p.toString().equals(period))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return templates.download(u, month);
    }

    /** A forecast (提前预警) as the run shown raised it, and where its case stands now. */
    record ForecastMark(long id, String unit, String commitment, AlertEvent raised, String state) {

        /** The message the run gave it, in Chinese. */
        public String message() {
            return raised.message();
        }

        /** The message the run gave it, in the page's language. */
        public String message(Locale locale) {
            return Wording.of(locale).isEnglish() && raised.messageEn() != null ? raised.messageEn() : raised.message();
        }
    }

    /**
     * The forecasts (提前预警) that {@code run} raised, of {@code unit} (null: every unit) and readable by the viewer,
     * each with the message that run gave it: forecasts are followed up as tracked alerts of their own kind, not
     * stored with the run.
     */
    private List<ForecastMark> forecasts(String unit, Runs.Run run, Viewer viewer) {
        List<ForecastMark> marks = new ArrayList<>();
        for (TrackedAlert t : supervision.list(unit, t -> Forecast.LEVEL.equals(t.level()) && viewer.reads(t.unit()))) {
            t.history().stream().filter(e -> Long.valueOf(run.id()).equals(e.run()) && e.message() != null)
                    .reduce((a, b) -> b)
                    .ifPresent(e -> marks.add(new ForecastMark(t.id(), t.unit(), t.commitment(), e,
                            t.state().name())));
        }
        return marks;
    }

    /** The period's 例会 brief as the API's /api/briefs gives it, for a signed-in city supervisor or auditor. */
    @GetMapping("/briefs/{period}.docx")
    ResponseEntity<byte[]> briefDocument(@PathVariable String period, @AuthenticationPrincipal Viewer viewer) {
        return brief(period, viewer, BriefFormat.DOCX);
    }

    @GetMapping("/briefs/{period}.xlsx")
    ResponseEntity<byte[]> briefWorkbook(@PathVariable String period, @AuthenticationPrincipal Viewer viewer) {
        return brief(period, viewer, BriefFormat.XLSX);
    }

    private ResponseEntity<byte[]> brief(String period, Viewer viewer, BriefFormat format) {
        if (!viewer.readsBriefs()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        YearMonth month = board.periodOrLatest(period).filter(p -> p.toString().equals(period))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return briefings.download(month, null, format)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** A supervised unit the viewer may read, else 404 (as the API: what one may not read does not exist). */
    private Unit readable(String unit, Viewer viewer) {
        return board.catalogue().unit(unit).filter(Unit::isSupervised).filter(u -> viewer.reads(u.id()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private Optional<Runs.Run> period(String asked, Model model) {
        return board.period(asked, model);
    }
}
