package cn.jinhua.ducha.web;

import cn.jinhua.ducha.alerting.Schedule;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The schedule in {@code /actuator/health} (as {@code schedule}): {@value #FAILING} when this server's last tick
 * failed, with why, UP otherwise; the details (shown to administrators) say the last tick, the newest period
 * judged, the next one and its deadline, and how many periods are behind. FAILING is not one of the statuses the
 * server's own health is made of, so {@code /actuator/health} stays UP: a job that failed once (the database away
 * for a moment) must not take the API out of a load balancer. A monitor watches this part, or
 * {@code ducha_schedule_failures_total}.
 */
@Component
@ConditionalOnBooleanProperty(name = ScheduledJobs.ENABLED, matchIfMissing = true)
class ScheduleHealthIndicator implements HealthIndicator {

    static final String FAILING = "FAILING";

    private final ScheduledJobs jobs;

    ScheduleHealthIndicator(ScheduledJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public Health health() {
        Schedule.State state = jobs.schedule().state();
        Health.Builder health = state.lastFailure() == null ? Health.up()
                : Health.status(FAILING).withDetail("lastFailure", state.lastFailure());
        if (state.lastTick() != null) {
            health.withDetail("lastTick", state.lastTick().toString());
        }
        if (state.lastJudged() != null) {
            health.withDetail("lastJudged", state.lastJudged().toString());
        }
        return health.withDetail("nextDue", state.nextDue().toString())
                .withDetail("nextDeadline", state.nextDeadline().toString())
                .withDetail("behind", state.behind())
                .withDetail("ticks", state.ticks())
                .withDetail("failures", state.failures())
                .build();
    }
}
