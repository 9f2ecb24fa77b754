package cn.jinhua.ducha.web.dashboard;

import java.util.Locale;

/**
 * How stored values read on a page (public for the templates' expressions); the pages' own words are in
 * dashboard/messages*.properties.
 */
public final class Words {

    private Words() {
    }

    /** A stored value (JSON text: a number, a boolean or a progress status) as a person reads it. */
    public static String value(String json) {
        if (json == null) {
            return null;
        }
        if (json.length() >= 2 && json.startsWith("\"") && json.endsWith("\"")) {
            return json.substring(1, json.length() - 1);
        }
        return json;
    }

    /** A value as a person reads it: an exact decimal written plainly, nothing as a dash. */
    public static String shown(Object value) {
        if (value == null) {
            return "—";
        }
        return value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
    }

    /** Whether the user chose English. */
    static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }
}
