package cn.jinhua.ducha.web;

import java.time.Duration;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Username and password logins, HTTP Basic and the dashboard's form alike, checked against {@link LoginThrottle}
 * before the password is: a refused attempt throws {@link LoginThrottledException} without a BCrypt hash, a wrong
 * password counts, a right one clears that address's failures for the username.
 */
final class ThrottledLogins implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledLogins(DaoAuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String username = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        Duration wait = throttle.refused(username, address).orElse(null);
        if (wait != null) {
            throw new LoginThrottledException(wait);
        }
        try {
            Authentication done = passwords.authenticate(attempt);
            throttle.succeeded(username, address);
            return done;
        } catch (AuthenticationException e) {
            throttle.failed(username, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
