package cn.jinhua.ducha.web;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Optional;

import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.brief.Brief;
import cn.jinhua.ducha.brief.BriefFormat;
import cn.jinhua.ducha.brief.Briefs;
import cn.jinhua.ducha.store.Store;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The 例会 brief of a period as a download, for the API and the dashboard alike; whoever calls has checked the
 * viewer ({@link Viewer#readsBriefs()}). The edition is the request's language as {@link Languages} resolves it
 * (the {@value Languages#COOKIE} cookie, else {@code Accept-Language}): the English one for English, the Chinese
 * 督查通报 otherwise. The file is named in Chinese (督查通报-2023-09.docx) through RFC 5987's
 * {@code filename*}, with an ASCII name beside it for clients that read only {@code filename}.
 */
@Component
public class Briefings {

    private final Store store;
    private final Supervision supervision;
    private final RulesInForce rules;

    Briefings(Store store, Supervision supervision, RulesInForce rules) {
        this.store = store;
        this.supervision = supervision;
        this.rules = rules;
    }

    /**
     * The brief of {@code period} in {@code format}, counting the alerts' changes after {@code since} (null: the
     * month before); empty when the period has not been judged.
     *
     * @throws IllegalArgumentException when {@code since} is not before {@code period}
     */
    public Optional<ResponseEntity<byte[]>> download(YearMonth period, YearMonth since, BriefFormat format) {
        return download(period, since, format, LocaleContextHolder.getLocale());
    }

    /**
     * The same in the edition {@code language} asks for: English for English, the Chinese 督查通报 otherwise. The
     * answer says which in {@code Content-Language}.
     */
    public Optional<ResponseEntity<byte[]>> download(YearMonth period, YearMonth since, BriefFormat format,
                                                     Locale language) {
        Optional<Brief> brief = new Briefs(store, supervision, rules.current().catalogue()).of(period, since,
                language);
        return brief.map(b -> ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(format.mediaType()))
                .header(HttpHeaders.CONTENT_LANGUAGE, b.isEnglish() ? "en" : "zh-CN")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE + ", " + HttpHeaders.COOKIE)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(format.asciiFileName(b), format.fileName(b)))
                .body(format.write(b)));
    }

    /** {@code attachment; filename="ascii"; filename*=UTF-8''…}: both names, each encoded by Spring's own rules. */
    static String disposition(String ascii, String name) {
        String plain = ContentDisposition.attachment().filename(ascii).build().toString();
        String utf8 = ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString();
        return plain + utf8.substring(utf8.indexOf(';'));
    }
}
