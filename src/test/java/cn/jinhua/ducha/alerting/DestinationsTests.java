package cn.jinhua.ducha.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Set;

import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Webhook URLs to the server's own machine, its networks, a cloud's metadata service, or nowhere in particular are
 * refused when an endpoint is added, naming the field and the reason, unless private addresses are allowed.
 */
class DestinationsTests {

    @TempDir
    java.nio.file.Path dir;

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "http://127.0.0.1:8080/hook,     环回,     a loopback",
        "http://localhost/hook,          环回,     a loopback",
        "http://[::1]/hook,              环回,     a loopback",
        "http://169.254.169.254/latest,  链路本地, a link-local",
        "http://[fe80::1]/hook,          链路本地, a link-local",
        "http://10.0.0.1/hook,           内网,     a private",
        "https://172.16.5.4/hook,        内网,     a private",
        "http://192.168.1.10/hook,       内网,     a private",
        "http://[fd12:3456::1]/hook,     内网,     a private",
        "http://0.0.0.0/hook,            未指定,   an unspecified",
        "http://224.0.0.1/hook,          组播,     a multicast",
    })
    void refusesNonPublicAddressesNamingTheFieldAndTheReason(String url, String chinese, String english) {
        Destinations.Refused refused = catchThrowableOfType(Destinations.Refused.class,
                () -> Destinations.publicOnly().check(url));

        assertThat(refused).as(url).isNotNull();
        assertThat(refused.getMessage()).startsWith("url: ");
        assertThat(refused.reason()).contains(chinese).contains(english).contains("ducha.webhooks.allow-private");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook",
        "http://169.254.169.254/latest", "http://10.0.0.1/hook", "http://192.168.1.10/hook"})
    void acceptsThemWhenPrivateAddressesAreAllowed(String url) {
        assertThatNoException().isThrownBy(() -> Destinations.allowingPrivate().check(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://1.1.1.1/hook", "http://93.184.216.34:8443/ducha", "https://[2001:4860:4860::8888]/"})
    void acceptsPublicAddresses(String url) {
        assertThatNoException().isThrownBy(() -> Destinations.publicOnly().check(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://1.1.1.1/hook", "file:///etc/passwd", "http:///nohost", "not a url"})
    void refusesWhatIsNotAnHttpUrlWithAHostEvenWhenPrivateAddressesAreAllowed(String url) {
        assertThat(catchThrowableOfType(Destinations.Refused.class, () -> Destinations.allowingPrivate().check(url)))
                .as(url).isNotNull().hasMessageStartingWith("url: ");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("cn.jinhua.ducha.store.TestDatabases#all")
    void addingAnEndpointChecksItsAddress(TestDatabases.Database database) {
        try (Store store = Store.open(database.create(dir), null, null, java.time.Clock.systemUTC())) {
            Destinations.Refused refused = catchThrowableOfType(Destinations.Refused.class,
                    () -> new Webhooks(store).add("metadata", "http://169.254.169.254/latest/meta-data",
                            Webhooks.Format.STANDARD, Set.of(), Set.of(), Set.of(), "tester"));

            assertThat(refused).isNotNull();
            assertThat(refused.getMessage()).contains("url", "169.254.169.254", "链路本地", "a link-local");
            assertThat(new Webhooks(store).list()).as("nothing added").isEmpty();
            assertThat(new Webhooks(store, Destinations.allowingPrivate()).add("receiver", "http://127.0.0.1:9/hook",
                    Webhooks.Format.STANDARD, Set.of(), Set.of(), Set.of(), "tester").url())
                    .isEqualTo("http://127.0.0.1:9/hook");
        }
    }
}
