package cn.jinhua.ducha.web.dashboard;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import cn.jinhua.ducha.alerting.Webhooks;
import cn.jinhua.ducha.web.Viewer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 推送 (administrators only): how many webhook deliveries are pending, delivered and dead, and the dead letters,
 * each of which can be sent again ({@link Webhooks#requeue}, as {@code ducha webhooks requeue} and the API do).
 */
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

    /** One dead letter sent again: a new round of attempts, due now; who asked is in the audit chain. */
    @PostMapping("/deliveries/{id}/requeue")
    String requeue(@PathVariable String id, @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        Actions.act(redirect, () -> webhooks.requeue(id, viewer.username()).id(), "flash.requeued");
        return "redirect:/deliveries";
    }

    /** Every dead letter sent again. */
    @PostMapping("/deliveries/requeue")
    String requeueAll(@AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        Actions.act(redirect, () -> Integer.toString(webhooks.requeueAllDead(viewer.username()).size()),
                "flash.requeuedAll");
        return "redirect:/deliveries";
    }
}
