package ai.carbonbench.core;

import ai.carbonbench.core.catalog.Catalog;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The small, hand-checked catalog most tests run on, and a clock fixed at noon UTC. */
public final class Fixtures {

    public static final Instant NOON = Instant.parse("2026-06-01T12:00:00Z");

    private Fixtures() {
    }

    public static Path miniCatalogPath() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/mini-catalog.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Catalog miniCatalog() {
        return Catalog.load(miniCatalogPath());
    }

    public static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** The mini catalog at noon, at the GPU boundary: its hand-computed figures follow the accelerator × PUE formula. */
    public static CarbonBench benchAtNoon() {
        return CarbonBench.builder().catalog(miniCatalog()).clock(clockAt(NOON))
                .boundary(ai.carbonbench.core.score.Boundary.GPU).build();
    }
}
