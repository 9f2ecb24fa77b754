package cn.jinhua.ducha.web;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.factsheet.ExcelTemplate;
import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.SheetFormat;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.Submissions;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * A unit's Excel template for a period, as a download: the values it owes, with its latest stored sheet of the
 * month before for reference. One place for the API and the dashboard; whoever calls has checked the viewer.
 */
@Component
public class Templates {

    /** The media type of an .xlsx file. */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Store store;
    private final RulesInForce rules;

    Templates(Store store, RulesInForce rules) {
        this.store = store;
        this.rules = rules;
    }

    /** The template of {@code unit} for {@code period}, named {@code unit-YYYY-MM.xlsx}. */
    public ResponseEntity<byte[]> download(Unit unit, YearMonth period) {
        byte[] file = ExcelTemplate.write(rules.current().catalogue(), unit, period,
                lastPeriod(unit, period).orElse(null));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("%s-%s.xlsx".formatted(unit.id(), period)).build().toString())
                .body(file);
    }

    /** The unit's latest stored sheet for the month before, read again in its own format. */
    private Optional<FactSheet> lastPeriod(Unit unit, YearMonth period) {
        List<Submissions.Revision> revisions = store.submissions().revisions(unit.id(), period.minusMonths(1));
        if (revisions.isEmpty()) {
            return Optional.empty();
        }
        Submissions.Revision last = revisions.get(revisions.size() - 1);
        return DuchaServer.reader(rules).read(last.source(), SheetFormat.of(last.source()), last.content()).sheet();
    }
}
