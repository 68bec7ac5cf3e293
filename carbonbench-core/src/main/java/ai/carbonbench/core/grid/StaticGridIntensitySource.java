package ai.carbonbench.core.grid;

import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.DailyProfile;
import ai.carbonbench.core.catalog.EmissionFactor;
import ai.carbonbench.core.catalog.Zone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Grid intensity from the catalog alone: each zone's typical 24-hour profile (its annual average
 * where no hourly data exists), with provenance {@link Provenance#DEFAULT}. Needs no network, never
 * fails; the fallback under every live source. Thread-safe.
 */
public final class StaticGridIntensitySource implements GridIntensitySource {

    /** The {@link GridIntensity#source()} of every value this source returns. */
    public static final String NAME = "catalog";

    private final Map<String, Zone> zones;
    private final EmissionFactor factor;
    private final Clock clock;

    public StaticGridIntensitySource(Catalog catalog, EmissionFactor factor, Clock clock) {
        Objects.requireNonNull(catalog, "catalog");
        this.zones = catalog.zones().stream().collect(Collectors.toUnmodifiableMap(Zone::key, Function.identity()));
        this.factor = Objects.requireNonNull(factor, "factor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<GridIntensity> current(String zone) {
        return Optional.ofNullable(zones.get(zone)).map(z -> at(z, clock.instant()));
    }

    /** The typical value for the zone's hour containing {@code time}. */
    public Optional<GridIntensity> at(String zone, Instant time) {
        return Optional.ofNullable(zones.get(zone)).map(z -> at(z, time));
    }

    @Override
    public List<GridIntensity> history(String zone) {
        return series(zone, -24);
    }

    @Override
    public List<GridIntensity> forecast(String zone) {
        return series(zone, 1);
    }

    private List<GridIntensity> series(String zone, int firstOffsetHours) {
        Zone z = zones.get(zone);
        if (z == null) {
            return List.of();
        }
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        List<GridIntensity> out = new ArrayList<>(DailyProfile.HOURS);
        for (int i = 0; i < DailyProfile.HOURS; i++) {
            out.add(at(z, hour.plus(Duration.ofHours(firstOffsetHours + i))));
        }
        return List.copyOf(out);
    }

    private GridIntensity at(Zone zone, Instant time) {
        Instant hour = time.truncatedTo(ChronoUnit.HOURS);
        int utcHour = (int) Math.floorMod(hour.getEpochSecond() / 3600, 24L);
        double value = zone.profile().gramsPerKwh(utcHour, factor);
        return new GridIntensity(zone.key(), value, hour, NAME, false, Provenance.DEFAULT);
    }
}
