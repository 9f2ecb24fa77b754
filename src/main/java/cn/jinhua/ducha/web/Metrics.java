package cn.jinhua.ducha.web;

import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.Webhooks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the store at each scrape, so that they count what every process did (the scheduler, other
 * servers): alerts still open and webhook deliveries still pending or done. Counters of what this server did
 * (evaluations, verdicts by light, alerts raised, sheets stored and rejected) are kept where it happens.
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
        Gauge.builder("ducha.deliveries.pending", webhooks,
                        w -> w.deliveries().stream().filter(d -> !d.delivered()).count())
                .description("待推送 / webhook deliveries not yet delivered").register(registry);
        Gauge.builder("ducha.deliveries.delivered", webhooks,
                        w -> w.deliveries().stream().filter(Webhooks.Delivery::delivered).count())
                .description("已推送 / webhook deliveries delivered").register(registry);
    }
}
