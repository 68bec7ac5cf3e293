package ai.carbonbench.core;

import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.score.WindowChoice;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Time shifting: rolling averages over an intensity series, ported from the Green Software Foundation's
 * Carbon Aware SDK ({@code IntervalHelper}/{@code RollingAverage} and {@code AverageOverPeriod}) so that the
 * SDK's published test vectors apply, and the best-window search built on them. The public entries are
 * {@link CarbonBench#bestWindow} and {@link CarbonBench#window}; stateless and thread-safe.
 */
final class TimeShift {

    /** How far ahead a window may be searched. */
    static final Duration MAX_HORIZON = Duration.ofDays(14);

    private TimeShift() {
    }

    /** A value over {@code [time, time + duration)}. */
    record Point(Instant time, Duration duration, double value) {
        Point {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(duration, "duration");
        }

        Instant end() {
            return time.plus(duration);
        }
    }

    /**
     * The SDK's rolling average: windows {@code [t, t + window)} starting at max(dataStart, first point) and
     * moving by {@code tick} (the first point's duration when null); a window is produced only while the
     * data reaches its end, and the search stops when a window would end after {@code dataEnd}. A zero window
     * returns the data unchanged.
     */
    static List<Point> rollingAverage(List<Point> data, Duration window, Instant dataStart, Instant dataEnd,
            @Nullable Duration tick) {
        if (data.isEmpty()) {
            return List.of();
        }
        if (window.isZero()) {
            return List.copyOf(data);
        }
        Duration step = tick != null ? tick : data.get(0).duration();
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("tick must be positive, was " + step);
        }
        Instant first = data.get(0).time();
        Instant lastEnd = data.get(data.size() - 1).end();
        Instant start = dataStart.isAfter(first) ? dataStart : first;
        List<Point> out = new ArrayList<>();
        for (Instant end = start.plus(window); !end.isAfter(dataEnd) && !end.isAfter(lastEnd);
                start = start.plus(step), end = end.plus(step)) {
            out.add(new Point(start, window, averageOverPeriod(data, start, end)));
        }
        return out;
    }

    /**
     * The SDK's time-weighted average over {@code [start, end)}: each point weighs by its overlap. The data
     * must be contiguous (in time order or reversed) and cover both ends; otherwise
     * {@link IllegalArgumentException}. Empty data averages to 0.
     */
    static double averageOverPeriod(List<Point> data, Instant start, Instant end) {
        if (data.isEmpty()) {
            return 0;
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start, was " + start + " .. " + end);
        }
        boolean forward = data.size() < 2 || data.get(1).time().isAfter(data.get(0).time());
        Instant minTime = forward ? data.get(0).time() : data.get(data.size() - 1).time();
        Instant maxEnd = forward ? data.get(data.size() - 1).end() : data.get(0).end();
        for (int i = 1; i < data.size(); i++) {
            Point a = forward ? data.get(i - 1) : data.get(i);
            Point b = forward ? data.get(i) : data.get(i - 1);
            if (!a.end().equals(b.time())) {
                throw new IllegalArgumentException("data is not contiguous: " + a + " is followed by " + b);
            }
        }
        if (start.isBefore(minTime) || end.isAfter(maxEnd)) {
            throw new IllegalArgumentException("data " + minTime + " .. " + maxEnd + " does not cover " + start
                    + " .. " + end);
        }
        double periodNanos = nanos(Duration.between(start, end));
        double sum = 0;
        for (Point p : data) {
            Instant from = p.time().isAfter(start) ? p.time() : start;
            Instant to = p.end().isBefore(end) ? p.end() : end;
            if (to.isAfter(from)) {
                sum += p.value() * nanos(Duration.between(from, to)) / periodNanos;
            }
        }
        return sum;
    }

    private static double nanos(Duration d) {
        return d.getSeconds() * 1e9 + d.getNano();
    }

    /** {@link CarbonBench#bestWindow}, "now" read from the CarbonBench's clock. */
    static WindowChoice bestWindow(CarbonBench cb, Collection<OfferingKey> candidates, Duration jobDuration,
            Instant deadline) {
        Objects.requireNonNull(candidates, "candidates");
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates must not be empty");
        }
        List<OfferingKey> keys = List.copyOf(candidates);
        Objects.requireNonNull(jobDuration, "jobDuration");
        // start times to the second are precise enough
        Instant now = cb.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Objects.requireNonNull(deadline, "deadline");
        if (jobDuration.isZero() || jobDuration.isNegative()) {
            throw new IllegalArgumentException("jobDuration must be positive, was " + jobDuration);
        }
        if (now.plus(jobDuration).isAfter(deadline)) {
            throw new IllegalArgumentException("a job of " + jobDuration + " started now (" + now
                    + ") cannot finish by the deadline " + deadline);
        }
        if (Duration.between(now, deadline).compareTo(MAX_HORIZON) > 0) {
            throw new IllegalArgumentException("deadline " + deadline + " is more than " + MAX_HORIZON.toDays()
                    + " days ahead; forecasts and typical profiles say nothing useful that far");
        }
        WindowChoice.Window best = null;
        WindowChoice.Window bestNow = null;
        for (OfferingKey key : keys) {
            Offering offering = cb.catalog().offering(key);
            Hourly h = hourly(cb, offering, now, deadline);
            OfferingKey canonical = offering.key();
            List<Point> windows = rollingAverage(h.grams, jobDuration, now, deadline, HOUR);
            for (Point w : windows) {
                WindowChoice.Window candidate = window(canonical, w, jobDuration, h.intensity, h.provenance);
                if (best == null || candidate.meanGramsPerMillionTokens() < best.meanGramsPerMillionTokens()) {
                    best = candidate;
                }
                if (w.time().equals(now) && (bestNow == null
                        || candidate.meanGramsPerMillionTokens() < bestNow.meanGramsPerMillionTokens())) {
                    bestNow = candidate;
                }
            }
        }
        if (best == null || bestNow == null) {
            throw new IllegalStateException("no window found between " + now + " and " + deadline);
        }
        return new WindowChoice(best, bestNow);
    }

    /**
     * One window on one offering, averaged as {@link #bestWindow} averages: the hourly values weighted by their
     * overlap with {@code [start, start + duration)}.
     */
    static WindowChoice.Window window(CarbonBench cb, OfferingKey key, Instant start, Duration duration) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        Instant end = start.plus(duration);
        Offering offering = cb.catalog().offering(key);
        Hourly h = hourly(cb, offering, start, end);
        Point w = new Point(start, duration, averageOverPeriod(h.grams, start, end));
        return window(offering.key(), w, duration, h.intensity, h.provenance);
    }

    private static final Duration HOUR = Duration.ofHours(1);

    /** An offering's hourly g/Mtok, intensity and provenance, hours from {@code from}'s hour until {@code until}. */
    private record Hourly(List<Point> grams, List<Point> intensity, List<Provenance> provenance) {
    }

    private static Hourly hourly(CarbonBench cb, Offering offering, Instant from, Instant until) {
        Hourly h = new Hourly(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Instant t = from.truncatedTo(ChronoUnit.HOURS); t.isBefore(until); t = t.plus(HOUR)) {
            Score s = cb.score(offering, t); // as scoreAt(key, t), with the key resolved once
            h.grams.add(new Point(t, HOUR, s.gramsPerMillionTokens().central()));
            h.intensity.add(new Point(t, HOUR, s.intensityGramsPerKwh().central()));
            h.provenance.add(s.provenance());
        }
        return h;
    }

    private static WindowChoice.Window window(OfferingKey key, Point w, Duration job, List<Point> intensity,
            List<Provenance> provenance) {
        Instant end = w.time().plus(job);
        Provenance weakest = null;
        for (int i = 0; i < intensity.size(); i++) {
            Point p = intensity.get(i);
            if (p.end().isAfter(w.time()) && p.time().isBefore(end)) {
                weakest = weakest == null ? provenance.get(i) : Provenance.weakest(weakest, provenance.get(i));
            }
        }
        return new WindowChoice.Window(key, w.time(), end, w.value(), averageOverPeriod(intensity, w.time(), end),
                weakest);
    }
}
