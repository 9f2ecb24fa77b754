package cn.jinhua.ducha.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.jinhua.ducha.factsheet.Rejection;
import cn.jinhua.ducha.factsheet.SheetFormat;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.Submissions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * 报表: sheets submitted as JSON, CSV or Excel, checked as the command line checks them, each stored as the next
 * revision of its unit and period. A refused sheet stores nothing: the sender gets every error back at once.
 */
@RestController
@Tag(name = "报表 sheets", description = "报送与查阅报表 / submit and read fact sheets")
class SheetsController {

    static final String XLSX = Templates.XLSX;
    /** How much of an oversized body is read and dropped before the connection is given up. */
    private static final long DRAINED = 64L * 1024 * 1024;
    /** A message's leading field path, as the sheet reader writes it: "facts.x: …" or "unit (第 2 行 / row 2): …". */
    private static final Pattern FIELD = Pattern.compile("^([A-Za-z0-9_.\\-]{1,120})(?: \\([^)]*\\))?: .*$",
            Pattern.DOTALL);

    private static final String REASON = "替换已报送报表的理由(市级替换县级报表时必填) / why this replaces a sheet "
            + "already sent (required when the city replaces a county's sheet)";

    private final Store store;
    private final RulesInForce rules;
    private final JsonMapper json;
    private final UserActions actions;

    SheetsController(Store store, RulesInForce rules, JsonMapper json, UserActions actions) {
        this.store = store;
        this.rules = rules;
        this.json = json;
        this.actions = actions;
    }

    /** A stored revision as the API shows it; {@code content} is the exact bytes received, at its own address. */
    record RevisionView(long id, String unit, String period, int revision, String source, String sha256,
                        String submittedBy, String receivedBy, Instant receivedAt, String content, String reason) {

        static RevisionView of(Submissions.Revision r) {
            return new RevisionView(r.id(), r.unit(), r.period().toString(), r.revision(), r.source(), r.sha256(),
                    r.submittedBy(), r.receivedBy(), r.receivedAt(), "/api/sheets/" + r.id() + "/content",
                    r.reason());
        }
    }

    /** A sheet and every revision of its unit and period. */
    record SheetView(RevisionView sheet, List<RevisionView> revisions) {
    }

    @Operation(summary = "上传报表文件 / upload a sheet file (.json, .csv or .xlsx)")
    @PostMapping(path = "/api/sheets", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<String> upload(@RequestPart("file") MultipartFile file,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  @Parameter(description = REASON)
                                  @RequestParam(name = "reason", required = false) String reason,
                                  @AuthenticationPrincipal Viewer viewer) throws IOException {
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? "sheet.json" : file.getOriginalFilename();
        if (file.getSize() > SheetReader.MAX_BYTES) {
            throw tooLarge("file", file.getSize());
        }
        return submit(name, SheetFormat.of(name), file.getBytes(), key, viewer, "file", reason);
    }

    @Operation(summary = "报送报表 / submit a sheet as the request body: JSON, CSV (UTF-8 or GBK) or Excel")
    @PostMapping(path = "/api/sheets", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv", XLSX})
    ResponseEntity<String> submit(HttpServletRequest request,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  @Parameter(description = "文件名，仅用于记录 / a file name, for the record only")
                                  @RequestParam(name = "name", required = false) String name,
                                  @Parameter(description = REASON)
                                  @RequestParam(name = "reason", required = false) String reason,
                                  @AuthenticationPrincipal Viewer viewer) throws IOException {
        MediaType type = MediaType.parseMediaType(request.getContentType());
        SheetFormat format = type.isCompatibleWith(MediaType.APPLICATION_JSON) ? SheetFormat.JSON
                : type.isCompatibleWith(MediaType.parseMediaType("text/csv")) ? SheetFormat.CSV : SheetFormat.XLSX;
        byte[] bytes = readLimited(request.getInputStream(), format);
        return submit(name != null && !name.isBlank() ? name : "sheet", format, bytes, key, viewer, "(body)",
                reason);
    }

    /** Reads, checks and stores one sheet once per idempotency key; {@code whole} names the sheet as a field. */
    private ResponseEntity<String> submit(String name, SheetFormat format, byte[] bytes, String key, Viewer viewer,
                                          String whole, String reason) {
        Idempotency.Answer answer = actions.submitSheetOnce(key, name, format, bytes, reason, viewer, whole);
        RevisionView view = json.readValue(answer.body(), RevisionView.class);
        return ResponseEntity.status(answer.status())
                .location(URI.create("/api/sheets/" + view.id()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(answer.body());
    }

    @Operation(summary = "查询报表 / sheets, of a unit and period where given; every revision")
    @GetMapping("/api/sheets")
    List<RevisionView> list(@RequestParam(name = "unit", required = false) String name,
                            @RequestParam(name = "period", required = false) String month,
                            @AuthenticationPrincipal Viewer viewer) {
        String unit = rules.unitId(name);
        YearMonth period = month == null ? null : EvaluationsController.month("period", month);
        if (unit != null && !viewer.reads(unit)) {
            throw ApiProblem.forbidden("unit", "您不能查阅 %s 的报表 / you may not read %s's sheets"
                    .formatted(unit, unit));
        }
        String only = unit != null ? unit : viewer.role() == Role.COUNTY ? viewer.unit() : null;
        return store.submissions().find(only, period).stream()
                .filter(r -> viewer.reads(r.unit()))
                .map(RevisionView::of)
                .toList();
    }

    @Operation(summary = "一份报表及其各版本 / one sheet with every revision of its unit and period")
    @GetMapping("/api/sheets/{id}")
    SheetView one(@PathVariable long id, @AuthenticationPrincipal Viewer viewer) {
        Submissions.Revision r = require(id, viewer);
        return new SheetView(RevisionView.of(r), store.submissions().revisions(r.unit(), r.period()).stream()
                .map(RevisionView::of).toList());
    }

    @Operation(summary = "报表原件(收到的字节) / the sheet's bytes exactly as received, as a download")
    @GetMapping("/api/sheets/{id}/content")
    ResponseEntity<byte[]> content(@PathVariable long id, @AuthenticationPrincipal Viewer viewer) {
        Submissions.Revision r = require(id, viewer);
        SheetFormat format = SheetFormat.of(r.source());
        // Served as bytes to save, never as text/csv or JSON a browser or spreadsheet would open in place: the bytes
        // are what a unit sent, and a cell in a column intake ignores is not checked for formulas.
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"sheet-" + id + "."
                        + format.name().toLowerCase(java.util.Locale.ROOT) + "\"")
                .body(r.content());
    }

    private Submissions.Revision require(long id, Viewer viewer) {
        Submissions.Revision r = store.submissions().byIds(List.of(id)).stream().findFirst()
                .orElseThrow(() -> ApiProblem.notFound("没有报表 %d / there is no sheet %d".formatted(id, id)));
        if (!viewer.reads(r.unit())) {
            // Not 403: a county supervisor learns nothing of other counties' sheets, not even that they exist.
            throw ApiProblem.notFound("没有报表 %d / there is no sheet %d".formatted(id, id));
        }
        return r;
    }

    /** A rejection as problem+json: every error, each with the field it names where it names one. */
    static ApiProblem rejected(Rejection rejection, String whole) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        for (String error : rejection.errors()) {
            Matcher m = FIELD.matcher(error);
            errors.add(m.matches() ? new ApiProblem.FieldError(m.group(1), error)
                    : new ApiProblem.FieldError(whole, error));
        }
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemType.SHEET_REJECTED,
                "报表有 %d 处错误，未存储 / the sheet has %d errors and was not stored"
                        .formatted(errors.size(), errors.size()), errors);
    }

    private static ApiProblem tooLarge(String field, long size) {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, ProblemType.TOO_LARGE, SheetReader.tooLarge(size),
                List.of(new ApiProblem.FieldError(field, SheetReader.tooLarge(size))));
    }

    /**
     * Reads a body up to the sheet limit. Past it the rest is read and dropped, so that the client hears the answer
     * instead of a reset connection; for JSON the answer names the field whose value was too long.
     */
    private static byte[] readLimited(InputStream in, SheetFormat format) throws IOException {
        byte[] head = in.readNBytes(SheetReader.MAX_BYTES + 1);
        if (head.length <= SheetReader.MAX_BYTES) {
            return head;
        }
        long size = head.length;
        byte[] buffer = new byte[64 * 1024];
        for (int n; size < DRAINED && (n = in.read(buffer)) > 0; ) {
            size += n;
        }
        String field = format == SheetFormat.JSON ? SheetReader.fieldAt(head) : "";
        throw tooLarge(field.isEmpty() ? "(body)" : field, size);
    }

}
