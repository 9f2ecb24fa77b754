package cn.jinhua.ducha.web;

import java.net.http.HttpClient;
import java.time.Duration;

import cn.jinhua.ducha.alerting.Webhooks;
import cn.jinhua.ducha.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code serve} delivers webhooks itself: every {@code ducha.webhooks.deliver-every} (10 s) after the last pass
 * ended, it sends what is due by the store's clock. Webhooks holds a ShedLock lock in the database for each pass,
 * so several servers (and a CLI scheduler) sharing one database send each delivery once. Off with
 * {@code ducha.webhooks.deliver=false}; the scheduler waits for a pass in progress when the server stops.
 */
@Component
@ConditionalOnBooleanProperty(name = "ducha.webhooks.deliver", matchIfMissing = true)
class WebhookSender {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final Webhooks webhooks;
    private final Store store;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    WebhookSender(Webhooks webhooks, Store store) {
        this.webhooks = webhooks;
        this.store = store;
    }

    @Scheduled(fixedDelayString = "${ducha.webhooks.deliver-every:10s}",
            initialDelayString = "${ducha.webhooks.deliver-every:10s}")
    void deliver() {
        try {
            for (Webhooks.Delivery d : webhooks.deliver(store.now(), client)) {
                if (!d.delivered()) {
                    LOG.info("推送 {} 第 {} 次失败{} / delivery {} attempt {} failed{}: {}", d.id(), d.attempts(),
                            d.dead() ? "，已放弃" : "", d.id(), d.attempts(), d.dead() ? ", given up" : "",
                            d.lastStatus() != null ? "HTTP " + d.lastStatus() : d.lastError());
                }
            }
        } catch (RuntimeException e) {
            // the next pass tries again; a store that is down for a while must not stop the schedule
            LOG.warn("推送失败 / webhook delivery pass failed", e);
        }
    }
}
