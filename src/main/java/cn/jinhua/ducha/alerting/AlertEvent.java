package cn.jinhua.ducha.alerting;

import java.time.Instant;
import java.util.List;

/**
 * One change in an alert's life, as kept: the event, the state it left the alert in, who or what made it, and
 * the rectification deadline and responsible units in force after it.
 *
 * @param event     OPENED, RAISED_AGAIN, REOPENED, ACKNOWLEDGED, ESCALATED, RESOLVED or CLOSED
 * @param run       the run that raised or resolved it, null for a person's action or the schedule's escalation
 * @param message   what the alert says, in Chinese; null for an event that says nothing new (acknowledged, closed)
 * @param messageEn the same in English; null where the message is null and in events recorded before V10
 */
public record AlertEvent(long id, String event, AlertState state, Instant at, String actor, String note, Long run,
                         String period, Instant deadline, List<String> responsible, String message,
                         String messageEn) {

    public AlertEvent {
        responsible = responsible == null ? List.of() : List.copyOf(responsible);
    }
}
