package cn.jinhua.ducha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's upload form is stored once however often it is sent (a double click, a page sent again): the form
 * carries a key of its own, which the upload uses as the API's Idempotency-Key; a file sent again after another
 * replaced it is stored again, to be in force. Over real HTTP, signed in as 兰溪's
 * county supervisor on the shared server, with a month no other test sends (2023-11).
 */
class UploadOnceTests {

    private static final Pattern HIDDEN = Pattern.compile("name=\"(_csrf|key)\"[^>]*value=\"([^\"]+)\"");
    private static final String SHEETS = "/api/sheets?unit=lanxi&period=2023-11";

    private final TestServer server = TestServer.shared();

    @Test
    void aFormSentTwiceStoresItsSheetOnceAndAnotherFileOnTheSameFormIsItsOwnUpload() {
        HttpClient browser = server.signedIn("lanxi");
        Form form = form(browser);
        byte[] sheet = TestServer.sample("2023-11", "lanxi");
        int before = revisions();

        HttpResponse<String> first = upload(browser, form, sheet);
        HttpResponse<String> again = upload(browser, form, sheet);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/units/lanxi?period=2023-11"));
        assertThat(revisions()).as("one revision for the form sent twice").isEqualTo(before + 1);

        // back on the same page, another file chosen: its own upload, once too
        byte[] corrected = new String(sheet, StandardCharsets.UTF_8)
                .replaceFirst("\"submittedBy\": \"[^\"]*\"", "\"submittedBy\": \"兰溪市营商办 (更正)\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(corrected).isNotEqualTo(sheet);
        assertThat(upload(browser, form, corrected).statusCode()).isEqualTo(302);
        assertThat(upload(browser, form, corrected).statusCode()).isEqualTo(302);
        assertThat(revisions()).as("the corrected file stored once").isEqualTo(before + 2);

        // the first file again on that page, after the corrected one replaced it: back in force, stored once more
        assertThat(upload(browser, form, sheet).statusCode()).isEqualTo(302);
        assertThat(upload(browser, form, sheet).statusCode()).isEqualTo(302);
        assertThat(revisions()).as("the first file put back once").isEqualTo(before + 3);
        HttpResponse<String> latest = server.get("city", SHEETS);
        JsonNode last = TestServer.json(latest).get(before + 2);
        assertThat(last.get("revision").asInt()).isEqualTo(before + 3);
        assertThat(server.send(server.request("city", last.get("content").asString()).GET().build()).body()
                .getBytes(StandardCharsets.UTF_8)).as("the latest revision is the first file").isEqualTo(sheet);

        // a new form is a new upload
        assertThat(upload(browser, form(browser), sheet).statusCode()).isEqualTo(302);
        assertThat(revisions()).isEqualTo(before + 4);
    }

    private int revisions() {
        HttpResponse<String> listed = server.get("city", SHEETS);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        return TestServer.json(listed).size();
    }

    /** The upload page's CSRF token and form key. */
    private record Form(String csrf, String key) {
    }

    private Form form(HttpClient browser) {
        HttpResponse<String> page = TestServer.send(browser, HttpRequest.newBuilder(server.base.resolve("/upload"))
                .GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        String csrf = null;
        String key = null;
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            if (m.group(1).equals("_csrf")) {
                csrf = m.group(2);
            } else {
                key = m.group(2);
            }
        }
        assertThat(key).as("the form's key").startsWith("upload-");
        assertThat(csrf).as("the form's CSRF token").isNotNull();
        return new Form(csrf, key);
    }

    private HttpResponse<String> upload(HttpClient browser, Form form, byte[] sheet) {
        String boundary = "----ducha" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n" + form.key()
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lanxi.json\""
                + "\r\nContent-Type: application/json\r\n\r\n";
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + sheet.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(sheet, 0, body, start.length, sheet.length);
        System.arraycopy(end, 0, body, start.length + sheet.length, end.length);
        return TestServer.send(browser, HttpRequest.newBuilder(server.base.resolve("/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-CSRF-TOKEN", form.csrf())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

}
