package cn.jinhua.ducha.web;

import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.Webhooks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the store at each scrape, so that they count what every process did (the scheduler, other
 * servers): alerts still open and webhook deliveries pending, delivered or given up (dead letters). Counters of
 * what this server did (evaluations, verdicts by light, alerts raised, sheets stored and rejected) are kept where
 * it happens.
 */
@Component
class Metrics implements MeterBinder {

    private final Supervision supervision;
    private final Webhooks webhooks;

    Metrics(Supervision supervision, Webhooks webhooks) {
        this.supervision = supervision;
        this.webhooks = webhooks;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ducha.alerts.open", supervision, s -> s.list(t -> t.state().isActive()).size())
                .description("预警未关闭数 / alerts open, acknowledged or escalated").register(registry);
        Gauge.builder("ducha.deliveries.pending", webhooks, w -> w.counts().pending())
                .description("待推送 / webhook deliveries neither delivered nor given up").register(registry);
        Gauge.builder("ducha.deliveries.delivered", webhooks, w -> w.counts().delivered())
                .description("已推送 / webhook deliveries delivered").register(registry);
        Gauge.builder("ducha.deliveries.dead", webhooks, w -> w.counts().dead())
                .description("已放弃 / webhook deliveries given up as dead letters after "
                        + Webhooks.MAX_ATTEMPTS + " attempts").register(registry);
    }
}
