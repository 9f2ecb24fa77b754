package cn.jinhua.ducha.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test sets and moves. The store's clock is its only notion of time, so deadlines, escalation and
 * backoff pass without anyone waiting.
 */
public final class MovableClock extends Clock {

    private final AtomicReference<Instant> now;

    public MovableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    /** Moves the clock on and answers the new now. */
    public Instant advance(Duration by) {
        return now.updateAndGet(instant -> instant.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // the store only ever asks for instants; a zoned copy would silently stop moving with this one
        throw new UnsupportedOperationException("a movable clock has no zoned copies");
    }
}
