package cn.jinhua.ducha.alerting;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;

import cn.jinhua.ducha.rulebook.Rulebook;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test support for the tests that deliver: the rules, a store on a clock the test moves, an HTTP client, and a real
 * receiver listening for each test.
 */
abstract class WithReceiver {

    static final YearMonth SEPTEMBER = YearMonth.of(2023, 9);
    static final String DATABASES = "cn.jinhua.ducha.store.TestDatabases#all";

    static Rulebook rulebook;

    @TempDir
    Path dir;

    final MovableClock clock;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Receiver receiver;

    WithReceiver(Instant start) {
        clock = new MovableClock(start);
    }

    @BeforeAll
    static void rules() {
        rulebook = Rulebook.load(Path.of("rules"));
    }

    @BeforeEach
    void listen() throws IOException {
        receiver = Receiver.start();
    }

    @AfterEach
    void hangUp() {
        receiver.close();
    }

    /** Webhooks allowed to reach the receiver, which listens on loopback. */
    static Webhooks webhooks(Store store) {
        return new Webhooks(store, Destinations.allowingPrivate());
    }

    Store open(TestDatabases.Database database) {
        return Store.open(database.create(dir), null, null, clock);
    }
}
