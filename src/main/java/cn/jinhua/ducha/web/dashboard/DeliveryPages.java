package cn.jinhua.ducha.web.dashboard;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import cn.jinhua.ducha.alerting.Webhooks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** 推送 (administrators only): how many webhook deliveries are pending, delivered and dead, and the dead letters. */
@Controller
class DeliveryPages {

    /** The dead letters a page shows, newest first; the count above them counts them all. */
    private static final int SHOWN = 200;

    private final Webhooks webhooks;
    private final Duration every;

    DeliveryPages(Webhooks webhooks, @Value("${ducha.webhooks.deliver-every:10s}") Duration every) {
        this.webhooks = webhooks;
        this.every = every;
    }

    @GetMapping("/deliveries")
    String deliveries(Model model) {
        Map<Long, String> endpoints = webhooks.list().stream()
                .collect(Collectors.toMap(Webhooks.Endpoint::id, Webhooks.Endpoint::name));
        model.addAttribute("counts", webhooks.counts());
        model.addAttribute("dead", webhooks.deadLetters(SHOWN));
        model.addAttribute("endpoints", endpoints);
        model.addAttribute("every", every.toMillis() / 1000.0); // the message formats 10.0 as 10
        model.addAttribute("maxAttempts", Webhooks.MAX_ATTEMPTS);
        return "dashboard/deliveries";
    }
}
