package cn.jinhua.ducha.web;

import cn.jinhua.ducha.factsheet.SheetReader;

/**
 * Free text that a request records beside sheets and alerts (a note, a reason): bounded to what its column holds,
 * and refused, naming the field, when a spreadsheet would take it for a formula or it hides control or
 * bidirectional characters, as sheets' own texts are (SheetReader.textError).
 */
public final class TextFields {

    private TextFields() {
    }

    /** {@code text} as given (null stays null), or a 400 naming {@code field}. */
    public static String checked(String field, String text, int max) {
        if (text == null) {
            return null;
        }
        if (text.length() > max) {
            throw ApiProblem.invalid(field, "最多 %d 字 / at most %d characters".formatted(max, max));
        }
        String error = SheetReader.textError(field, text);
        if (error != null) {
            throw ApiProblem.invalid(field, error.substring(field.length() + 2));
        }
        return text;
    }
}
