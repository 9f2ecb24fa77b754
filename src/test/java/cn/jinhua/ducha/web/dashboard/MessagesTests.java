package cn.jinhua.ducha.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ducha speaks Chinese and English alike: every message in both, with the same placeholders, in every pair of
 * message files (the dashboard's and the API's words; the sentences of explanations, alerts and forecasts).
 */
class MessagesTests {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (Reader in = new InputStreamReader(MessagesTests.class.getResourceAsStream("/" + name),
                StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    /** Every pair of message files: the base name of each, whose Chinese is {@code .properties}. */
    static Stream<String> bundles() {
        return Stream.of("web/messages", "dashboard/messages", "cn/jinhua/ducha/evaluation/wording");
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void chineseAndEnglishHaveTheSameKeysAndPlaceholders(String bundle) throws IOException {
        Properties chinese = load(bundle + ".properties");
        Properties english = load(bundle + "_en.properties");

        assertThat(english.stringPropertyNames()).as("keys in English")
                .containsExactlyInAnyOrderElementsOf(chinese.stringPropertyNames());
        for (String key : chinese.stringPropertyNames()) {
            assertThat(chinese.getProperty(key)).as("%s in Chinese", key).isNotBlank();
            assertThat(english.getProperty(key)).as("%s in English", key).isNotBlank();
            assertThat(placeholders(english.getProperty(key))).as("the placeholders of %s", key)
                    .isEqualTo(placeholders(chinese.getProperty(key)));
        }
    }

    private static Set<String> placeholders(String message) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(message);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
