package cn.jinhua.ducha.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import cn.jinhua.ducha.RulesCopy;
import cn.jinhua.ducha.store.TestDatabases;
import cn.jinhua.ducha.web.DuchaServer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API under load (issue 14, BENCHMARKS.md): {@code ducha serve} as the command starts it, in this JVM, over a
 * fresh H2 file or a fresh PostgreSQL database, with a county supervisor and an API token for each county-level unit
 * of the samples, August's and September's sample sheets stored through the API and September judged. Then 20
 * clients, each as one county's token (or its password, to compare), loop for 10 s of warm-up and 60 s measured:
 * submit their unit's sheet for October (a new revision each time), then read evaluations, September's verdicts,
 * open alerts and September's sheets. Prints the requests, failures, p50
 * and p99 per endpoint, and writes the table to {@code target/benchmarks/api-load-<db>-<auth>.md}.
 *
 * <p>Arguments: {@code h2} or {@code postgres} (the server named by DUCHA_TEST_PG, as the tests use it), then
 * optionally {@code token} (the default) or {@code basic}, and {@code clients=N}, {@code seconds=N}. Run by the
 * benchmarks profile: {@code mvn -B -q -Pbenchmarks verify -Dbench.main=cn.jinhua.ducha.bench.ApiLoad
 * -Dbench.args=h2}.
 */
public final class ApiLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "load-test-password";
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final List<String> READS = List.of("GET /api/evaluations", "GET /api/verdicts?period=2023-09",
            "GET /api/alerts?state=OPEN", "GET /api/sheets?period=2023-09");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private volatile boolean measuring;

    private ApiLoad(URI base) {
        this.base = base;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        List<String> given = Arrays.stream(args).flatMap(a -> Arrays.stream(a.trim().split("\\s+")))
                .filter(a -> !a.isBlank()).toList();
        String db = given.isEmpty() ? "h2" : given.get(0);
        boolean basic = given.contains("basic");
        int clients = option(given, "clients", 20);
        int seconds = option(given, "seconds", 60);
        Path dir = Files.createTempDirectory("ducha-load-");
        String url = switch (db) {
            case "h2" -> TestDatabases.h2(dir);
            case "postgres" -> {
                if (TestDatabases.PG_ADMIN == null || TestDatabases.PG_ADMIN.isBlank()) {
                    throw new IllegalStateException("DUCHA_TEST_PG names no PostgreSQL server");
                }
                yield TestDatabases.postgres(dir);
            }
            default -> throw new IllegalArgumentException("the database is h2 or postgres, not " + db);
        };
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("ducha.rules", RulesCopy.in(dir).toString());
        properties.put("ducha.db.url", url);
        properties.put("ducha.admin.username", "admin");
        properties.put("ducha.admin.password", PASSWORD);
        // the clients are supervisors behind one address, not attackers: no failed logins are expected, but the
        // per-address budget must not be what is measured
        properties.put("ducha.login.failures-per-address", 1_000_000);
        try (ConfigurableApplicationContext server = DuchaServer.start(properties)) {
            ApiLoad load = new ApiLoad(URI.create("http://localhost:"
                    + server.getEnvironment().getProperty("local.server.port")));
            List<String[]> counties = load.setUp();
            String table = load.run(counties, clients, Duration.ofSeconds(seconds), basic);
            String header = "API load: %s, %s auth, %d clients, %d s measured after %d s warm-up, %d cores, %s%n%n"
                    .formatted(db, basic ? "Basic" : "token", clients, seconds, WARM_UP.toSeconds(),
                            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.print(header + table);
            Path report = Path.of("target", "benchmarks", "api-load-%s-%s.md".formatted(db, basic ? "basic" : "token"));
            Files.createDirectories(report.getParent());
            Files.writeString(report, header + table, StandardCharsets.UTF_8);
        }
    }

    private static int option(List<String> args, String name, int otherwise) {
        return args.stream().filter(a -> a.startsWith(name + "=")).map(a -> Integer.parseInt(a.substring(
                name.length() + 1))).findFirst().orElse(otherwise);
    }

    /**
     * Users, tokens and data: answers {unit, username, token} for each county-level unit of the samples. Each
     * unit's August and September sheets go in through the API, as its own token; the city judges September.
     */
    private List<String[]> setUp() throws IOException {
        String admin = basic("admin");
        List<String[]> counties = new ArrayList<>();
        try (var files = Files.list(Path.of("samples", "2023-09"))) {
            for (Path file : files.sorted().toList()) {
                String unit = file.getFileName().toString().replace(".json", "");
                Map<String, Object> user = new LinkedHashMap<>();
                user.put("username", "load-" + unit);
                user.put("password", PASSWORD);
                user.put("role", "COUNTY");
                user.put("unit", unit);
                HttpResponse<String> added = send(post("/api/users", admin, "application/json",
                        JSON.writeValueAsBytes(user)));
                if (added.statusCode() != 201) {
                    continue; // the city and the province have no county supervisor
                }
                HttpResponse<String> token = send(post("/api/users/load-" + unit + "/tokens", admin,
                        "application/json", JSON.writeValueAsBytes(Map.of("name", "load test"))));
                require(token, 201);
                counties.add(new String[] {unit, "load-" + unit, JSON.readTree(token.body()).get("token").asString()});
            }
        }
        for (String[] county : counties) {
            for (String period : List.of("2023-08", "2023-09")) {
                require(send(post("/api/sheets", "Bearer " + county[2], "application/json",
                        Files.readAllBytes(Path.of("samples", period, county[0] + ".json")))), 201);
            }
        }
        Map<String, Object> city = Map.of("username", "load-city", "password", PASSWORD, "role", "CITY");
        require(send(post("/api/users", admin, "application/json", JSON.writeValueAsBytes(city))), 201);
        require(send(post("/api/evaluations", basic("load-city"), "application/json",
                JSON.writeValueAsBytes(Map.of("period", "2023-09")))), 201);
        return counties;
    }

    private String run(List<String[]> counties, int clients, Duration measured, boolean basic)
            throws InterruptedException {
        long warmUpEnds = System.nanoTime() + WARM_UP.toNanos();
        long ends = warmUpEnds + measured.toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            String[] county = counties.get(i % counties.size());
            String authorization = basic ? basic(county[1]) : "Bearer " + county[2];
            Thread client = new Thread(() -> {
                try {
                    // October's sheet (September's numbers), so that the September the clients read stays as
                    // set up instead of growing by a revision with every submission
                    byte[] sheet = Files.readString(Path.of("samples", "2023-09", county[0] + ".json"),
                            StandardCharsets.UTF_8).replaceFirst("\"period\"\\s*:\\s*\"2023-09\"",
                            "\"period\": \"2023-10\"").getBytes(StandardCharsets.UTF_8);
                    while (System.nanoTime() < ends) {
                        measuring = System.nanoTime() >= warmUpEnds;
                        timed("POST /api/sheets", post("/api/sheets", authorization, "application/json", sheet));
                        for (String read : READS) {
                            timed(read, HttpRequest.newBuilder(base.resolve(read.substring(4)))
                                    .header("Authorization", authorization).timeout(Duration.ofSeconds(60)).GET()
                                    .build());
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            }, "load-client-" + i);
            client.start();
        }
        done.await();
        return table(measured);
    }

    private void timed(String endpoint, HttpRequest request) {
        long started = System.nanoTime();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long took = System.nanoTime() - started;
        if (!measuring) {
            return;
        }
        latencies.computeIfAbsent(endpoint, k -> new ConcurrentLinkedQueue<>()).add(took);
        if (status < 200 || status >= 300) {
            failures.computeIfAbsent(endpoint, k -> new AtomicLong()).incrementAndGet();
        }
    }

    private String table(Duration measured) {
        StringBuilder t = new StringBuilder("| endpoint | requests | not 2xx | p50 ms | p99 ms | max ms |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        long total = 0;
        for (String endpoint : concat("POST /api/sheets", READS)) {
            long[] sorted = latencies.getOrDefault(endpoint, new ConcurrentLinkedQueue<>()).stream()
                    .mapToLong(Long::longValue).sorted().toArray();
            total += sorted.length;
            t.append("| `%s` | %d | %d | %s | %s | %s |%n".formatted(endpoint, sorted.length,
                    failures.getOrDefault(endpoint, new AtomicLong()).get(), ms(percentile(sorted, 50)),
                    ms(percentile(sorted, 99)), ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1])));
        }
        t.append("%nTotal %d requests, %.0f per second.%n".formatted(total, total / (double) measured.toSeconds()));
        return t.toString();
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** The nearest-rank percentile of sorted nanoseconds. */
    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest post(String path, String authorization, String type, byte[] body) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization)
                .header("Content-Type", type).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }
}
