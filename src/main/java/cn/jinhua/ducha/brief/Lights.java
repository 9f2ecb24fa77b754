package cn.jinhua.ducha.brief;

import java.util.List;

import cn.jinhua.ducha.evaluation.Light;
import cn.jinhua.ducha.evaluation.LightMatrix;

/** The lights as both files show them: a fill colour, and a label that carries the meaning without the colour. */
final class Lights {

    /** The lights in the order the brief counts them: the order every table counts them in. */
    static final List<Light> ORDER = LightMatrix.COUNTED;

    private Lights() {
    }

    /** The fill colour, as RRGGBB: the pale green, yellow, red and grey of Excel's own highlight rules. */
    static String fill(Light light) {
        return switch (light) {
            case GREEN -> "C6EFCE";
            case YELLOW -> "FFEB9C";
            case RED -> "FFC7CE";
            case GREY -> "D9D9D9";
        };
    }

    /** 绿灯 green, 黄灯 yellow ...: Chinese first. */
    static String label(Light light) {
        return light.label() + " " + light.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Text as an XML part can carry it: characters XML 1.0 forbids become U+FFFD (stored text never has them). */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF ? c : 0xFFFD));
        return b.toString();
    }
}
