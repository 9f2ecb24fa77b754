package cn.jinhua.ducha.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
    /** Parsed patterns: immutable, so shared between threads. */
    private final Map<String, Template> formats = new ConcurrentHashMap<>();

    private Wording(Locale locale, boolean english) {
        this.patterns = ResourceBundle.getBundle(PATTERNS, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.english = english;
        this.names = english ? properties(ENGLISH_NAMES) : new Properties();
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
        return formats.computeIfAbsent(key, k -> Template.parse(k, patterns.getString(k))).format(args);
    }

    /**
     * A sentence pattern written as for {@link java.text.MessageFormat} ({@code {0}} for an argument, {@code ''} for
     * an apostrophe, text in single quotes as it stands), parsed once. Arguments are text already, so nothing else of
     * MessageFormat is needed, and a pattern asking for more ({@code {0,number}}) is refused when first used. Filling
     * one in is a concatenation: a national month words hundreds of thousands of explanations, and MessageFormat
     * took half the time of each.
     *
     * @param parts literal text (String) and argument positions (Integer), in order
     */
    private record Template(List<Object> parts) {

        static Template parse(String key, String text) {
            List<Object> parts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    literal.append('\'');
                    i++;
                } else if (c == '\'') {
                    quoted = !quoted;
                } else if (c == '{' && !quoted) {
                    int end = text.indexOf('}', i);
                    String index = end < 0 ? "" : text.substring(i + 1, end);
                    if (!index.matches("\\d{1,2}")) {
                        throw new IllegalStateException("wording %s: only {n} arguments are allowed: %s"
                                .formatted(key, text));
                    }
                    if (!literal.isEmpty()) {
                        parts.add(literal.toString());
                        literal.setLength(0);
                    }
                    parts.add(Integer.valueOf(index));
                    i = end;
                } else {
                    literal.append(c);
                }
            }
            if (!literal.isEmpty()) {
                parts.add(literal.toString());
            }
            return new Template(List.copyOf(parts));
        }

        String format(String... args) {
            StringBuilder out = new StringBuilder(128);
            for (Object part : parts) {
                if (part instanceof Integer n) {
                    // as MessageFormat: an argument not given stands as written, a null one as "null"
                    out.append(n < args.length ? args[n] : "{" + n + "}");
                } else {
                    out.append((String) part);
                }
            }
            return out.toString();
        }
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

    /** A properties file on the class path read as UTF-8 (the wording's own and the brief's words). */
    public static Properties properties(String resource) {
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
