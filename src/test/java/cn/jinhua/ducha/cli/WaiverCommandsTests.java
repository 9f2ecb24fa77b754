package cn.jinhua.ducha.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import cn.jinhua.ducha.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Waivers from the command line: granted, listed, and shown in the evaluation's report and JSON. */
class WaiverCommandsTests {

    @TempDir
    Path dir;

    private Run ducha(String url, String... args) {
        return Run.of(List.of("--rules", "rules", "--db", url, "--by", "市营商办"), (Object[]) args);
    }

    @Test
    void aWaivedCommitmentIsJudgedAsUsualListedInTheReportAndRaisesNoAlert() {
        String url = Store.h2(dir.resolve("ducha").toString());
        assertThat(ducha(url, "submit", "samples/2023-08", "samples/2023-09").status()).isZero();
        Run waived = ducha(url, "waive", "--unit", "pujiang", "--commitment", "T05.1", "--from", "2023-09", "--to",
                "2023-12", "--reason", "跨省通办系统升级停机，省里统一延期", "--expires", "2099-12-31");
        assertThat(waived.status()).as(waived.err()).isZero();
        assertThat(ducha(url, "waive", "list").out()).contains("pujiang T05.1 2023-09..2023-12")
                .contains("跨省通办系统升级停机");

        Run table = ducha(url, "evaluate", "--period", "2023-09");
        assertThat(table.status()).as(table.err()).isZero();
        assertThat(table.out()).contains("豁免 waivers (1)").contains("浦江县 T05.1")
                .doesNotContain("【红色预警】浦江县 2023-09 跨省通办");

        JsonNode json = JsonMapper.builder().build().readTree(ducha(url, "evaluate", "--period", "2023-09",
                "--format", "json").out());
        JsonNode verdict = null;
        for (JsonNode v : json.get("verdicts")) {
            if (v.get("unit").asString().equals("pujiang") && v.get("commitment").asString().equals("T05.1")) {
                verdict = v;
            }
        }
        assertThat(verdict).isNotNull();
        assertThat(verdict.get("status").asString()).isEqualTo("OFF_TRACK");
        assertThat(verdict.get("waived").asBoolean()).isTrue();
        assertThat(json.get("alerts")).noneMatch(a -> a.get("unit").asString().equals("pujiang")
                && "T05.1".equals(a.get("commitment").asString()));
        assertThat(ducha(url, "audit", "verify").status()).isZero();
    }

    @Test
    void refusesFormulaLikeOrHiddenTextInWhatTheCommandsRecord() {
        String url = Store.h2(dir.resolve("ducha").toString());
        assertThat(ducha(url, "submit", "samples/2023-08", "samples/2023-09").status()).isZero();
        Run formula = ducha(url, "waive", "--unit", "pujiang", "--commitment", "T05.1", "--from", "2023-09", "--to",
                "2023-12", "--reason", "=HYPERLINK(\"http://x\")", "--expires", "2099-12-31");
        assertThat(formula.status()).isEqualTo(Ducha.FAILED);
        assertThat(formula.err()).contains("--reason").contains("像公式").contains("like a formula");
        assertThat(ducha(url, "waive", "list").out()).doesNotContain("HYPERLINK");

        assertThat(ducha(url, "evaluate", "--period", "2023-09").status()).isZero();
        Run hidden = ducha(url, "alerts", "ack", "1", "--note", "已整改\u202E");
        assertThat(hidden.status()).isEqualTo(Ducha.FAILED);
        assertThat(hidden.err()).contains("--note").contains("U+202E");
        Run closed = ducha(url, "alerts", "close", "1", "--reason", "@SUM(1+1)");
        assertThat(closed.status()).isEqualTo(Ducha.FAILED);
        assertThat(closed.err()).contains("--reason");
        assertThat(ducha(url, "audit", "verify").status()).isZero();
    }
}
