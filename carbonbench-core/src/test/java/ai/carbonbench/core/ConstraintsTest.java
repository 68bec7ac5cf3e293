package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.score.Constraints;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one constraint filter, on the fixture catalog (regions and countries read from its JSON by hand). */
final class ConstraintsTest {

    private final Catalog catalog = Fixtures.miniCatalog();

    private List<String> allowed(Constraints c) {
        return catalog.offerings().stream().filter(o -> c.allows(o, 1.0)).map(o -> o.key().toString()).sorted()
                .toList();
    }

    @Test
    void no_constraint_allows_everything() {
        assertThat(allowed(Constraints.NONE)).hasSize(catalog.offerings().size());
    }

    @Test
    void provider_region_and_eu_constraints_remove_offerings_and_say_why() {
        Constraints api = new Constraints(Set.of("api"), Set.of(), Set.of(), false, OptionalDouble.empty(),
                OptionalDouble.empty());
        assertThat(allowed(api)).allMatch(k -> k.startsWith("api/"));
        Offering cloud = catalog.offerings().stream().filter(o -> o.provider().id().equals("cloud")).findFirst()
                .orElseThrow();
        assertThat(api.violation(cloud, 1.0)).contains("provider cloud is not allowed");

        Constraints region = new Constraints(Set.of(), Set.of("cloud/central-1"), Set.of(), false,
                OptionalDouble.empty(), OptionalDouble.empty());
        assertThat(allowed(region)).isNotEmpty().allMatch(k -> k.startsWith("cloud/central-1/"));

        assertThat(catalog.offerings()).filteredOn(o -> Constraints.NONE.withEuOnly(true).placeViolation(o).isEmpty())
                .isNotEmpty().allMatch(o -> o.executionRegions().stream().allMatch(r -> r.inEu()));
    }

    @Test
    void price_and_carbon_caps_compare_with_the_given_figures() {
        Constraints caps = new Constraints(Set.of(), Set.of(), Set.of(), false, OptionalDouble.of(2),
                OptionalDouble.of(50));
        Offering any = catalog.offerings().iterator().next();
        assertThat(caps.violation(any, 2.0)).isEmpty();
        assertThat(caps.violation(any, 2.5)).contains("$2.50/Mtok exceeds the $2.00/Mtok limit");
        assertThat(caps.carbonViolation(50)).isEmpty();
        assertThat(caps.carbonViolation(50.5)).contains("50.5 g/Mtok exceeds the 50.0 g/Mtok limit");
        assertThatThrownBy(() -> new Constraints(Set.of(), Set.of(), Set.of(), false, OptionalDouble.of(Double.NaN),
                OptionalDouble.empty())).hasMessageContaining("maxUsdPerMillionTokens");
    }
}
