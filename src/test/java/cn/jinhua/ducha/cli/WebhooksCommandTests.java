package cn.jinhua.ducha.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ducha webhooks requeue}: dead letters sent again from the command line, by id or all of them, each a new
 * round of attempts recorded in the audit chain; anything else refused by name. (Webhooks' own tests walk a
 * delivery through thirty failures; here the store is set up with one given up.)
 */
class WebhooksCommandTests {

    @TempDir
    Path dir;

    @Test
    void sendsDeadLettersAgainByIdOrAllAndRefusesWhatIsNotOne() {
        String url = TestDatabases.h2(dir);
        List<Object> on = List.of("--db", url, "--by", "运维 ops", "--allow-private-webhooks");
        // nothing listens on port 9: the test message fails at once and waits to be retried
        Run added = Run.of(on, "webhooks", "add", "--name", "停用的群 gone", "--url", "http://127.0.0.1:9/hook");
        assertThat(added.status()).as(added.err()).isZero();
        for (int i = 0; i < 2; i++) {
            Run sent = Run.of(on, "webhooks", "test-send", "1");
            assertThat(sent.out()).as("two test messages, neither delivered").contains("未送达，将重试");
        }
        List<String> ids;
        try (Store store = Store.open(url, null, null, Clock.systemUTC())) {
            ids = store.jdbc().sql("select id from delivery order by id").query(String.class).list();
            // set-up: both given up, as thirty failures over a day would leave them
            store.jdbc().sql("update delivery_state set dead = true, dead_at = next_attempt_at").update();
        }
        assertThat(ids).hasSize(2);

        Run none = Run.of(on, "webhooks", "requeue");
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err()).contains("name the dead letters or give --all-dead");

        Run one = Run.of(on, "webhooks", "requeue", ids.get(0));
        assertThat(one.status()).as(one.err()).isZero();
        assertThat(one.lines()).containsExactly(
                "%s → #1 已重新排队，此前尝试 1 次 / queued again after 1 attempts".formatted(ids.get(0)),
                "重发 1 份 / 1 queued again");

        Run again = Run.of(on, "webhooks", "requeue", ids.get(0));
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).contains("delivery " + ids.get(0) + " is still being tried, not a dead letter");

        Run all = Run.of(on, "webhooks", "requeue", "--all-dead");
        assertThat(all.status()).as(all.err()).isZero();
        assertThat(all.lines()).last().isEqualTo("重发 1 份 / 1 queued again");
        assertThat(all.out()).contains(ids.get(1)).doesNotContain(ids.get(0));

        Run unknown = Run.of(on, "webhooks", "requeue", "msg_none");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("there is no delivery msg_none");

        try (Store store = Store.open(url, null, null, Clock.systemUTC())) {
            assertThat(store.jdbc().sql("select requeued_by from delivery_requeue").query(String.class).list())
                    .containsExactly("运维 ops", "运维 ops");
            assertThat(store.verify().intact()).as("the audit chain").isTrue();
        }
        Run verify = Run.of(on, "audit", "verify");
        assertThat(verify.status()).as(verify.out() + verify.err()).isZero();
    }
}
