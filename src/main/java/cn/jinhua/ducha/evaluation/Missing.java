package cn.jinhua.ducha.evaluation;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;

/** {@code unit} owed the value of {@code commitment} and its sheet does not carry it. */
public record Missing(Unit unit, Commitment commitment) {
}
