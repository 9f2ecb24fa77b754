package cn.jinhua.ducha.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import cn.jinhua.ducha.evaluation.Wording;

/**
 * An alert followed up until closed. Identified as in the contract by (unit, commitment, level); its state and
 * deadline are those of its latest event, and its history is every event, oldest first.
 *
 * @param commitment null for a DATA alert
 */
public record TrackedAlert(long id, String unit, String commitment, String level, Instant openedAt,
                           List<AlertEvent> history) {

    public TrackedAlert {
        history = List.copyOf(history);
    }

    public AlertEvent latest() {
        return history.get(history.size() - 1);
    }

    public AlertState state() {
        return latest().state();
    }

    /** The rectification deadline in force, null where none applies (yellow and data alerts). */
    public Instant deadline() {
        return latest().deadline();
    }

    /** The units answerable for it: the reporting unit and the task's lead unit. */
    public List<String> responsible() {
        return latest().responsible();
    }

    /** The latest message the alert carried, in Chinese. */
    public String message() {
        return message(Locale.ROOT);
    }

    /**
     * The latest message the alert carried, in the locale's language: English where the event kept it (events
     * since V10), else Chinese.
     */
    public String message(Locale locale) {
        for (int i = history.size() - 1; i >= 0; i--) {
            AlertEvent e = history.get(i);
            if (e.message() != null) {
                return Wording.of(locale).isEnglish() && e.messageEn() != null ? e.messageEn() : e.message();
            }
        }
        return null;
    }

    /**
     * The latest period a run spoke of this alert for, raising or resolving it; null before any run did. A run of
     * an earlier period (a month caught up, or judged again) leaves the alert as the later month left it.
     */
    public String judgedFor() {
        String latest = null;
        for (AlertEvent e : history) {
            if (e.run() != null && e.period() != null && (latest == null || e.period().compareTo(latest) > 0)) {
                latest = e.period();
            }
        }
        return latest;
    }

    /** The period the alert was last raised for. */
    public String period() {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).period() != null && history.get(i).run() != null
                    && !history.get(i).event().equals("RESOLVED")) {
                return history.get(i).period();
            }
        }
        return null;
    }
}
