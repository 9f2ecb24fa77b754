package cn.jinhua.ducha.web.dashboard;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.factsheet.Rejection;
import cn.jinhua.ducha.store.Runs;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.web.RulesInForce;
import cn.jinhua.ducha.web.Viewer;
import cn.jinhua.ducha.factsheet.ProgressStatus;
import cn.jinhua.ducha.whatif.HypothesisRefused;
import cn.jinhua.ducha.whatif.WhatIf;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/**
 * 假设推演 from a unit's page: the unit's values of a judged month changed in a form, and the lights, 赛马 ranks and
 * alerts that would change, judged by the same rules as {@code POST /api/whatif} and {@code ducha whatif}
 * ({@link WhatIf#onStore}). Nothing is stored: no run, no audit entry, no alert; the page says so at its top.
 * Whoever reads the unit may ask of it (as the API: a what-if changes nothing).
 */
@Controller
class WhatIfPages {

    /** The form's inputs are named {@code set.METRIC}. */
    static final String SET = "set.";

    private final Board board;
    private final Store store;
    private final RulesInForce rules;

    WhatIfPages(Board board, Store store, RulesInForce rules) {
        this.board = board;
        this.store = store;
        this.rules = rules;
    }

    /**
     * A value the form offers to change: the metric, its commitment, and the value the run judged; a progress report
     * ({@code progress.T05}) is chosen from the four statuses, the others are typed.
     */
    record Field(String metric, Commitment commitment, String value, String supposed) {

        public boolean progress() {
            return commitment.isProgress();
        }

        /** The statuses a progress report may be supposed to have. */
        public List<ProgressStatus> statuses() {
            return List.of(ProgressStatus.values());
        }
    }

    /**
     * The values of {@code unit} a what-if may change for {@code run}'s period: its owed numbers and yes/no facts,
     * and its progress reports (as the command line's {@code --set unit:progress.T05=DONE}), each with the value
     * judged and, where the form was sent, the value supposed.
     */
    static List<Field> fields(Board board, Unit unit, Runs.Run run, Map<String, String> supposed) {
        Map<String, String> judged = new LinkedHashMap<>();
        board.verdicts(run.id()).stream().filter(v -> v.unit().equals(unit.id()))
                .forEach(v -> judged.put(v.commitment(), Words.value(v.value())));
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Commitment c : board.catalogue().owedBy(unit, run.period())) {
            if (c.metric() == null || fields.containsKey(c.metric())) {
                continue;
            }
            fields.put(c.metric(), new Field(c.metric(), c, judged.get(c.id()), supposed.get(c.metric())));
        }
        return new ArrayList<>(fields.values());
    }

    @PostMapping("/units/{unit}/whatif")
    String whatIf(@PathVariable String unit, @RequestParam(required = false) String period,
                  @RequestParam MultiValueMap<String, String> form, @AuthenticationPrincipal Viewer viewer,
                  Locale locale, Model model, HttpServletResponse response) {
        Unit u = board.catalogue().unit(unit).filter(Unit::isSupervised).filter(x -> viewer.reads(x.id()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Runs.Run run = board.period(period, model)
                .filter(r -> period != null && r.period().toString().equals(period))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        YearMonth month = run.period();
        Map<String, String> supposed = new LinkedHashMap<>();
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Field f : fields(board, u, run, Map.of())) {
            String text = form.getFirst(SET + f.metric());
            if (text != null && !text.isBlank()) {
                supposed.put(f.metric(), text.strip());
                values.put(f.metric(), WhatIf.supposed(text));
            }
        }
        model.addAttribute("unit", u);
        model.addAttribute("fields", fields(board, u, run, supposed));
        model.addAttribute("commitments", board.commitmentsById());
        model.addAttribute("unitNames", board.unitNames());
        if (values.isEmpty()) {
            model.addAttribute("problem", "set: 请至少填写一个假设的值 / give at least one value to suppose");
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "dashboard/whatif";
        }
        try {
            model.addAttribute("report", new WhatIf(rules.current())
                    .onStore(store, month, Map.of(u.id(), values), List.of()).visibleTo(viewer::reads));
        } catch (HypothesisRefused e) {
            List<SheetPages.SheetError> errors = new ArrayList<>();
            for (Rejection r : e.rejections()) {
                for (String error : r.errors()) {
                    int colon = error.indexOf(": ");
                    String field = colon < 0 ? r.source() : error.substring(0, colon);
                    errors.add(new SheetPages.SheetError(field, null, SheetPages.language(
                            colon < 0 ? error : error.substring(colon + 2), Words.english(locale))));
                }
            }
            model.addAttribute("problem", "假设的值有 %d 处错误，未评判 / the values supposed have %d errors: nothing judged"
                    .formatted(errors.size(), errors.size()));
            model.addAttribute("errors", errors);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return "dashboard/whatif";
    }
}
