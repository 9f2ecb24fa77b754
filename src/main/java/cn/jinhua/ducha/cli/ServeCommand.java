package cn.jinhua.ducha.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import cn.jinhua.ducha.web.DuchaServer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ducha serve}: the HTTP API (and, later, the pages) over the store and {@code rules/}, until stopped. The
 * first administrator's name and password come from DUCHA_ADMIN_USERNAME and DUCHA_ADMIN_PASSWORD; without a
 * password one is made up and logged once.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "启动 HTTP 服务 / serves the HTTP API (OpenAPI at /v3/api-docs, UI at /swagger-ui.html).")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "端口 / the port to listen on (default: 8080; 0 picks a free one)")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        // Logging stays at warnings for the other commands; a server says what it does.
        System.setProperty("DUCHA_LOG_LEVEL", System.getProperty("DUCHA_LOG_LEVEL", "INFO"));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("ducha.rules", ducha.rules().toString());
        properties.put("ducha.rectification-days", ducha.rectificationDays);
        if (ducha.allowPrivateWebhooks) {
            properties.put("ducha.webhooks.allow-private", true);
        }
        String[] db = ducha.storeSettings();
        if (db[0] != null) {
            properties.put("ducha.db.url", db[0]);
        }
        if (db[1] != null) {
            properties.put("ducha.db.user", db[1]);
        }
        if (db[2] != null) {
            properties.put("ducha.db.password", db[2]);
        }
        ConfigurableApplicationContext context = DuchaServer.start(properties);
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        String listening = context.getEnvironment().getProperty("local.server.port", String.valueOf(port));
        ducha.err.printf("督查服务已启动 / Ducha is serving on http://localhost:%s (API 文档 docs: /swagger-ui.html)%n",
                listening);
        closed.await();
        return 0;
    }
}
