package cn.jinhua.ducha.evaluation;

/** An accepted sheet of the period judged, from {@code unit}. */
public record Submission(String unit, String source) {
}
