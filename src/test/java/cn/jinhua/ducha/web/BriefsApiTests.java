package cn.jinhua.ducha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import cn.jinhua.ducha.brief.Brief;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ContentDisposition;
import tools.jackson.databind.JsonNode;

/** GET /api/briefs/{period}.docx and .xlsx: the 例会 brief as a download, for city supervisors and auditors. */
class BriefsApiTests {

    private static TestServer server;

    @BeforeAll
    static void judgeSeptember() {
        server = TestServer.shared();
        server.samplesJudged("2023-08", "2023-09");
    }

    private static HttpResponse<byte[]> get(String user, String path) {
        return server.sendForBytes(server.request(user, path).GET().build());
    }

    @Test
    void citySupervisorDownloadsTheWordBriefNamedInChinese() throws IOException {
        HttpResponse<byte[]> r = get("city", "/api/briefs/2023-09.docx");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        String disposition = r.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).startsWith("attachment;").contains("filename=\"ducha-brief-2023-09.docx\"")
                .contains("filename*=UTF-8''");
        assertThat(URLDecoder.decode(disposition.substring(disposition.indexOf("UTF-8''") + 7),
                StandardCharsets.UTF_8)).isEqualTo("督查通报-2023-09.docx");
        assertThat(ContentDisposition.parse(disposition).getFilename()).isEqualTo("督查通报-2023-09.docx");
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(r.body()))) {
            assertThat(doc.getParagraphs().get(0).getText()).isEqualTo(Brief.TITLE);
            assertThat(doc.getParagraphs().get(1).getText()).isEqualTo("2023 年第 9 期");
        }
    }

    @Test
    void auditorDownloadsTheWorkbookCountingChangesSinceAnEarlierMonth() throws IOException {
        HttpResponse<byte[]> r = get("auditor", "/api/briefs/2023-09.xlsx?since=2023-07");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains(Templates.XLSX);
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("filename=\"ducha-brief-2023-09.xlsx\"");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
            assertThat(book.getSheet("概况 Summary").getRow(5).getCell(1).getStringCellValue()).isEqualTo("2023-07");
            assertThat(book.getSheet("全部结论 Verdicts").getCTWorksheet().isSetAutoFilter()).isTrue();
        }
    }

    /**
     * {@code text} without the notes, reasons and names that users wrote into the shared server's store (other tests
     * close alerts with Chinese notes): the brief quotes them as written, in either edition.
     */
    private static String withoutWhatUsersWrote(String text) {
        String left = text;
        for (JsonNode alert : TestServer.json(server.get("city", "/api/alerts"))) {
            for (JsonNode event : alert.path("history")) {
                for (String field : List.of("note", "by")) {
                    String written = event.path(field).asString("");
                    if (!written.isBlank()) {
                        left = left.replace(written, "");
                    }
                }
            }
        }
        return left;
    }

    /** The text of a Word document: its paragraphs and tables. */
    private static String text(XWPFDocument doc) {
        StringBuilder text = new StringBuilder();
        doc.getParagraphs().forEach(p -> text.append(p.getText()).append('\n'));
        doc.getTables().forEach(t -> text.append(t.getText()).append('\n'));
        return text.toString();
    }

    @Test
    void aRequestInEnglishGetsTheEnglishEdition() throws IOException {
        HttpResponse<byte[]> r = server.sendForBytes(server.request("city", "/api/briefs/2023-09.docx")
                .header("Accept-Language", "en").GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Language")).contains("en");
        assertThat(ContentDisposition.parse(r.headers().firstValue("Content-Disposition").orElseThrow())
                .getFilename()).isEqualTo("supervision-brief-2023-09.docx");
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(r.body()))) {
            assertThat(doc.getParagraphs().get(1).getText()).isEqualTo("No. 9 of 2023");
            assertThat(withoutWhatUsersWrote(text(doc))).contains("1. Summary").doesNotContainPattern("\\p{IsHan}");
        }
        HttpResponse<byte[]> book = server.sendForBytes(server.request("auditor", "/api/briefs/2023-09.xlsx")
                .header("Accept-Language", "en-GB,en;q=0.9,zh;q=0.5").GET().build());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(book.body()))) {
            assertThat(workbook.getSheetName(0)).isEqualTo("Summary");
        }
    }

    @Test
    void theLangParameterChoosesTheEditionOverTheRequestsLanguage() throws IOException {
        HttpResponse<byte[]> english = get("city", "/api/briefs/2023-09.docx?lang=en");
        assertThat(english.headers().firstValue("Content-Language")).contains("en");
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(english.body()))) {
            assertThat(withoutWhatUsersWrote(text(doc))).doesNotContainPattern("\\p{IsHan}");
        }
        HttpResponse<byte[]> chinese = server.sendForBytes(server.request("city", "/api/briefs/2023-09.docx?lang=zh")
                .header("Accept-Language", "en").GET().build());
        assertThat(chinese.headers().firstValue("Content-Language")).contains("zh-CN");
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(chinese.body()))) {
            assertThat(doc.getParagraphs().get(0).getText()).isEqualTo(Brief.TITLE);
        }
        HttpResponse<String> bad = server.get("city", "/api/briefs/2023-09.docx?lang=fr");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(bad).get("errors").get(0).get("field").asString()).isEqualTo("lang");
    }

    private static HttpResponse<byte[]> download(HttpClient browser, String path) throws IOException {
        try {
            return browser.send(HttpRequest.newBuilder(server.base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void theDashboardInEnglishDownloadsTheEnglishEdition() throws IOException {
        HttpClient browser = server.signedIn("city");
        assertThat(TestServer.send(browser, HttpRequest.newBuilder(server.base.resolve("/report?lang=en")).GET()
                .build()).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> english = download(browser, "/briefs/2023-09.docx");
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.headers().firstValue("Content-Language")).contains("en");
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(english.body()))) {
            assertThat(withoutWhatUsersWrote(text(doc))).contains("1. Summary").doesNotContainPattern("\\p{IsHan}");
        }
        TestServer.send(browser, HttpRequest.newBuilder(server.base.resolve("/report?lang=zh")).GET().build());
        HttpResponse<byte[]> chinese = download(browser, "/briefs/2023-09.xlsx");
        assertThat(chinese.headers().firstValue("Content-Language")).contains("zh-CN");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(chinese.body()))) {
            assertThat(book.getSheetName(0)).isEqualTo("概况 Summary");
        }
    }

    @Test
    void countySupervisorsAndAdministratorsHaveNone() {
        assertThat(get("lanxi", "/api/briefs/2023-09.docx").statusCode()).isEqualTo(403);
        assertThat(get("admin", "/api/briefs/2023-09.xlsx").statusCode()).isEqualTo(403);
        assertThat(get(null, "/api/briefs/2023-09.docx").statusCode()).isEqualTo(401);
    }

    @Test
    void aMonthNotJudgedIsNotFoundAndABadMonthIsRefused() {
        HttpResponse<String> missing = server.get("city", "/api/briefs/2021-09.docx");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(TestServer.json(missing).get("detail").asString()).contains("2021-09");
        HttpResponse<String> bad = server.get("city", "/api/briefs/2023-9.docx");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(bad).get("errors").get(0).get("field").asString()).isEqualTo("period");
        HttpResponse<String> since = server.get("city", "/api/briefs/2023-09.docx?since=2023-09");
        assertThat(since.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(since).get("errors").get(0).get("field").asString()).isEqualTo("since");
    }
}
