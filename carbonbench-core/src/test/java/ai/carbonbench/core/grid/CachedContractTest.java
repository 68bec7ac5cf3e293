package ai.carbonbench.core.grid;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

final class CachedContractTest extends GridIntensitySourceContract {
    @Override
    GridIntensitySource source() {
        return new CachedSource(new FakeFetcher(), new CachedSource.Settings(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofHours(6), Duration.ZERO, new FakeTicker(),
                Clock.fixed(Instant.parse("2026-01-01T12:10:00Z"), ZoneOffset.UTC), Runnable::run, new RecordingLogger()), null);
    }
}
