package cn.jinhua.ducha.web.dashboard;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.factsheet.SheetFormat;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.store.Submissions;
import cn.jinhua.ducha.web.ApiProblem;
import cn.jinhua.ducha.web.Role;
import cn.jinhua.ducha.web.UserActions;
import cn.jinhua.ducha.web.Viewer;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 报送: a sheet uploaded from the browser (JSON, CSV or Excel) as the API's {@code POST /api/sheets} takes it, by the
 * same {@link UserActions#submitSheet} (the same checks, the same stored revision and audit entry). A refused sheet
 * comes back on the same form with each error in a table against its field and row or cell; the unit's Excel
 * template is a link away. County supervisors send for their unit, city supervisors for the city or, with a reason,
 * on a county's behalf.
 */
@Controller
class SheetPages {

    /**
     * An intake message: its field path, where in a CSV or Excel file it is ("第 2 行 / row 2", "单元格 B5 / cell B5")
     * and what is wrong, as SheetReader writes them ("facts.x (单元格 B5 / cell B5): …").
     */
    private static final Pattern MESSAGE = Pattern.compile(
            "^([A-Za-z0-9_.\\-]{1,120})(?: \\(([^)]*)\\))?: (.*)$", Pattern.DOTALL);

    private final UserActions actions;
    private final Board board;
    private final MessageSource messages;

    SheetPages(UserActions actions, Board board, MessageSource messages) {
        this.actions = actions;
        this.board = board;
        this.messages = messages;
    }

    /** One error of a refused sheet, as the page's table shows it. */
    record SheetError(String field, String where, String message) {
    }

    @GetMapping("/upload")
    String form(@RequestParam(required = false) String period, @AuthenticationPrincipal Viewer viewer,
                Model model) {
        requireSubmitter(viewer);
        model.addAttribute("period", board.periodOrLatest(period).orElse(null));
        model.addAttribute("templateUnits", templateUnits(viewer));
        model.addAttribute("key", formKey());
        return "dashboard/upload";
    }

    /** The form's own key: the upload it sends is stored once, however often it is sent ({@link UserActions#uploadOnce}). */
    private static String formKey() {
        return "upload-" + UUID.randomUUID();
    }

    @PostMapping("/upload")
    String upload(@RequestPart(name = "file", required = false) MultipartFile file,
                  @RequestParam(required = false) String reason, @RequestParam(required = false) String key,
                  @AuthenticationPrincipal Viewer viewer, Locale locale, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) throws IOException {
        requireSubmitter(viewer);
        model.addAttribute("period", board.periodOrLatest(null).orElse(null));
        model.addAttribute("templateUnits", templateUnits(viewer));
        model.addAttribute("reason", reason);
        // a refused upload comes back on a form of its own: the corrected file is another upload
        model.addAttribute("key", formKey());
        if (file == null || file.isEmpty()) {
            model.addAttribute("problem", "file: 请选择要上传的报表文件 / choose a sheet file to upload");
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "dashboard/upload";
        }
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? "sheet.json" : file.getOriginalFilename().replaceAll(".*[/\\\\]", "");
        model.addAttribute("fileName", name);
        if (file.getSize() > SheetReader.MAX_BYTES) {
            model.addAttribute("problem", "file: " + SheetReader.tooLarge(file.getSize()));
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            return "dashboard/upload";
        }
        UserActions.Stored stored;
        try {
            // a form without its key (an old page) stores every time, as before
            stored = key == null || key.isBlank()
                    ? stored(actions.submitSheet(name, SheetFormat.of(name), file.getBytes(), reason, viewer, "file"))
                    : actions.uploadOnce(key, name, SheetFormat.of(name), file.getBytes(), reason, viewer);
        } catch (ApiProblem e) {
            String problem = Actions.refusal(e);
            model.addAttribute("problem", problem);
            model.addAttribute("errors", errors(e, Words.english(locale)));
            response.setStatus(e.status().value());
            return "dashboard/upload";
        }
        redirect.addFlashAttribute("doneText", messages.getMessage("flash.sheetStored", new Object[] {
                board.unitNames().getOrDefault(stored.unit(), stored.unit()), stored.period(),
                Integer.toString(stored.revision())}, locale));
        if (!viewer.reads(stored.unit())) {
            return "redirect:/upload";
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/units/{unit}").queryParam("period", stored.period())
                .buildAndExpand(stored.unit()).toUriString();
    }

    private static UserActions.Stored stored(Submissions.Revision r) {
        return new UserActions.Stored(r.unit(), r.period().toString(), r.revision());
    }

    /** The template of a unit and month as a link the form below the upload can name ({@code ?unit=&period=}). */
    @GetMapping("/template")
    String template(@RequestParam(required = false) String unit, @RequestParam(required = false) String period,
                    @AuthenticationPrincipal Viewer viewer) {
        Unit u = board.catalogue().unit(unit == null ? "" : unit).filter(x -> viewer.reads(x.id()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (period == null || !period.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/units/{unit}/template/{period}.xlsx")
                .buildAndExpand(u.id(), period).toUriString();
    }

    /** The errors of a refusal, each split into its field, its place in the file and what is wrong. */
    static List<SheetError> errors(ApiProblem e, boolean english) {
        List<SheetError> errors = new ArrayList<>();
        for (ApiProblem.FieldError error : e.errors()) {
            Matcher m = MESSAGE.matcher(error.message());
            if (m.matches() && m.group(1).equals(error.field())) {
                errors.add(new SheetError(error.field(), language(m.group(2), english),
                        language(m.group(3), english)));
            } else {
                errors.add(new SheetError(error.field(), null, language(error.message(), english)));
            }
        }
        return errors;
    }

    /**
     * A message written "中文 / English" in the reader's language: Chinese first with the English beside it, or the
     * English alone; a message that is not written in exactly two halves is shown whole.
     */
    static String language(String message, boolean english) {
        if (message == null || !english) {
            return message;
        }
        int at = message.indexOf(" / ");
        if (at < 0 || message.indexOf(" / ", at + 3) >= 0) {
            return message;
        }
        return message.substring(at + 3);
    }

    /** The units whose template the viewer may download here: its own, or for the city every supervised unit. */
    private List<Unit> templateUnits(Viewer viewer) {
        return board.units(viewer);
    }

    private static void requireSubmitter(Viewer viewer) {
        if (viewer.role() != Role.COUNTY && viewer.role() != Role.CITY) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }
}
