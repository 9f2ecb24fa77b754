package cn.jinhua.ducha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.SheetFormat;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.factsheet.Spreadsheets;
import cn.jinhua.ducha.rulebook.Rulebook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Sheets over HTTP as a county supervisor works: download the Excel template, fill it in, upload it; retries under
 * one Idempotency-Key store one revision; every revision stays readable with its exact bytes.
 */
class SheetsApiTests {

    private static TestServer server;
    private static SheetReader reader;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        reader = new SheetReader(Rulebook.load(Path.of("rules")).catalogue());
    }

    private static FactSheet sample(String period, String unit) {
        return reader.read(unit + ".json", SheetFormat.JSON, TestServer.sample(period, unit)).sheet().orElseThrow();
    }

    private static HttpResponse<String> postSheet(String user, String key, byte[] body) {
        return server.send(server.request(user, "/api/sheets").header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    void aDownloadedTemplateFilledInExcelUploadsToTheSameFactsAsTheJsonSheet() {
        HttpResponse<byte[]> download = server.sendForBytes(
                server.request("lanxi", "/api/templates/lanxi/2023-11.xlsx").GET().build());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue(SheetsController.XLSX);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("lanxi-2023-11.xlsx");
        FactSheet november = sample("2023-11", "lanxi");

        byte[] filled = Spreadsheets.fill(download.body(), november);
        HttpResponse<String> upload = server.upload("lanxi", "兰溪-2023-11.xlsx", filled);

        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        long id = TestServer.json(upload).get("id").asLong();
        HttpResponse<byte[]> stored = server.sendForBytes(
                server.request("auditor", "/api/sheets/" + id + "/content").GET().build());
        assertThat(stored.body()).as("the exact bytes uploaded").isEqualTo(filled);
        FactSheet read = reader.read("stored.xlsx", SheetFormat.XLSX, stored.body()).sheet().orElseThrow();
        Spreadsheets.assertSameFacts(read, november);
    }

    @Test
    void theSameKeyAndBodyGiveTheFirstAnswerAgainAndStoreOneRevision() {
        String key = UUID.randomUUID().toString();
        byte[] body = TestServer.sample("2023-10", "dongyang");
        int before = TestServer.json(server.get("city", "/api/sheets?unit=dongyang&period=2023-10")).size();

        HttpResponse<String> first = postSheet("dongyang", key, body);
        HttpResponse<String> again = postSheet("dongyang", key, body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(TestServer.json(server.get("city", "/api/sheets?unit=dongyang&period=2023-10")).size())
                .isEqualTo(before + 1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        postSheet("dongyang", key, TestServer.sample("2023-04", "dongyang"));

        HttpResponse<String> other = postSheet("dongyang", key, TestServer.sample("2023-05", "dongyang"));

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(other).get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(TestServer.json(server.get("city", "/api/sheets?unit=dongyang&period=2023-05"))).isEmpty();
    }

    @Test
    void retriesRacingEachOtherStoreOneRevision() throws Exception {
        String key = UUID.randomUUID().toString();
        byte[] body = TestServer.sample("2023-03", "dongyang");
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (int i = 0; i < 6; i++) {
            answers.add(pool.submit(() -> postSheet("dongyang", key, body)));
        }
        pool.shutdown();
        List<String> bodies = new ArrayList<>();
        for (Future<HttpResponse<String>> a : answers) {
            assertThat(a.get().statusCode()).as(a.get().body()).isEqualTo(201);
            bodies.add(a.get().body());
        }

        assertThat(bodies).containsOnly(bodies.get(0));
        assertThat(TestServer.json(server.get("city", "/api/sheets?unit=dongyang&period=2023-03"))).hasSize(1);
    }

    @Test
    void aSheetShowsEveryRevisionOfItsUnitAndPeriod() {
        byte[] body = TestServer.sample("2023-02", "dongyang");
        postSheet("dongyang", UUID.randomUUID().toString(), body);
        HttpResponse<String> second = postSheet("dongyang", UUID.randomUUID().toString(), body);

        JsonNode sheet = TestServer.json(server.get("dongyang", "/api/sheets/"
                + TestServer.json(second).get("id").asLong()));

        assertThat(sheet.get("sheet").get("revision").asInt()).isEqualTo(2);
        assertThat(sheet.get("revisions").findValuesAsString("period")).containsExactly("2023-02", "2023-02");
        assertThat(sheet.get("sheet").get("receivedBy").asString()).isEqualTo("dongyang");
    }

    @Test
    void theCityReplacesACountysSheetOnlyWithAReasonKeptBesideTheRevision() {
        byte[] body = TestServer.sample("2023-06", "dongyang");
        assertThat(postSheet("dongyang", UUID.randomUUID().toString(), body).statusCode()).isEqualTo(201);

        HttpResponse<String> without = postSheet("city", UUID.randomUUID().toString(), body);
        assertThat(without.statusCode()).as(without.body()).isEqualTo(400);
        assertThat(TestServer.json(without).get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(TestServer.json(without).get("detail").asString()).contains("代 东阳市 报送或替换报表须说明理由").contains("needs a reason");

        HttpResponse<String> formula = server.send(server.request("city", "/api/sheets?reason=%3Dcmd%7C1")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
        assertThat(formula.statusCode()).as(formula.body()).isEqualTo(400);

        String reason = "东阳市报表误填，经核实更正 / corrected after checking with Dongyang";
        HttpResponse<String> with = server.send(server.request("city", "/api/sheets?reason="
                        + java.net.URLEncoder.encode(reason, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(with.statusCode()).as(with.body()).isEqualTo(201);

        JsonNode revisions = TestServer.json(server.get("dongyang", "/api/sheets?unit=dongyang&period=2023-06"));
        assertThat(revisions.findValuesAsString("receivedBy")).containsExactly("dongyang", "city");
        assertThat(revisions.get(1).get("reason").asString()).isEqualTo(reason);
        assertThat(revisions.get(0).get("reason").isNull()).as("the county's own revision needs none").isTrue();
        HttpResponse<String> audit = server.get("auditor", "/api/audit/verify");
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        assertThat(TestServer.json(audit).get("intact").asBoolean()).isTrue();
    }

    @Test
    void theBytesReceivedComeBackAsADownloadNeverAsTextToOpenInPlace() {
        byte[] csv = Spreadsheets.csv(Spreadsheets.lines(TestServer.JSON.readTree(TestServer.sample("2023-07",
                "lanxi"))), java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> sent = server.send(server.request("lanxi", "/api/sheets?name=lanxi.csv")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);

        HttpResponse<byte[]> back = server.sendForBytes(server.request("lanxi", "/api/sheets/"
                + TestServer.json(sent).get("id").asLong() + "/content").GET().build());

        assertThat(back.body()).isEqualTo(csv);
        assertThat(back.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(back.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(back.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;")
                .endsWith(".csv\"");
    }

    @Test
    void aCsvBodyIsKeptUnderANameThatSaysCsvSoTheStoreReadsItAgainAsCsv() {
        byte[] csv = Spreadsheets.csv(Spreadsheets.lines(TestServer.JSON.readTree(TestServer.sample("2023-12",
                "dongyang"))), java.nio.charset.StandardCharsets.UTF_8);

        HttpResponse<String> stored = server.send(server.request("dongyang", "/api/sheets?name=东阳十二月报表")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build());

        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        assertThat(TestServer.json(stored).get("source").asString()).isEqualTo("http:dongyang:东阳十二月报表.csv");
    }
}
