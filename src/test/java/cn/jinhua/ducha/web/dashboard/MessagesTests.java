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

import org.junit.jupiter.api.Test;

/** The dashboard speaks Chinese and English alike: every message in both, with the same placeholders. */
class MessagesTests {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (Reader in = new InputStreamReader(MessagesTests.class.getResourceAsStream("/dashboard/" + name),
                StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void chineseAndEnglishHaveTheSameKeysAndPlaceholders() throws IOException {
        Properties chinese = load("messages.properties");
        Properties english = load("messages_en.properties");

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
