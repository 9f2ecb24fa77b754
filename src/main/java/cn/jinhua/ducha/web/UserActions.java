package cn.jinhua.ducha.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.TrackedAlert;
import cn.jinhua.ducha.alerting.Waivers;
import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.evaluation.Alert;
import cn.jinhua.ducha.evaluation.Verdict;
import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.SheetFormat;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.store.Judgements;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.Submissions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a signed-in user changes, checked once for the API and the dashboard alike: a sheet submitted, an alert
 * acknowledged or closed, a waiver granted, a period judged, overdue alerts escalated. Each check is the API's (the
 * role and the unit, {@link TextFields} on free text) and each change goes through the service that writes its
 * audit-chain entry, so that an act leaves the same record whichever way it came in.
 *
 * <p>A refusal is an {@link ApiProblem} naming the field (the API answers it as problem+json, the dashboard shows
 * it beside the form); the services' own refusals ({@link IllegalArgumentException}, StoreException) pass through.
 */
@Component
public class UserActions {

    /** What the notes and reasons' columns hold (V3__alerting.sql: varchar(2000)); a little less, to be sure. */
    static final int MAX_TEXT = 1000;
    /** What a sheet's replacement reason may hold. */
    static final int MAX_REASON = 500;

    private final Store store;
    private final RulesInForce rules;
    private final Supervision supervision;
    private final Waivers waivers;
    private final MeterRegistry meters;
    private final Idempotency idempotency;
    private final JsonMapper json;

    UserActions(Store store, RulesInForce rules, Supervision supervision, Waivers waivers, MeterRegistry meters,
                Idempotency idempotency, JsonMapper json) {
        this.store = store;
        this.rules = rules;
        this.supervision = supervision;
        this.waivers = waivers;
        this.meters = meters;
        this.idempotency = idempotency;
        this.json = json;
    }

    /** What an upload stored, as a page names it: the unit, the month and the revision. */
    public record Stored(String unit, String period, int revision) {
    }

    /**
     * {@link #submitSheet} once per {@code key} and user (the API's {@code Idempotency-Key}, the dashboard's form):
     * the same key with the same sheet and reason answers what the first request stored, and stores nothing more;
     * with another sheet it is refused (422, {@code Idempotency-Key}). Without a key, every request stores. The
     * sheet is read and checked before the store's lock is taken; only storing it holds the lock.
     *
     * @return the answer as first given: 201 and the stored revision as the API writes it
     */
    Idempotency.Answer submitSheetOnce(String key, String name, SheetFormat format, byte[] bytes, String reason,
                                       Viewer viewer, String whole) {
        byte[] request = request(format, reason, bytes);
        return idempotency.answer(viewer.username(), key, request, () -> checked(name, format, bytes, reason, viewer,
                whole), sheet -> new Idempotency.Answer(201, json.writeValueAsString(SheetsController.RevisionView.of(
                        stored(sheet, bytes, viewer)))));
    }

    /** What a key's request is, to tell a retry from another request: the format, the reason, the bytes. */
    private static byte[] request(SheetFormat format, String reason, byte[] bytes) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        byte[] head = Idempotency.bytes(format.name() + "\n" + (why == null ? "" : why) + "\n");
        byte[] request = new byte[head.length + bytes.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(bytes, 0, request, head.length, bytes.length);
        return request;
    }

    /**
     * A sheet uploaded from the dashboard's form, once per form ({@code key}, made when the form was shown): sent
     * twice (a double click, a page sent again), it is stored once and both answers name that revision. A form
     * whose key already went with another file (the browser's back button, another file chosen) is that file's own
     * upload, under a key of the form's and the file's, stored once too; and a file whose earlier upload has since
     * been replaced by another is stored again, since sending it again puts it back in force.
     */
    public Stored uploadOnce(String key, String name, SheetFormat format, byte[] bytes, String reason,
                             Viewer viewer) {
        String file = Idempotency.sha256(request(format, reason, bytes));
        Stored stored;
        try {
            stored = stored(submitSheetOnce(key, name, format, bytes, reason, viewer, "file"));
        } catch (ApiProblem e) {
            if (e.type() != ProblemType.IDEMPOTENCY_KEY_REUSED) {
                throw e;
            }
            stored = stored(submitSheetOnce(key + "/" + file, name, format, bytes, reason, viewer, "file"));
        }
        // replaced since by another file: sent again, it is put back in force, once however often this is sent
        // (the key names the revision it answered before, which does not change between two sends)
        while (stored.revision() < store.submissions().find(stored.unit(), YearMonth.parse(stored.period()))
                .size()) {
            stored = stored(submitSheetOnce(key + "/" + file + "/after-" + stored.revision(), name, format, bytes,
                    reason, viewer, "file"));
        }
        return stored;
    }

    private Stored stored(Idempotency.Answer answer) {
        JsonNode stored = json.readTree(answer.body());
        return new Stored(stored.get("unit").asString(), stored.get("period").asString(),
                stored.get("revision").asInt());
    }

    /**
     * Reads, checks and stores one sheet as the next revision of its unit and period; a refused sheet stores nothing.
     *
     * @param name   the file name it came under (its extension need not match {@code format})
     * @param reason why the city sends or replaces a county-level unit's sheet; null or blank otherwise
     * @param whole  the field that names the sheet as a whole, for errors of the whole file ("file", "(body)")
     * @throws ApiProblem 422 with every error of a refused sheet, each under the field it names; 403 when the viewer
     *                    may not submit for the sheet's unit; 400 for a missing or unacceptable reason
     */
    public Submissions.Revision submitSheet(String name, SheetFormat format, byte[] bytes, String reason,
                                            Viewer viewer, String whole) {
        return stored(checked(name, format, bytes, reason, viewer, whole), bytes, viewer);
    }

    /** A sheet read and checked, not stored yet, with the reason it is to be stored with (or null). */
    record Checked(FactSheet sheet, SheetFormat format, String reason) {
    }

    /** Reads and checks a sheet as {@link #submitSheet} does, and stores nothing. */
    private Checked checked(String name, SheetFormat format, byte[] bytes, String reason, Viewer viewer,
                            String whole) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        TextFields.checked("reason", why, MAX_REASON);
        // The store reads a sheet again by the extension of the name it was received under: make it say the format.
        String extension = "." + format.name().toLowerCase(Locale.ROOT);
        String source = "http:" + viewer.username() + ":" + name
                + (SheetFormat.of(name) == format && name.contains(".") ? "" : extension);
        SheetReader.Result result = DuchaServer.reader(rules).read(source, format, bytes);
        if (result.rejection().isPresent()) {
            meters.counter("ducha.sheets.rejected", "format", format.name()).increment();
            throw SheetsController.rejected(result.rejection().get(), whole);
        }
        FactSheet sheet = result.sheet().orElseThrow();
        // the city sends or replaces a county-level unit's sheet on its behalf only with a recorded reason
        boolean onBehalf = viewer.role() == Role.CITY && sheet.unit().isLocal();
        if (!onBehalf && !viewer.submitsFor(sheet.unit().id())) {
            meters.counter("ducha.sheets.rejected", "format", format.name()).increment();
            throw ApiProblem.forbidden("unit", "您(%s)不能为 %s 报送报表 / you (%s) may not submit for %s"
                    .formatted(viewer.role().label(), sheet.unit().name(), viewer.username(), sheet.unit().id()));
        }
        if (onBehalf && why == null) {
            meters.counter("ducha.sheets.rejected", "format", format.name()).increment();
            throw ApiProblem.invalid("reason", ("市级督查员代 %s 报送或替换报表须说明理由 / a city supervisor sending or "
                    + "replacing %s's sheet needs a reason").formatted(sheet.unit().name(), sheet.unit().id()));
        }
        return new Checked(sheet, format, onBehalf ? why : null);
    }

    /** Stores a checked sheet as the next revision of its unit and period. */
    private Submissions.Revision stored(Checked checked, byte[] bytes, Viewer viewer) {
        Submissions.Revision stored = store.submissions().add(checked.sheet(), bytes, viewer.username(),
                checked.reason());
        meters.counter("ducha.sheets.stored", "format", checked.format().name()).increment();
        return stored;
    }

    /** Acknowledges alert {@code id}: its county or the city, with an optional note. */
    public TrackedAlert acknowledge(long id, String note, Viewer viewer) {
        TrackedAlert t = readableAlert(id, viewer);
        if (!viewer.acknowledges(t.unit())) {
            throw ApiProblem.forbidden("您不能签收 %s 的预警 / you may not acknowledge %s's alerts"
                    .formatted(t.unit(), t.unit()));
        }
        String checked = TextFields.checked("note", note == null || note.isBlank() ? null : note, MAX_TEXT);
        return supervision.acknowledge(id, viewer.username(), checked);
    }

    /** Closes alert {@code id} by hand, with a reason: city supervisors. */
    public TrackedAlert close(long id, String reason, Viewer viewer) {
        readableAlert(id, viewer);
        requireCity(viewer);
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.invalid("reason", "关闭预警须说明理由 / closing an alert needs a reason");
        }
        return supervision.close(id, viewer.username(), TextFields.checked("reason", reason, MAX_TEXT));
    }

    /**
     * Grants a waiver (豁免) of a unit's commitment for the months {@code from} to {@code to}, lapsing on
     * {@code expires}: city supervisors, who approve it by granting (the waiver records them as its grantor).
     */
    public Waivers.Granted grantWaiver(String unit, String commitment, String from, String to, String reason,
                                       String expires, Viewer viewer) {
        requireCity(viewer);
        Catalogue catalogue = rules.current().catalogue();
        if (unit == null || catalogue.unit(unit).isEmpty()) {
            throw ApiProblem.invalid("unit", "未知单位 \"%s\" / unknown unit".formatted(unit));
        }
        if (commitment == null || catalogue.commitment(commitment).isEmpty()) {
            throw ApiProblem.invalid("commitment", "未知承诺 \"%s\" / unknown commitment".formatted(commitment));
        }
        YearMonth first = EvaluationsController.month("from", from);
        YearMonth last = EvaluationsController.month("to", to);
        if (expires == null || expires.isBlank()) {
            throw ApiProblem.invalid("expires", "缺失：豁免须有失效日期 / is missing: a waiver lapses on a day");
        }
        LocalDate lapses;
        try {
            lapses = LocalDate.parse(expires.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid("expires", "\"%s\" 不是 YYYY-MM-DD 格式的日期 / is not a date written YYYY-MM-DD"
                    .formatted(expires));
        }
        String id = catalogue.unit(unit).orElseThrow().id();
        return waivers.grant(id, commitment, first, last, TextFields.checked("reason", reason, MAX_TEXT), lapses,
                viewer.username());
    }

    /** Judges {@code period} from the store's latest sheets, records the run and follows its alerts up: the city. */
    public Judgements.Recorded evaluate(String period, Viewer viewer) {
        requireCity(viewer);
        Judgements.Recorded recorded = supervision.evaluate(rules.current(),
                EvaluationsController.month("period", period), viewer.username());
        meters.counter("ducha.evaluations").increment();
        for (Verdict v : recorded.evaluation().verdicts()) {
            meters.counter("ducha.verdicts", "light", v.light() == null ? "NONE" : v.light().name()).increment();
        }
        for (Alert a : recorded.evaluation().alerts()) {
            meters.counter("ducha.alerts", "level", a.level().name()).increment();
        }
        return recorded;
    }

    /** 督办升级: escalates every alert past its rectification deadline now, as the schedule does: the city. */
    public List<TrackedAlert> escalateOverdue(Viewer viewer) {
        requireCity(viewer);
        return supervision.escalateOverdue(viewer.username());
    }

    /** The alert if the viewer may read its unit; what one may not read does not exist (404). */
    TrackedAlert readableAlert(long id, Viewer viewer) {
        return supervision.find(id).filter(t -> viewer.reads(t.unit()))
                .orElseThrow(() -> ApiProblem.notFound("没有预警 %d / there is no alert %d".formatted(id, id)));
    }

    private static void requireCity(Viewer viewer) {
        if (!viewer.followsUpForTheCity()) {
            throw ApiProblem.forbidden("您的角色无权执行此操作 / your role may not do this");
        }
    }
}
