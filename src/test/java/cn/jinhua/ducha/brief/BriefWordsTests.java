package cn.jinhua.ducha.brief;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** The brief's two files of words: the same keys, and English without Chinese. */
class BriefWordsTests {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BriefWordsTests.class.getClassLoader()
                .getResourceAsStream("cn/jinhua/ducha/brief/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyChineseKeyHasItsEnglishAndTheEnglishIsNotChinese() throws IOException {
        Properties chinese = load("brief.properties");
        Properties english = load("brief_en.properties");
        Set<String> missing = new TreeSet<>(chinese.stringPropertyNames());
        missing.removeAll(english.stringPropertyNames());
        assertThat(missing).as("keys of brief.properties missing from brief_en.properties").isEmpty();
        english.forEach((k, v) -> assertThat(v.toString()).as(k.toString()).doesNotContainPattern("\\p{IsHan}"));
        for (Section s : Section.values()) {
            assertThat(BriefWords.ENGLISH.sheet(s)).as(s.name()).hasSizeLessThanOrEqualTo(31);
        }
    }
}
