package cn.jinhua.ducha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import cn.jinhua.ducha.RulesCopy;
import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.SheetFormat;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.TestDatabases;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test support: one {@code ducha serve} for all the web tests of a run (it takes seconds to start), on a free port,
 * over PostgreSQL when DUCHA_TEST_PG names one and an H2 file otherwise, with a copy of {@code rules/} that the
 * reload tests may spoil and mend. Its users: an admin, a city supervisor, an auditor, and county supervisors of
 * 兰溪 and 东阳. Requests go over real HTTP with Java's own client. The schedule of {@code serve} is off for every
 * server of the tests (src/test/resources/config/application.properties) unless a test turns it on.
 */
public final class TestServer {

    static final String PASSWORD = "secret-password";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private static TestServer shared;
    private static TestServer clocked;

    final ConfigurableApplicationContext context;
    final Path rules;
    final URI base;
    /** The server's clock where the test owns it ({@link #clocked()}), else null. */
    final TestClock clock;
    /** How many times the server's password encoder checked a password, where the test counts ({@link #clocked()}). */
    final AtomicInteger passwordChecks;
    private final java.util.Set<String> loaded = new java.util.HashSet<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestServer(ConfigurableApplicationContext context, Path rules, TestClock clock,
                       AtomicInteger passwordChecks) {
        this.context = context;
        this.rules = rules;
        this.clock = clock;
        this.passwordChecks = passwordChecks;
        this.base = URI.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * A second server for the tests of logins and tokens, which lock users and addresses out and move time: its
     * own store (PostgreSQL or H2, as the shared one's), a {@link TestClock} the tests move instead of sleeping, and
     * a count of the password checks its encoder makes. Only the administrator exists at first.
     */
    static synchronized TestServer clocked() {
        if (clocked == null) {
            try {
                Path dir = Files.createTempDirectory("ducha-logins-");
                Path rules = RulesCopy.in(dir);
                TestClock clock = new TestClock(java.time.Instant.now());
                AtomicInteger checks = new AtomicInteger();
                String[] args = {"--server.port=0", "--ducha.rules=" + rules, "--ducha.db.url="
                        + (TestDatabases.PG_ADMIN != null && !TestDatabases.PG_ADMIN.isBlank()
                        ? TestDatabases.postgres(dir) : TestDatabases.h2(dir)), "--ducha.admin.username=admin", "--ducha.admin.password=" + PASSWORD};
                ConfigurableApplicationContext context = new SpringApplicationBuilder(DuchaServer.class)
                        .initializers(c -> {
                            c.getBeanFactory().registerSingleton("clock", clock);
                            c.getBeanFactory().addBeanPostProcessor(new CountingEncoders(checks));
                        })
                        .run(args);
                clocked = new TestServer(context, rules, clock, checks);
                Runtime.getRuntime().addShutdownHook(new Thread(context::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return clocked;
    }

    /** Wraps the server's password encoder so that a test can count how often a password is checked. */
    private record CountingEncoders(AtomicInteger checks) implements BeanPostProcessor {

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            return bean instanceof PasswordEncoder encoder && !(bean instanceof CountingEncoder)
                    ? new CountingEncoder(encoder, checks) : bean;
        }
    }

    /** A password encoder that counts its {@code matches}, the BCrypt hash every password login costs. */
    private static final class CountingEncoder implements PasswordEncoder {

        private final PasswordEncoder delegate;
        private final AtomicInteger counter;

        CountingEncoder(PasswordEncoder delegate, AtomicInteger counter) {
            this.delegate = delegate;
            this.counter = counter;
        }

        @Override
        public String encode(CharSequence raw) {
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            counter.incrementAndGet();
            return delegate.matches(raw, encoded);
        }

        @Override
        public boolean upgradeEncoding(String encoded) {
            return delegate.upgradeEncoding(encoded);
        }
    }

    /** The server, started on first use and stopped when the test JVM ends. */
    static synchronized TestServer shared() {
        if (shared == null) {
            // the tests' webhooks point at 127.0.0.1; nothing is sent behind their back (WebhookServeTests sends)
            shared = start(Map.of("ducha.webhooks.allow-private", true, "ducha.webhooks.deliver", false));
            Runtime.getRuntime().addShutdownHook(new Thread(shared.context::close));
        }
        return shared;
    }

    /** A server of its own, with {@code settings} over the shared server's, its own store and the same users. */
    static TestServer start(Map<String, Object> settings) {
        return start(settings, null);
    }

    /**
     * A server of its own as {@link #start(Map)}, whose clock is {@code clock} (null: the real one): the store's
     * times, the schedule's today and the deliveries' backoff follow it as the test moves it.
     */
    static TestServer start(Map<String, Object> settings, TestClock clock) {
        TestServer server = bare(settings, clock);
        for (String[] user : new String[][] {{"city", "CITY", null}, {"auditor", "AUDITOR", null},
                {"lanxi", "COUNTY", "lanxi"}, {"dongyang", "COUNTY", "dongyang"}}) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", user[0]);
            body.put("password", PASSWORD);
            body.put("role", user[1]);
            body.put("unit", user[2]);
            HttpResponse<String> r = server.post("admin", "/api/users", body);
            if (r.statusCode() != 201) {
                throw new IllegalStateException("cannot add " + user[0] + ": " + r.body());
            }
        }
        return server;
    }

    /**
     * A server of its own as {@link #start(Map, TestClock)} with its administrator only, as {@code ducha serve}
     * starts on a new store ({@code ducha.admin.password} in {@code settings} sets the administrator's password).
     */
    static TestServer bare(Map<String, Object> settings, TestClock clock) {
        try {
            Path dir = Files.createTempDirectory("ducha-web-");
            Path rules = RulesCopy.in(dir);
            String url = TestDatabases.PG_ADMIN != null && !TestDatabases.PG_ADMIN.isBlank()
                    ? TestDatabases.postgres(dir) : TestDatabases.h2(dir);
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("server.port", 0);
            properties.put("ducha.rules", rules.toString());
            properties.put("ducha.db.url", url);
            properties.put("ducha.admin.username", "admin");
            properties.put("ducha.admin.password", PASSWORD);
            properties.putAll(settings);
            ConfigurableApplicationContext context = clock == null ? DuchaServer.start(properties)
                    : new SpringApplicationBuilder(DuchaServer.class)
                            .initializers(c -> c.getBeanFactory().registerSingleton("clock", clock))
                            .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                                    .toArray(String[]::new));
            return new TestServer(context, rules, clock, new AtomicInteger());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stores every sample sheet of {@code periods} directly (set-up, not under test), once per period, and judges
     * the last of them through the API as the city supervisor; answers that run's id.
     */
    synchronized long samplesJudged(String... periods) {
        samplesStored(periods);
        HttpResponse<String> run = post("city", "/api/evaluations", Map.of("period", periods[periods.length - 1]));
        if (run.statusCode() != 201) {
            throw new IllegalStateException("cannot evaluate: " + run.body());
        }
        return json(run).get("id").asLong();
    }

    /** Stores every sample sheet of {@code periods} directly (set-up, not under test), once per period. */
    synchronized void samplesStored(String... periods) {
        Store store = context.getBean(Store.class);
        SheetReader reader = new SheetReader(context.getBean(RulesInForce.class).current().catalogue());
        for (String period : periods) {
            if (!loaded.add(period)) {
                continue;
            }
            try (Stream<Path> files = Files.list(Path.of("samples", period))) {
                for (Path file : files.sorted().toList()) {
                    byte[] bytes = Files.readAllBytes(file);
                    FactSheet sheet = reader.read(file.toString(), SheetFormat.JSON, bytes).sheet().orElseThrow();
                    store.submissions().add(sheet, bytes, "test set-up");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A request as {@code user} (null: anonymous). */
    HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (user != null) {
            b.header("Authorization", basic(user, PASSWORD));
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest request) {
        return send(http, request);
    }

    /**
     * A client signed in to the dashboard through its login form as {@code user}, as a browser is: its session
     * cookie kept, redirects not followed.
     */
    HttpClient signedIn(String user) {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> login = send(browser, HttpRequest.newBuilder(base.resolve("/login")).GET().build());
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(login.body());
        assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
        String form = "username=" + user + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> posted = send(browser, HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(posted.headers().firstValue("Location").orElseThrow())
                .as("signed in").endsWith("/overview");
        assertThat(cookies.getCookieStore().getCookies())
                .extracting(HttpCookie::getName).contains("JSESSIONID");
        return browser;
    }

    /** The Authorization header's value for HTTP Basic as {@code username}. */
    public static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Sends with a client of the test's own (a browser's cookies, say). */
    public static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String user, String path) {
        return send(request(user, path).GET().build());
    }

    /** POSTs {@code body} as JSON. */
    HttpResponse<String> post(String user, String path, Object body) {
        return send(request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    /** POSTs raw bytes with a content type. */
    HttpResponse<String> post(String user, String path, String contentType, byte[] body) {
        return send(request(user, path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** POSTs one file as multipart/form-data, the way a browser's upload form does. */
    HttpResponse<String> upload(String user, String fileName, byte[] content, String... headers) {
        String boundary = "----ducha" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
        HttpRequest.Builder b = request(user, "/api/sheets")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(all));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** A sample sheet's bytes. */
    static byte[] sample(String period, String unit) {
        try {
            return Files.readAllBytes(Path.of("samples", period, unit + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
