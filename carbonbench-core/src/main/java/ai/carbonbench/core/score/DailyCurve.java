package ai.carbonbench.core.score;

import ai.carbonbench.core.catalog.Region;
import ai.carbonbench.core.grid.Provenance;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A region's grid intensity hour by hour, with the cleanest hour marked: a day (24 points), or up to
 * 72 points when a live forecast reaches that far (the curve behind recommendation advice).
 *
 * @param region the region
 * @param zone   its grid zone key
 * @param points hourly points, in time order (24, or up to 72 for forecast-based advice)
 * @param flat   true when no hourly data exists and every point is the annual average
 */
public record DailyCurve(Region region, String zone, List<Point> points, boolean flat) {

    public DailyCurve {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(zone, "zone");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a curve needs at least one point");
        }
    }

    /** The point with the lowest intensity (the earliest of equal ones). */
    public Point minimum() {
        return points.stream().min(Comparator.comparingDouble(Point::gramsPerKwh)).orElseThrow();
    }

    /** The point with the highest intensity. */
    public Point maximum() {
        return points.stream().max(Comparator.comparingDouble(Point::gramsPerKwh)).orElseThrow();
    }

    public double averageGramsPerKwh() {
        return points.stream().mapToDouble(Point::gramsPerKwh).average().orElseThrow();
    }

    /**
     * One hour of the curve.
     *
     * @param utcHour     0–23
     * @param at          start of the hour
     * @param gramsPerKwh intensity
     * @param provenance  how the value was obtained
     */
    public record Point(int utcHour, Instant at, double gramsPerKwh, Provenance provenance) {
        public Point {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(provenance, "provenance");
        }
    }
}
