package cn.jinhua.ducha.brief;

import java.util.Locale;
import java.util.Properties;

import cn.jinhua.ducha.evaluation.Wording;

/**
 * The words of one edition of the brief, by message key: {@code brief.properties} for the Chinese 督查通报 (its
 * headings and labels Chinese then English, as it has always been written), {@code brief_en.properties} for the
 * English edition, the same keys. What the catalogue names (units, commitments, lead units, statuses) is named by
 * {@link Wording}, whose English names file the explanations and alerts use too; the Chinese edition uses the
 * catalogue's own words, and this class never copies them.
 */
final class BriefWords {

    static final BriefWords CHINESE = new BriefWords(false);
    static final BriefWords ENGLISH = new BriefWords(true);

    private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    private final boolean english;
    private final Properties words;

    private BriefWords(boolean english) {
        this.english = english;
        this.words = Wording.properties(english ? "cn/jinhua/ducha/brief/brief_en.properties"
                : "cn/jinhua/ducha/brief/brief.properties");
    }

    /** English for a locale whose language is English, Chinese for any other, as {@link Wording#of} decides. */
    static BriefWords of(Locale locale) {
        return Wording.of(locale).isEnglish() ? ENGLISH : CHINESE;
    }

    boolean isEnglish() {
        return english;
    }

    Wording wording() {
        return english ? Wording.ENGLISH : Wording.CHINESE;
    }

    /** The words under {@code key}; a key either file lacks is a bug, refused at once. */
    String get(String key) {
        String s = words.getProperty(key);
        if (s == null) {
            throw new IllegalStateException("brief words: no %s in the %s edition".formatted(key,
                    english ? "English" : "Chinese"));
        }
        return s;
    }

    /** The pattern under {@code key} filled in ({@link java.util.Formatter}'s {@code %s}, {@code %d}, {@code %2$s}). */
    String format(String key, Object... args) {
        return get(key).formatted(args);
    }

    /**
     * In English the English name under {@code key} in this edition's file (areas, alert levels and states, events),
     * else {@code fallback}; in Chinese {@code chinese}.
     */
    String name(String key, String chinese, String fallback) {
        return english ? words.getProperty(key, fallback) : chinese;
    }

    /** A heading: Chinese then English in the 督查通报, English alone in the English edition. */
    String heading(String chinese, String englishWords) {
        return english ? englishWords : chinese + " / " + englishWords;
    }

    /** A section's number: 一、 二、 … or 1. 2. … */
    String number(int index) {
        return english ? (index + 1) + ". " : NUMERALS[index] + "、";
    }

    /** A subsection's number: （一） （二） … or (1) (2) … */
    String subNumber(int index) {
        return english ? "(" + (index + 1) + ") " : "（" + NUMERALS[index] + "）";
    }

    /** A light's label: 绿灯 green … (Chinese first), or green … */
    String light(cn.jinhua.ducha.evaluation.Light light) {
        return english ? words.getProperty("light." + light.name()) : Lights.label(light);
    }

    /** A section's worksheet name (at most 31 characters, none of Excel's forbidden ones). */
    String sheet(Section section) {
        return get("sheet." + section.name());
    }
}
