package ai.carbonbench.core.grid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class TestCatalogTest {
    @Test
    void the_fixture_loads() {
        assertThat(TestCatalog.load().zones()).hasSize(2);
    }
}
