package cn.jinhua.ducha.catalogue;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The months in which a commitment is judged, written as in commitments.md: {@code 2023},
 * {@code 2023-01..2024-12}, {@code from 2023}, {@code from 2023-06} or {@code each year} (from 2023).
 * Windows are inclusive; the period judged is always passed in, never read from the clock.
 */
public final class Window {

    private static final int FIRST_YEAR = 2023;
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2})\\.\\.(\\d{4}-\\d{2})");
    private static final Pattern FROM = Pattern.compile("from (\\d{4}(?:-\\d{2})?)");

    private final String text;
    private final YearMonth first;
    private final YearMonth last;
    private final boolean yearly;

    private Window(String text, YearMonth first, YearMonth last, boolean yearly) {
        this.text = text;
        this.first = first;
        this.last = last;
        this.yearly = yearly;
    }

    /**
     * Reads a window as commitments.md writes it.
     *
     * @throws IllegalArgumentException naming the text when it is not a window
     */
    public static Window parse(String text) {
        try {
            if (text == null) {
                throw new IllegalArgumentException("window 缺失 / window is missing");
            }
            if (text.equals("each year")) {
                return new Window(text, YearMonth.of(FIRST_YEAR, 1), null, true);
            }
            if (YEAR.matcher(text).matches()) {
                int year = Integer.parseInt(text);
                return new Window(text, YearMonth.of(year, 1), YearMonth.of(year, 12), false);
            }
            Matcher range = RANGE.matcher(text);
            if (range.matches()) {
                YearMonth first = YearMonth.parse(range.group(1));
                YearMonth last = YearMonth.parse(range.group(2));
                if (last.isBefore(first)) {
                    throw new IllegalArgumentException("窗口结束早于开始 / window ends before it starts: " + text);
                }
                return new Window(text, first, last, false);
            }
            Matcher from = FROM.matcher(text);
            if (from.matches()) {
                String start = from.group(1);
                YearMonth first = start.length() == 4 ? YearMonth.of(Integer.parseInt(start), 1) : YearMonth.parse(start);
                return new Window(text, first, null, false);
            }
        } catch (DateTimeParseException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("无法识别的窗口 / not a window: \"" + text + "\"");
    }

    /**
     * The span of this window that judges {@code period}, if any.
     *
     * @param outlives whether the commitment goes on being judged after the window's last month
     */
    public Optional<Span> spanFor(YearMonth period, boolean outlives) {
        if (period.isBefore(first)) {
            return Optional.empty();
        }
        if (yearly) {
            return Optional.of(new Span(YearMonth.of(period.getYear(), 1), YearMonth.of(period.getYear(), 12)));
        }
        if (last != null && period.isAfter(last) && !outlives) {
            return Optional.empty();
        }
        return Optional.of(new Span(first, last));
    }

    @Override
    public String toString() {
        return text;
    }

    /** Chinese rendering for people: 2023年, 2023-01至2024-12, 2023-06起, 每年. */
    public String label() {
        if (yearly) {
            return "每年(" + FIRST_YEAR + "年起)";
        }
        if (last == null) {
            return first + "起";
        }
        if (first.getMonthValue() == 1 && last.getMonthValue() == 12 && first.getYear() == last.getYear()) {
            return first.getYear() + "年";
        }
        return first + "至" + last;
    }

    /**
     * One concrete run of months, inclusive; {@code last} is null for an open-ended window.
     */
    public record Span(YearMonth first, YearMonth last) {

        /** Months in the span; only meaningful when it is closed. */
        public int length() {
            return monthsBetween(first, last) + 1;
        }

        /** Months elapsed up to and including {@code period}, at most the span's length. */
        public int elapsed(YearMonth period) {
            return Math.min(monthsBetween(first, period) + 1, length());
        }

        /** Whether {@code period} is the span's last month or later. */
        public boolean isDue(YearMonth period) {
            return last != null && !period.isBefore(last);
        }

        public boolean isOpen() {
            return last == null;
        }

        private static int monthsBetween(YearMonth from, YearMonth to) {
            return (to.getYear() - from.getYear()) * 12 + to.getMonthValue() - from.getMonthValue();
        }
    }
}
