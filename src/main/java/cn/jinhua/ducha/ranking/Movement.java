package cn.jinhua.ducha.ranking;

/**
 * A unit's move since the previous period's ranking (same area): up or down so many places, unchanged, new (no rank
 * then), or unranked now.
 *
 * @param places places gained (negative: lost); null for NEW and UNRANKED
 */
public record Movement(Direction direction, Integer places) {

    /** Which way a unit moved. */
    public enum Direction { UP, DOWN, SAME, NEW, UNRANKED }

    /** The move from {@code previous} to {@code current} rank; either may be null (no rank). */
    public static Movement between(Integer previous, Integer current) {
        if (current == null) {
            return new Movement(Direction.UNRANKED, null);
        }
        if (previous == null) {
            return new Movement(Direction.NEW, null);
        }
        int places = previous - current;
        return new Movement(places > 0 ? Direction.UP : places < 0 ? Direction.DOWN : Direction.SAME, places);
    }

    /** As the table and the page write it: {@code ↑2}, {@code ↓1}, {@code —}, {@code 新}; empty when unranked. */
    public String label() {
        return switch (direction) {
            case UP -> "↑" + places;
            case DOWN -> "↓" + (-places);
            case SAME -> "—";
            case NEW -> "新";
            case UNRANKED -> "";
        };
    }
}
