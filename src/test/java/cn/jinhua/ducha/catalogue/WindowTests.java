package cn.jinhua.ducha.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;

class WindowTests {

    @Test
    void calendarYearRunsJanuaryToDecember() {
        Window.Span span = Window.parse("2023").spanFor(YearMonth.of(2023, 9), false).orElseThrow();
        assertThat(span.length()).isEqualTo(12);
        assertThat(span.elapsed(YearMonth.of(2023, 9))).isEqualTo(9);
        assertThat(span.isDue(YearMonth.of(2023, 11))).isFalse();
        assertThat(span.isDue(YearMonth.of(2023, 12))).isTrue();
    }

    @Test
    void closedWindowEndsUnlessTheKindOutlivesIt() {
        Window w = Window.parse("2023");
        assertThat(w.spanFor(YearMonth.of(2024, 1), false)).isEmpty();
        Window.Span after = w.spanFor(YearMonth.of(2024, 1), true).orElseThrow();
        assertThat(after.isDue(YearMonth.of(2024, 1))).isTrue();
        assertThat(after.elapsed(YearMonth.of(2024, 1))).isEqualTo(12);
    }

    @Test
    void eachYearOpensANewWindowFrom2023() {
        Window w = Window.parse("each year");
        assertThat(w.spanFor(YearMonth.of(2022, 12), false)).isEmpty();
        Window.Span span = w.spanFor(YearMonth.of(2024, 1), false).orElseThrow();
        assertThat(span.first()).isEqualTo(YearMonth.of(2024, 1));
        assertThat(span.elapsed(YearMonth.of(2024, 1))).isEqualTo(1);
    }

    @Test
    void openEndedWindowStartsAtItsFirstMonth() {
        Window w = Window.parse("from 2023-06");
        assertThat(w.spanFor(YearMonth.of(2023, 5), false)).isEmpty();
        assertThat(w.spanFor(YearMonth.of(2031, 5), false)).hasValueSatisfying(s -> assertThat(s.isOpen()).isTrue());
    }

    @Test
    void rangeCountsItsMonthsInclusively() {
        Window.Span span = Window.parse("2023-01..2024-12").spanFor(YearMonth.of(2024, 6), true).orElseThrow();
        assertThat(span.length()).isEqualTo(24);
        assertThat(span.elapsed(YearMonth.of(2024, 6))).isEqualTo(18);
    }

    @Test
    void refusesWhatIsNotAWindow() {
        assertThatIllegalArgumentException().isThrownBy(() -> Window.parse("2023-12..2023-01"));
        assertThatIllegalArgumentException().isThrownBy(() -> Window.parse("sometime"));
        assertThatIllegalArgumentException().isThrownBy(() -> Window.parse("from 2023-13"));
    }
}
