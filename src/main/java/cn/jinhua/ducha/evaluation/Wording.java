package cn.jinhua.ducha.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words of explanations, alert messages and forecasts in one language: sentence patterns by message key
 * ({@code wording.properties} in Chinese, {@code wording_en.properties} in English, the same keys) and, for English,
 * the names of what the catalogue names in Chinese ({@code english-names.properties}: units, commitments, tasks,
 * lead units, measures, statuses). Chinese names are the catalogue's own, never copied here, so that the two cannot
 * drift apart; an English name the file lacks falls back to an id or a metric key, never to Chinese, except a lead
 * unit's, which has no id (a test holds that the shipped catalogue lacks none). Safe to use from many threads at once
 * (the JSON report writes verdicts on every core).
 */
public final class Wording {

    public static final Wording CHINESE = new Wording(Locale.ROOT, false);
    public static final Wording ENGLISH = new Wording(Locale.ENGLISH, true);

    /** The base name of the sentence patterns (a resource bundle). */
    public static final String PATTERNS = "cn.jinhua.ducha.evaluation.wording";

    /** The English names of what the catalogue names in Chinese. */
    public static final String ENGLISH_NAMES = "cn/jinhua/ducha/evaluation/english-names.properties";

    private final ResourceBundle patterns;
    private final boolean english;
    private final Properties names;
    /** Parsed patterns, cloned for each use: a MessageFormat is not safe to share between threads. */
    private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();

    private Wording(Locale locale, boolean english) {
        this.patterns = ResourceBundle.getBundle(PATTERNS, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.english = english;
        this.names = english ? load(ENGLISH_NAMES) : new Properties();
    }

    /** English for a locale whose language is English, Chinese for any other (Chinese comes first, always). */
    public static Wording of(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? ENGLISH : CHINESE;
    }

    public boolean isEnglish() {
        return english;
    }

    /**
     * The pattern {@code key} with its arguments, each already text (numbers are formatted before they come here,
     * exactly, so that MessageFormat never groups or rounds them).
     */
    public String format(String key, String... args) {
        MessageFormat f = formats.computeIfAbsent(key, k -> new MessageFormat(patterns.getString(k), Locale.ROOT));
        return ((MessageFormat) f.clone()).format(args);
    }

    /**
     * What a thing is called: {@code chinese} in Chinese; in English the name under {@code key}, else
     * {@code fallback}.
     */
    public String name(String key, String chinese, String fallback) {
        return english ? names.getProperty(key, fallback) : chinese;
    }

    /** The English name under {@code key}, if the names file has one (always empty in Chinese). */
    String englishName(String key) {
        return english ? names.getProperty(key) : null;
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = Wording.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
