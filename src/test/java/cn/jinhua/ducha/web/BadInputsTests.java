package cn.jinhua.ducha.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import cn.jinhua.ducha.factsheet.Spreadsheets;
import cn.jinhua.ducha.factsheet.Spreadsheets.Line;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hostile and the mistaken sheets of issue 5, each sent over real HTTP: every one gets a 4xx problem+json that
 * names the field at fault, and none stores anything. Sheets saved by Excel in China (GBK CSV, UTF-8 CSV with a
 * byte-order mark) are read right.
 */
class BadInputsTests {

    private static TestServer server;
    private static Path secret;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.shared();
        secret = Files.createTempFile("secret", ".txt");
        Files.writeString(secret, "机密 TOP-SECRET-42");
    }

    private static JsonNode lanxi() {
        return TestServer.JSON.readTree(TestServer.sample("2023-09", "lanxi"));
    }

    private static byte[] json(JsonNode sheet) {
        return TestServer.JSON.writeValueAsBytes(sheet);
    }

    private static byte[] xlsx() {
        return Spreadsheets.xlsx(Spreadsheets.lines(lanxi()));
    }

    private static byte[] zipBomb() throws IOException {
        byte[] xlsx = xlsx();
        String worksheet = Spreadsheets.entry(xlsx, "xl/worksheets/sheet1.xml");
        return Spreadsheets.rezip(xlsx, "xl/worksheets/sheet1.xml",
                worksheet.replace("<sheetData>", "<sheetData>" + " ".repeat(20_000_000)).getBytes(UTF_8));
    }

    private static byte[] externalEntity() throws IOException {
        byte[] xlsx = xlsx();
        String worksheet = Spreadsheets.entry(xlsx, "xl/worksheets/sheet1.xml")
                .replaceFirst("<\\?xml[^>]*\\?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<!DOCTYPE worksheet [<!ENTITY secret SYSTEM \"" + secret.toUri() + "\">]>")
                .replace("<row r=\"2\">", "<row r=\"40\"><c r=\"C40\" t=\"inlineStr\"><is><t>&secret;</t></is></c>"
                        + "</row><row r=\"2\">");
        return Spreadsheets.rezip(xlsx, "xl/worksheets/sheet1.xml", worksheet.getBytes(UTF_8));
    }

    private static byte[] withFormulaText() {
        List<Line> lines = new ArrayList<>(Spreadsheets.lines(lanxi()));
        lines.replaceAll(l -> l.field().equals("submittedBy")
                ? Line.of("submittedBy", "=HYPERLINK(\"http://evil.example\",\"点此\")") : l);
        return Spreadsheets.csv(lines, UTF_8);
    }

    private static byte[] nested(int depth) {
        return ("{\"unit\":\"lanxi\",\"period\":\"2023-09\",\"facts\":" + "{\"a\":".repeat(depth) + "1"
                + "}".repeat(depth) + "}").getBytes(UTF_8);
    }

    private static byte[] longString(int length) {
        ObjectNode sheet = (ObjectNode) lanxi();
        sheet.put("submittedBy", "义".repeat(length / 3));
        return json(sheet);
    }

    private static byte[] misspelt() {
        ObjectNode sheet = (ObjectNode) lanxi();
        sheet.set("submitedBy", sheet.remove("submittedBy"));
        return json(sheet);
    }

    private static byte[] duplicateKey() {
        String text = new String(TestServer.sample("2023-09", "lanxi"), UTF_8);
        return text.replaceFirst("\"period\"", "\"period\": \"2023-08\", \"period\"").getBytes(UTF_8);
    }

    private static byte[] nullForANumber() {
        ObjectNode sheet = (ObjectNode) lanxi();
        ((ObjectNode) sheet.get("facts")).putNull("digital.one_network_rate_pct");
        return json(sheet);
    }

    /** A bad sheet, how it is sent, and the status and field it must be answered with. */
    record Bad(Supplier<HttpResponse<String>> send, int status, String field, String says) {
    }

    private static Bad upload(String name, Callable bytes, int status, String field, String says) {
        return new Bad(() -> server.upload("lanxi", name, bytes.get()), status, field, says);
    }

    private static Bad body(String type, Callable bytes, int status, String field, String says) {
        return new Bad(() -> server.post("lanxi", "/api/sheets", type, bytes.get()), status, field, says);
    }

    /** A body that may throw while it is made. */
    interface Callable {
        byte[] make() throws IOException;

        default byte[] get() {
            try {
                return make();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static Stream<Arguments> badSheets() {
        return Stream.of(
                Arguments.argumentSet("a zip-bomb XLSX", upload("lanxi.xlsx", BadInputsTests::zipBomb, 422,
                        "file", "zip bomb")),
                Arguments.argumentSet("an XLSX with an external entity", upload("lanxi.xlsx",
                        BadInputsTests::externalEntity, 422, "file", "DOCTYPE")),
                Arguments.argumentSet("a PDF renamed .xlsx", upload("lanxi.xlsx",
                        () -> "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(UTF_8), 422,
                        "file", "not an Excel (.xlsx) file")),
                Arguments.argumentSet("a CSV cell starting with =", upload("lanxi.csv",
                        BadInputsTests::withFormulaText, 422, "submittedBy", "like a formula")),
                Arguments.argumentSet("JSON nested 5,000 deep", body("application/json", () -> nested(5_000), 422,
                        "facts.a.a.a", "not valid JSON")),
                Arguments.argumentSet("a 30 MB string", body("application/json", () -> longString(30_000_000), 413,
                        "submittedBy", "too large")),
                Arguments.argumentSet("a misspelt field", body("application/json", BadInputsTests::misspelt, 422,
                        "submitedBy", "unknown field")),
                Arguments.argumentSet("a duplicate key", body("application/json", BadInputsTests::duplicateKey, 422,
                        "period", "duplicate key")),
                Arguments.argumentSet("null for a number", body("application/json", BadInputsTests::nullForANumber,
                        422, "facts.digital.one_network_rate_pct", "must be a number")),
                Arguments.argumentSet("a sheet naming another county than the user's", body("application/json",
                        () -> TestServer.sample("2023-09", "dongyang"), 403, "unit", "may not submit")),
                Arguments.argumentSet("an upload over the limit", upload("lanxi.json",
                        () -> new byte[3 * 1024 * 1024], 413, "file", "over the limit")),
                Arguments.argumentSet("a body over the limit", body("text/csv",
                        () -> new byte[3 * 1024 * 1024], 413, "(body)", "too large")));
    }

    @ParameterizedTest
    @MethodSource("badSheets")
    void refusesNamingTheFieldAndStoresNothing(Bad bad) {
        int before = stored();

        HttpResponse<String> response = bad.send().get();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(bad.status());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = TestServer.json(response);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("errors")).as(response.body()).anySatisfy(e -> {
            assertThat(e.get("field").asString()).isEqualTo(bad.field());
            assertThat(e.get("message").asString()).contains(bad.says());
        });
        assertThat(response.body()).doesNotContain("TOP-SECRET");
        assertThat(stored()).as("nothing stored").isEqualTo(before);
    }

    static Stream<Arguments> excelCsv() {
        List<Line> lines = Spreadsheets.lines(lanxi());
        return Stream.of(
                Arguments.argumentSet("GBK, as Excel in China saves CSV",
                        Spreadsheets.csv(Spreadsheets.HEADER, lines, Charset.forName("GBK"), false)),
                Arguments.argumentSet("UTF-8 with a byte-order mark",
                        Spreadsheets.csv(Spreadsheets.HEADER, lines, UTF_8, true)));
    }

    @ParameterizedTest
    @MethodSource("excelCsv")
    void readsCsvAsExcelSavesIt(byte[] csv) {
        HttpResponse<String> response = server.upload("lanxi", "兰溪-2023-09.csv", csv);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode stored = TestServer.json(response);
        assertThat(stored.get("unit").asString()).isEqualTo("lanxi");
        assertThat(stored.get("submittedBy").asString()).isEqualTo(lanxi().get("submittedBy").asString());
    }

    @Test
    void answersInEnglishWhenEnglishComesFirst() {
        HttpResponse<String> english = server.send(server.request("lanxi", "/api/sheets")
                .header("Content-Type", "application/json").header("Accept-Language", "en-GB,en;q=0.9,zh;q=0.5")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(misspelt())).build());
        HttpResponse<String> chinese = server.post("lanxi", "/api/sheets", "application/json", misspelt());

        assertThat(TestServer.json(english).get("title").asString()).isEqualTo("The sheet was rejected");
        assertThat(TestServer.json(chinese).get("title").asString()).isEqualTo("报表未通过校验");
    }

    @Test
    void refusesStrictlyOnTheOtherEndpointsToo() {
        HttpResponse<String> unknown = server.send(server.request("city", "/api/evaluations")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"period\":\"2023-09\",\"perod\":1}"))
                .build());
        HttpResponse<String> duplicate = server.send(server.request("city", "/api/evaluations")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"period\":\"2023-09\",\"period\":\"2023-08\"}"))
                .build());
        HttpResponse<String> badMonth = server.post("city", "/api/evaluations", java.util.Map.of("period", "2023-13"));

        assertThat(List.of(unknown, duplicate, badMonth)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        });
        assertThat(TestServer.json(unknown).get("errors").get(0).get("field").asString()).isEqualTo("perod");
        assertThat(TestServer.json(duplicate).get("detail").asString()).contains("duplicate key");
        assertThat(TestServer.json(badMonth).get("errors").get(0).get("field").asString()).isEqualTo("period");
    }

    @Test
    void refusesAnAlertLevelThatDoesNotExistNamingTheField() {
        HttpResponse<String> bogus = server.get("city", "/api/alerts?level=FOO");
        HttpResponse<String> red = server.get("city", "/api/alerts?level=red");

        assertThat(bogus.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(bogus).get("errors").get(0).get("field").asString()).isEqualTo("level");
        assertThat(red.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAUsernameThatDiffersFromAnotherOnlyInCase() {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("username", "Lanxi");
        body.put("password", "another-long-password");
        body.put("role", "COUNTY");
        body.put("unit", "lanxi");
        HttpResponse<String> twin = server.post("admin", "/api/users", body);

        assertThat(twin.statusCode()).as(twin.body()).isEqualTo(409);
        assertThat(TestServer.json(twin).get("errors").get(0).get("field").asString()).isEqualTo("username");
        assertThat(TestServer.json(server.get("admin", "/api/users")))
                .noneSatisfy(u -> assertThat(u.get("username").asString()).isEqualTo("Lanxi"));
    }

    private static int stored() {
        return TestServer.json(server.get("city", "/api/sheets")).size();
    }
}
