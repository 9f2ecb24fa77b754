package cn.jinhua.ducha.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Failed logins counted per username and per client address, in memory: after {@code perUser} failures for a
 * username within {@code window}, that username is refused for {@code cooling}; after {@code perAddress} failures
 * from one address (whatever the usernames), that address is refused for {@code cooling}. A refused attempt is
 * answered before its password is checked, so it costs no BCrypt hash, and does not extend the refusal.
 *
 * <p>A success clears the failures of that username made from the same address only: a user who signs in from
 * their office does not wipe out what an attacker elsewhere has spent on their name, and an attacker with one
 * account of their own cannot reset their address's budget by signing in with it.
 *
 * <p>The counters belong to one instance: behind a load balancer of n instances an attacker gets up to n times the
 * budget. Locking a username is also a way to keep its owner out for the cooling period; the per-address budget and
 * API tokens (which are never throttled by username) bound what that costs.
 */
public final class LoginThrottle {

    /** The most keys kept; beyond it Caffeine evicts the least recently used, which only forgets failures. */
    private static final long MAX_KEYS = 100_000;

    private final Clock clock;
    private final int perUser;
    private final int perAddress;
    private final Duration window;
    private final Duration cooling;
    private final Cache<String, Failures> users;
    private final Cache<String, Failures> addresses;

    LoginThrottle(Clock clock, int perUser, int perAddress, Duration window, Duration cooling) {
        if (perUser < 1 || perAddress < 1 || window.isNegative() || window.isZero() || cooling.isNegative()) {
            throw new IllegalArgumentException("登录限制须为正数 / login limits must be positive");
        }
        this.clock = clock;
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
        this.cooling = cooling;
        // entries expire by the same clock as the counts, so a test that moves its clock sees them go
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        Duration keep = window.plus(cooling);
        this.users = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(keep).maximumSize(MAX_KEYS).build();
        this.addresses = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(keep).maximumSize(MAX_KEYS).build();
    }

    /** How long the cooling period lasts, for messages. */
    Duration cooling() {
        return cooling;
    }

    /**
     * How long {@code username} from {@code address} must wait before trying again; empty when it may try now.
     *
     * @param username may be null (no username given: only the address counts)
     */
    Optional<Duration> refused(String username, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        Failures byAddress = address == null ? null : addresses.getIfPresent(address);
        if (byAddress != null) {
            wait = max(wait, byAddress.lockedFor(now));
        }
        Failures byUser = username == null ? null : users.getIfPresent(key(username));
        if (byUser != null) {
            wait = max(wait, byUser.lockedFor(now));
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Counts a failed login (wrong password, unknown or disabled user). */
    void failed(String username, String address) {
        Instant now = clock.instant();
        if (address != null) {
            addresses.get(address, a -> new Failures()).add(now, address, perAddress, window, cooling);
        }
        if (username != null) {
            users.get(key(username), u -> new Failures()).add(now, address, perUser, window, cooling);
        }
    }

    /** Clears the failures of {@code username} made from {@code address}; the address's own count stays. */
    void succeeded(String username, String address) {
        Failures byUser = username == null ? null : users.getIfPresent(key(username));
        if (byUser != null) {
            byUser.forget(address);
        }
    }

    /** Usernames are unique regardless of case, so Lanxi and lanxi share one count. */
    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The recent failures of one key and, once they reach the limit, until when it is refused. */
    private static final class Failures {

        private final Deque<Failure> recent = new ArrayDeque<>();
        private Instant lockedUntil = Instant.MIN;

        synchronized Duration lockedFor(Instant now) {
            return now.isBefore(lockedUntil) ? Duration.between(now, lockedUntil) : Duration.ZERO;
        }

        synchronized void add(Instant now, String address, int limit, Duration window, Duration cooling) {
            if (now.isBefore(lockedUntil)) {
                return;
            }
            recent.removeIf(f -> !f.at().isAfter(now.minus(window)));
            recent.addLast(new Failure(now, address));
            if (recent.size() >= limit) {
                lockedUntil = now.plus(cooling);
                recent.clear();
            }
        }

        synchronized void forget(String address) {
            recent.removeIf(f -> f.address() == null ? address == null : f.address().equals(address));
        }
    }

    private record Failure(Instant at, String address) {
    }
}
