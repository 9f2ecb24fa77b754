package cn.jinhua.ducha.evaluation;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;

/** {@code unit} owes the value of {@code commitment} on its sheet for the period judged. */
public record Owed(Unit unit, Commitment commitment) {
}
