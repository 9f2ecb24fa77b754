package cn.jinhua.ducha.evaluation;

/**
 * A waiver in force for the period judged: the (unit, commitment) keeps its verdict, marked waived, and raises
 * no alert.
 */
public record Waiver(String unit, String commitment, String reason) {
}
