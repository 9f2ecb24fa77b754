package cn.jinhua.ducha.alerting;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real webhook receiver on loopback (the JDK's HttpServer on a free port). It checks every request's
 * Standard Webhooks signature with the secret of the path it came to, answers 401 when it does not verify and
 * otherwise whatever status the test sets, and keeps every request it saw. It can be stopped and started again on
 * the same port, as a receiver that goes down for a while. A test can wait for the next request, or hold requests
 * until it lets them go, to know what a sender is doing without sleeping. The web tests use it too.
 */
public final class Receiver implements AutoCloseable {

    /** One request as received and how it was answered. */
    public record Request(String path, String id, String timestamp, String signature, String body, boolean verified,
                          int status) {

        public boolean succeeded() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);
    private final BlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();
    private final AtomicReference<Hold> hold = new AtomicReference<>();
    private final Map<String, Integer> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private final int port;
    private HttpServer server;
    private ExecutorService workers;

    private Receiver() throws IOException {
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    public static Receiver start() throws IOException {
        return new Receiver();
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer listening = HttpServer.create(new InetSocketAddress(LOOPBACK, onPort), 0);
        listening.createContext("/", this::handle);
        // several senders at once are served at once, as a real receiver would serve them
        workers = Executors.newCachedThreadPool();
        listening.setExecutor(workers);
        listening.start();
        return listening;
    }

    /** The URL of a path on this receiver. */
    public String url(String path) {
        return "http://" + LOOPBACK.getHostAddress() + ":" + port + path;
    }

    /** Verifies what comes to {@code path} with {@code secret}. */
    public void trust(String path, String secret) {
        secrets.put(path, secret);
    }

    /** The status to answer a request that verifies. */
    void answer(int status) {
        answer.set(status);
    }

    /** The status to answer a request to {@code path} that verifies, whatever the others are answered. */
    public void answer(String path, int status) {
        answers.put(path, status);
    }

    /** Goes down: nothing listens on the port until {@link #restart()}. */
    void stop() {
        server.stop(0);
        workers.shutdownNow();
    }

    /** Comes back on the same port. */
    void restart() throws IOException {
        server = listen(port);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /**
     * The next request answered, waiting at most {@code timeout} for it.
     *
     * @throws AssertionError when none comes in time
     */
    public Request next(Duration timeout) throws InterruptedException {
        Request request = arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (request == null) {
            throw new AssertionError("no request came within " + timeout);
        }
        return request;
    }

    /** From now on requests wait, unanswered, until the hold is released. */
    Hold hold() {
        Hold h = new Hold(new CountDownLatch(1), new CountDownLatch(1));
        hold.set(h);
        return h;
    }

    /** Requests held: {@code arrived} opens when the first has come in, {@link #release()} lets them all go. */
    record Hold(CountDownLatch arrived, CountDownLatch released) {

        void release() {
            released.countDown();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Hold held = hold.get();
        if (held != null) {
            held.arrived().countDown();
            try {
                if (!held.released().await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("a held request was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            String secret = secrets.get(path);
            boolean verified = secret != null && id != null && signature != null && timestamp != null
                    && timestamp.matches("\\d+")
                    && Signature.verify(secret, id, Long.parseLong(timestamp), body, signature);
            int status = verified ? answers.getOrDefault(path, answer.get()) : 401;
            Request request = new Request(path, id, timestamp, signature, body, verified, status);
            requests.add(request);
            exchange.sendResponseHeaders(status, -1);
            arrivals.add(request);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
