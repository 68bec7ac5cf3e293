package ai.carbonbench.core.grid;

import ai.carbonbench.core.catalog.Catalog;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** A two-zone catalog (DE hourly profile, GB flat) so grid tests never depend on the embedded catalog. */
final class TestCatalog {
    private TestCatalog() {
    }

    static Catalog load() {
        try {
            return Catalog.load(Path.of(TestCatalog.class.getResource("/catalog/grid-test-catalog.json").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
