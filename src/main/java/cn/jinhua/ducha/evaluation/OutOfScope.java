package cn.jinhua.ducha.evaluation;

import java.util.List;

import cn.jinhua.ducha.catalogue.Unit;

/** A local unit and the commitments judged in the period whose scope leaves it out (FTZ); never empty. */
public record OutOfScope(Unit unit, List<Subject> subjects) {
}
