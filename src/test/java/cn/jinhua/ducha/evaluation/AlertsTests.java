package cn.jinhua.ducha.evaluation;

import static cn.jinhua.ducha.evaluation.Judge.alerts;
import static cn.jinhua.ducha.evaluation.Judge.evaluate;
import static cn.jinhua.ducha.evaluation.Judge.sheet;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Alerts (contract.md, "Alerts"): red, yellow, 连续两月滞后 escalation and data alerts. */
class AlertsTests {

    private static final String ITEMS = "tongban.cross_province_items_optimized";

    @Test
    void raisesRedForAMissedLevel() {
        Evaluation e = evaluate("2023-09", sheet("yiwu", "2023-09", "digital.one_network_rate_pct", "85"));
        assertThat(alerts(e)).contains("yiwu T09.2 RED");
        Alert red = e.alerts().stream().filter(a -> a.level() == AlertLevel.RED).findFirst().orElseThrow();
        assertThat(red.escalated()).isFalse();
        assertThat(red.rule()).startsWith("红色预警");
    }

    @Test
    void raisesRedForABlockedTask() {
        Evaluation e = evaluate("2023-09", sheet("wuyi", "2023-09", "progress.T05", "BLOCKED"));
        assertThat(alerts(e)).contains("wuyi T05.P RED");
    }

    @Test
    void raisesYellowForAFirstMonthBehind() {
        Evaluation e = evaluate("2023-09", sheet("yiwu", "2023-09", ITEMS, "120"));
        assertThat(alerts(e)).contains("yiwu T05.1 YELLOW").doesNotContain("yiwu T05.1 RED");
    }

    @Test
    void raisesRedWhenBehindTwoMonthsRunning() {
        Evaluation e = evaluate("2023-09", sheet("yiwu", "2023-08", ITEMS, "100"), sheet("yiwu", "2023-09", ITEMS, "120"));
        assertThat(alerts(e)).contains("yiwu T05.1 RED").doesNotContain("yiwu T05.1 YELLOW");
        assertThat(e.alerts()).filteredOn(a -> a.commitment() != null && a.commitment().id().equals("T05.1"))
                .singleElement().satisfies(a -> assertThat(a.escalated()).isTrue());
    }

    @Test
    void escalatesAfterAnyWorseStatusTheMonthBefore() {
        Evaluation e = evaluate("2023-09", sheet("yiwu", "2023-08", ITEMS, "10"), sheet("yiwu", "2023-09", ITEMS, "120"));
        assertThat(alerts(e)).contains("yiwu T05.1 RED");
    }

    @Test
    void staysYellowAfterAMonthOnTrackOrWithoutData() {
        Evaluation onTrack = evaluate("2023-09", sheet("yiwu", "2023-08", ITEMS, "150"),
                sheet("yiwu", "2023-09", ITEMS, "120"));
        assertThat(alerts(onTrack)).contains("yiwu T05.1 YELLOW");
        Evaluation noData = evaluate("2023-09", sheet("yiwu", "2023-08", "digital.one_network_rate_pct", "95"),
                sheet("yiwu", "2023-09", ITEMS, "120"));
        assertThat(alerts(noData)).contains("yiwu T05.1 YELLOW");
    }

    @Test
    void looksOnlyAtTheMonthJustBefore() {
        Evaluation e = evaluate("2023-09", sheet("yiwu", "2023-07", ITEMS, "10"), sheet("yiwu", "2023-09", ITEMS, "120"));
        assertThat(alerts(e)).contains("yiwu T05.1 YELLOW");
    }

    @Test
    void raisesOneDataAlertPerUnitThatOwesSomething() {
        Evaluation e = evaluate("2023-09", sheet("yiwu", "2023-09", ITEMS, "120"));
        assertThat(alerts(e)).filteredOn(a -> a.endsWith("DATA")).containsExactlyInAnyOrder(
                "wucheng - DATA", "jindong - DATA", "wuyi - DATA", "pujiang - DATA", "panan - DATA", "lanxi - DATA",
                "yiwu - DATA", "dongyang - DATA", "yongkang - DATA", "kaifaqu - DATA", "jinhua - DATA");
        Alert yiwu = e.alerts().stream().filter(a -> a.level() == AlertLevel.DATA && a.unit().id().equals("yiwu"))
                .findFirst().orElseThrow();
        assertThat(yiwu.missing()).extracting(c -> c.id())
                .contains("T09.2", "T28.1", "T28.3", "T01.P").doesNotContain("T05.1", "T28.5");
        Alert lanxi = e.alerts().stream().filter(a -> a.level() == AlertLevel.DATA && a.unit().id().equals("lanxi"))
                .findFirst().orElseThrow();
        assertThat(lanxi.missing()).as("no sheet at all").isEmpty();
        assertThat(new Explanations(Judge.rulebook().catalogue()).message(lanxi)).contains("兰溪市", "未报送");
    }

    @Test
    void identifiesEachAlertByUnitCommitmentAndLevel() {
        Evaluation e = evaluate("2023-12", sheet("yiwu", "2023-11", ITEMS, "50"), sheet("yiwu", "2023-12", ITEMS, "50"));
        assertThat(alerts(e)).doesNotHaveDuplicates();
    }

    @Test
    void namesTheLeadUnitInRedAndYellowAlerts() {
        Evaluation e = evaluate("2023-09", sheet("yiwu", "2023-09", "digital.one_network_rate_pct", "85"));
        Alert red = e.alerts().stream().filter(a -> a.level() == AlertLevel.RED).findFirst().orElseThrow();
        assertThat(new Explanations(Judge.rulebook().catalogue()).message(red))
                .startsWith("【红色预警】义乌市 2023-09 一网通办率 85% 低于 90%").contains("牵头单位：市大数据局");
    }
}
