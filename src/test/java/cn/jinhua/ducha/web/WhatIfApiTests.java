package cn.jinhua.ducha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import cn.jinhua.ducha.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * POST /api/whatif: the city or an auditor asks what 浦江县 reaching 125 cross-province items would change and hears
 * T05.1 turn green and its red alert clear, with nothing stored; a county supervisor asks of its own unit only.
 */
class WhatIfApiTests {

    private static final String CROSS_PROVINCE = "tongban.cross_province_items_optimized";
    private static TestServer server;

    @BeforeAll
    static void judged() {
        server = TestServer.shared();
        server.samplesJudged("2023-08", "2023-09");
    }

    private static Map<String, Object> request(String unit, String metric, Object value) {
        return Map.of("period", "2023-09", "set", Map.of(unit, Map.of(metric, value)));
    }

    @Test
    void cityAndAuditorSeeALightChangeAndNothingIsStored() {
        Store store = server.context.getBean(Store.class);
        int runs = store.runs().list().size();
        String chain = TestServer.json(server.get("auditor", "/api/audit/verify")).toString();

        for (String user : new String[] {"city", "auditor"}) {
            HttpResponse<String> response = server.post(user, "/api/whatif", request("pujiang", CROSS_PROVINCE, 125));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode report = TestServer.json(response);
            assertThat(report.get("hypothetical").booleanValue()).isTrue();
            assertThat(report.get("verdicts").valueStream().toList()).singleElement().satisfies(v -> {
                assertThat(v.get("commitment").asString()).isEqualTo("T05.1");
                assertThat(v.get("before").get("light").asString()).isEqualTo("RED");
                assertThat(v.get("after").get("light").asString()).isEqualTo("GREEN");
                assertThat(v.get("after").get("value").decimalValue()).isEqualByComparingTo("125");
            });
            assertThat(report.get("alerts").valueStream().map(a -> a.get("change").asString() + " "
                    + a.get("unit").asString() + " " + a.get("commitment").asString())).containsExactly(
                    "CLEARED pujiang T05.1");
        }

        assertThat(store.runs().list()).hasSize(runs);
        assertThat(TestServer.json(server.get("auditor", "/api/audit/verify")).toString())
                .as("the audit chain is unchanged").isEqualTo(chain);
    }

    @Test
    void aCountySupervisorAsksOfItsOwnUnitOnly() {
        HttpResponse<String> other = server.post("lanxi", "/api/whatif", request("pujiang", CROSS_PROVINCE, 125));
        assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
        assertThat(TestServer.json(other).get("errors").get(0).get("field").asString()).isEqualTo("set.pujiang");

        HttpResponse<String> own = server.post("lanxi", "/api/whatif", request("lanxi", CROSS_PROVINCE, 162));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        JsonNode report = TestServer.json(own);
        assertThat(report.get("hypothetical").booleanValue()).isTrue();
        assertThat(report.get("verdicts").valueStream().map(v -> v.get("unit").asString()))
                .as("only its own unit's verdicts").containsOnly("lanxi");
    }

    @Test
    void refusesValuesIntakeWouldRefuseNamingTheField() {
        HttpResponse<String> unknown = server.post("city", "/api/whatif", request("pujiang", "tongban.nope", 1));
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(422);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(TestServer.json(unknown).get("errors").get(0).get("field").asString())
                .isEqualTo("set.pujiang.tongban.nope");

        HttpResponse<String> range = server.post("city", "/api/whatif",
                request("yiwu", "registration.full_online_rate_pct", 101));
        assertThat(range.statusCode()).as(range.body()).isEqualTo(422);
        JsonNode error = TestServer.json(range).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("set.yiwu.registration.full_online_rate_pct");
        assertThat(error.get("message").asString()).contains("101 超过 100 / 101 is above 100");

        HttpResponse<String> noUnit = server.post("city", "/api/whatif", request("atlantis", CROSS_PROVINCE, 1));
        assertThat(noUnit.statusCode()).as(noUnit.body()).isEqualTo(422);
        assertThat(TestServer.json(noUnit).get("errors").get(0).get("field").asString()).isEqualTo("set.atlantis");
    }
}
