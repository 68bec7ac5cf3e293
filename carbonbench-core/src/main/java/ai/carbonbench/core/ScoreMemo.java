package ai.carbonbench.core;

import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.catalog.Region;
import ai.carbonbench.core.catalog.Zone;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.score.Score;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The per-hour fast path behind {@link CarbonBench#score(OfferingKey)} and {@code grams(...)}: one
 * offering's score is reused while the clock stays in the hour it was computed in and the live source
 * (if any) still reports the same current value for every zone the score used. The catalog's typical
 * profile changes only with the hour, so without a live source the hour alone decides.
 *
 * <p>A hit reads the clock once, reads one map entry and, with a live source, asks it for each zone's
 * current value; it allocates nothing. A miss scores the offering as before and replaces the entry.
 * Thread-safe: entries are immutable, and two threads that miss at once compute the same score.
 */
final class ScoreMemo {

    private static final long HOUR_MILLIS = 3_600_000L;

    private final Clock clock;
    private final Optional<GridIntensitySource> live;
    private final Function<OfferingKey, Offering> resolve;
    private final BiFunction<Offering, Instant, Score> score;
    /** Keyed by the key the caller gave (aliases included); only valid keys get an entry. */
    private final ConcurrentHashMap<OfferingKey, Entry> entries = new ConcurrentHashMap<>();

    ScoreMemo(Clock clock, Optional<GridIntensitySource> live, Function<OfferingKey, Offering> resolve,
            BiFunction<Offering, Instant, Score> score) {
        this.clock = clock;
        this.live = live;
        this.resolve = resolve;
        this.score = score;
    }

    /**
     * A score and what it was computed from: the hour (epoch hours, UTC), the zones it read and, with a
     * live source, the current value the source gave for each of them (empty when it had none).
     */
    private record Entry(long hour, Score score, String[] zones, Optional<GridIntensity>[] liveValues) {
    }

    /** The offering's score now: the memoised one when still valid, else a fresh one. */
    Score score(OfferingKey key) {
        Entry e = entries.get(key);
        if (e != null && e.hour == Math.floorDiv(clock.millis(), HOUR_MILLIS) && liveUnchanged(e)) {
            return e.score;
        }
        return recompute(key);
    }

    private boolean liveUnchanged(Entry e) {
        if (live.isEmpty()) {
            return true;
        }
        GridIntensitySource source = live.get();
        String[] zones = e.zones;
        for (int i = 0; i < zones.length; i++) {
            if (!current(source, zones[i]).equals(e.liveValues[i])) {
                return false;
            }
        }
        return true;
    }

    private Score recompute(OfferingKey key) {
        Offering offering = resolve.apply(key);
        Instant now = clock.instant();
        String[] zones = zonesOf(offering);
        @SuppressWarnings("unchecked")
        Optional<GridIntensity>[] values = new Optional[live.isPresent() ? zones.length : 0];
        // Read the live values before scoring: should one change in between, the entry looks outdated
        // on the next call and is recomputed, never the other way round.
        for (int i = 0; i < values.length; i++) {
            values[i] = current(live.get(), zones[i]);
        }
        Score s = score.apply(offering, now);
        entries.put(key, new Entry(Math.floorDiv(now.toEpochMilli(), HOUR_MILLIS), s, zones, values));
        return s;
    }

    /**
     * The source's current value for the zone; empty when the source throws, which the resolution behind the
     * score ({@code GridSources.resolve}) skips as well, so the memo never fails where a fresh score would not.
     */
    private static Optional<GridIntensity> current(GridIntensitySource source, String zone) {
        try {
            return source.current(zone);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every zone a score of the offering reads: each execution region's zone and its alternatives. */
    private static String[] zonesOf(Offering offering) {
        List<String> zones = new ArrayList<>();
        for (Region r : offering.executionRegions()) {
            zones.add(r.zone().key());
            for (Zone alt : r.alternativeZones()) {
                zones.add(alt.key());
            }
        }
        return zones.stream().distinct().toArray(String[]::new);
    }
}
