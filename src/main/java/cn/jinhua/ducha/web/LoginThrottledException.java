package cn.jinhua.ducha.web;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A login refused unheard because its username or its address failed too often (see {@link LoginThrottle}). */
public final class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super(message(retryAfter));
        this.retryAfter = retryAfter;
    }

    /** How long until the next attempt is heard. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds to wait, rounded up, for Retry-After. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    /** Whole minutes to wait, rounded up, for people. */
    public long retryAfterMinutes() {
        return (seconds(retryAfter) + 59) / 60;
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static String message(Duration wait) {
        long minutes = (seconds(wait) + 59) / 60;
        return "登录失败次数过多，请 %d 分钟后再试 / too many failed logins, try again in %d minutes"
                .formatted(minutes, minutes);
    }
}
