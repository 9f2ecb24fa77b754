package cn.jinhua.ducha.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} on the API: a valid token signs the request in as its user; any other
 * bearer token is a 401 at once (a request that names a token means it, so it does not fall through to Basic). Not
 * throttled: a token cannot be guessed, and checking one costs no BCrypt hash.
 */
final class BearerTokens extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;
    private final Problems problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerTokens(ApiTokens tokens, Problems problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Viewer> viewer = tokens.authenticate(header.substring(BEARER.length()).trim());
        if (viewer.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ducha\", error=\"invalid_token\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, ProblemType.UNAUTHORIZED,
                    "令牌无效、已过期或已撤销，或其用户已停用 / the token is unknown, expired or revoked, or its user is "
                            + "disabled");
            return;
        }
        Viewer v = viewer.get();
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(v, null, v.getAuthorities()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
