package cn.jinhua.ducha.web;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import cn.jinhua.ducha.alerting.Destinations;
import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.Waivers;
import cn.jinhua.ducha.alerting.Webhooks;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.store.Store;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.http.ProblemDetail;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ducha serve}: the Spring Boot application. It opens the store and compiles {@code rules/} once at start;
 * everything it judges goes through the same classes as the command line.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan
@EnableScheduling
public class DuchaServer {

    /**
     * Starts the server with {@code properties} (ducha.rules, ducha.db.url, server.port ...) over the defaults of
     * application.properties, and answers once it listens.
     */
    public static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // As command-line arguments: they outrank application.properties, where default properties would not.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(DuchaServer.class).run(args);
    }

    /**
     * A path with an encoded slash ({@code %2F}) reaches the application, whose firewall refuses it with a
     * problem+json answer, instead of Tomcat's own HTML error page.
     */
    @Bean
    org.springframework.boot.tomcat.TomcatConnectorCustomizer encodedSlashes() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }

    /**
     * The server's clock: the store's times, token expiry and login throttling follow it. A test starts a server
     * with its own by registering a {@code Clock} before the context is refreshed.
     */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    Store store(@Value("${ducha.db.url:}") String url, @Value("${ducha.db.user:}") String user,
                @Value("${ducha.db.password:}") String password, @Value("${ducha.db.connections:10}") int connections,
                Clock clock) {
        return Store.open(url.isBlank() ? Store.DEFAULT_URL : url, user.isBlank() ? null : user,
                password.isBlank() ? null : password, clock, connections);
    }

    @Bean
    RulesInForce rules(@Value("${ducha.rules:rules}") Path directory, Store store) {
        return new RulesInForce(directory, store);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    Users users(Store store, PasswordEncoder encoder, RulesInForce rules,
                @Value("${ducha.admin.username:admin}") String admin,
                @Value("${ducha.admin.password:}") String password) {
        Users users = new Users(store, encoder, () -> rules.current().catalogue());
        users.ensureAdmin(admin, password);
        return users;
    }

    @Bean
    Supervision supervision(Store store, @Value("${ducha.rectification-days:15}") int days) {
        return new Supervision(store, Duration.ofDays(days));
    }

    @Bean
    Waivers waivers(Store store) {
        return new Waivers(store);
    }

    /** Webhooks to public addresses only, unless ducha.webhooks.allow-private (DUCHA_WEBHOOKS_ALLOW_PRIVATE) is set. */
    @Bean
    Webhooks webhooks(Store store, @Value("${ducha.webhooks.allow-private:false}") boolean allowPrivate) {
        return new Webhooks(store, Destinations.of(allowPrivate));
    }

    /** The sheet reader of the rules in force; a reload brings a new catalogue, so it is made per request. */
    static SheetReader reader(RulesInForce rules) {
        return new SheetReader(rules.current().catalogue());
    }

    /**
     * The API's JSON: strict on the way in (unknown fields, duplicate keys, nulls for numbers, trailing tokens,
     * nesting and length limits are errors), exact decimals both ways.
     */
    @Bean
    JsonMapper jsonMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32).maxStringLength(100_000).maxNumberLength(64).maxNameLength(200).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
                .build();
    }
}
