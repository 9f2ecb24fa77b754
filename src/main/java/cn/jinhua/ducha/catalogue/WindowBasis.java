package cn.jinhua.ducha.catalogue;

/**
 * Whether the seed states a commitment's window or the catalogue infers it from the plan's schedule
 * (commitments.md, "Where the seed states the deadline, and where it is inferred"). Explanations of a verdict judged
 * against an inferred deadline say 推定时限.
 *
 * @param basis    STATED or INFERRED
 * @param name     the inferred window's name in {@code settings.yaml} (一年重点突破), null when stated
 * @param schedule the seed's schedule words the inferred window follows, verbatim; null when stated
 */
public record WindowBasis(Basis basis, String name, String schedule) {

    /** The basis of every window the seed states. */
    public static final WindowBasis STATED = new WindowBasis(Basis.STATED, null, null);

    /** Where a window comes from. */
    public enum Basis {
        /** The seed dates it (2023年底, 每年, 保持 ...). */
        STATED,
        /** The seed gives no date; the window follows the plan's own schedule. */
        INFERRED
    }

    public WindowBasis {
        if (basis == null || (basis == Basis.INFERRED) != (schedule != null)) {
            throw new IllegalArgumentException("推定时限须引用方案进度安排原文 / an inferred window quotes the plan's schedule");
        }
    }

    /** An inferred window named {@code name}, following the seed's {@code schedule} words. */
    public static WindowBasis inferred(String name, String schedule) {
        return new WindowBasis(Basis.INFERRED, name, schedule);
    }

    public boolean isInferred() {
        return basis == Basis.INFERRED;
    }

    /** 推定时限 for an inferred window, null for a stated one. */
    public String label() {
        return isInferred() ? "推定时限" : null;
    }

    /** Why the window is inferred, in Chinese then English; null for a stated window. */
    public String reason() {
        return isInferred()
                ? "原文未写明时限，按方案进度安排“%s”推定 / the seed states no deadline: inferred from the plan's schedule, “%s”"
                        .formatted(schedule, schedule)
                : null;
    }
}
