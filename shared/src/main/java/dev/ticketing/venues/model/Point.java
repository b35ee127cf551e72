package dev.ticketing.venues.model;

import java.math.BigDecimal;

/**
 * A point of a plan in the plan's own units (pretix's are pixels, y downwards), as exact decimals: a plan's numbers
 * come back out as they went in ({@code 20} stays {@code 20}, {@code 12.5} stays {@code 12.5}).
 */
public record Point(BigDecimal x, BigDecimal y) {
    public static final Point ORIGIN = new Point(BigDecimal.ZERO, BigDecimal.ZERO);

    public Point {
        if (x == null || y == null) {
            throw new IllegalArgumentException("a point has x and y");
        }
    }

    public Point plus(Point other) {
        return other == null ? this : new Point(x.add(other.x), y.add(other.y));
    }

    public Point minus(Point other) {
        return other == null ? this : new Point(x.subtract(other.x), y.subtract(other.y));
    }

    /** The straight-line distance to {@code other}, as a double: it only ranks gaps, it is never stored. */
    public double distanceTo(Point other) {
        return Math.hypot(x.subtract(other.x).doubleValue(), y.subtract(other.y).doubleValue());
    }
}
