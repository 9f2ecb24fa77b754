package cn.jinhua.ducha.reference;

/**
 * An alert as the contract identifies it: (unit, commitment, level).
 *
 * @param commitment null for a DATA alert
 * @param level      {@code RED}, {@code YELLOW} or {@code DATA}
 */
public record ReferenceAlert(String unit, String commitment, String level) {
}
