package cn.jinhua.ducha.evaluation;

import java.time.YearMonth;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Scope;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.catalogue.Window;

/** A (unit, commitment) pair that scope and window call to be judged in {@code period}. */
public record Subject(Unit unit, Commitment commitment, YearMonth period) {

    /** The span of the commitment's window that judges this period. */
    public Window.Span span() {
        return commitment.spanFor(period).orElseThrow();
    }

    public boolean isCityTotal() {
        return commitment.scope() == Scope.CITY_TOTAL;
    }

    public String metric() {
        return commitment.metric();
    }
}
