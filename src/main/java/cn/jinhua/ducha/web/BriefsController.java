package cn.jinhua.ducha.web;

import java.time.YearMonth;
import java.util.Locale;

import cn.jinhua.ducha.brief.BriefFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 例会通报: the meeting brief of a judged period as Word or Excel, for city supervisors and auditors (Security). A
 * county supervisor has none: the brief carries every unit's lights, alerts and red items, more than a county reads.
 * The English edition for {@code lang=en} or a request in English (Accept-Language, the language cookie).
 */
@RestController
@Tag(name = "通报 briefs", description = "例会督查通报 / the meeting brief")
class BriefsController {

    private final Briefings briefings;

    BriefsController(Briefings briefings) {
        this.briefings = briefings;
    }

    @GetMapping("/api/briefs/{period}.docx")
    @Operation(summary = "某月的例会督查通报(Word) / a period's meeting brief as a Word document")
    ResponseEntity<byte[]> word(@PathVariable String period, @RequestParam(required = false) String since,
                                @RequestParam(required = false) String lang, Locale locale) {
        return brief(period, since, lang, locale, BriefFormat.DOCX);
    }

    @GetMapping("/api/briefs/{period}.xlsx")
    @Operation(summary = "某月的例会督查通报(Excel) / a period's meeting brief as a workbook")
    ResponseEntity<byte[]> workbook(@PathVariable String period, @RequestParam(required = false) String since,
                                    @RequestParam(required = false) String lang, Locale locale) {
        return brief(period, since, lang, locale, BriefFormat.XLSX);
    }

    /**
     * The brief in {@code lang} ({@code zh} or {@code en}) when given, else in the request's language ({@code locale}:
     * the {@value Languages#COOKIE} cookie, else {@code Accept-Language}).
     */
    private ResponseEntity<byte[]> brief(String period, String since, String lang, Locale locale, BriefFormat format) {
        Locale language = lang == null ? locale : switch (lang) {
            case "en" -> Locale.ENGLISH;
            case "zh" -> Languages.CHINESE;
            default -> throw ApiProblem.invalid("lang", "%s 须为 zh 或 en / must be zh or en".formatted(lang));
        };
        YearMonth month = EvaluationsController.month("period", period);
        YearMonth after = since == null ? null : EvaluationsController.month("since", since);
        if (after != null && !after.isBefore(month)) {
            throw ApiProblem.invalid("since", "%s 须早于通报月份 %s / must be before the period %s"
                    .formatted(after, month, month));
        }
        return briefings.download(month, after, format, language).orElseThrow(() -> ApiProblem.notFound(
                "%s 尚无评判 / %s has not been judged".formatted(month, month)));
    }
}
