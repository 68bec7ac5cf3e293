package ai.carbonbench.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.Fixtures;
import ai.carbonbench.core.UnknownIdException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CatalogTest {

    private final Catalog catalog = Fixtures.miniCatalog();

    @Test
    void finds_models_by_id_alias_and_display_form_ignoring_case() {
        assertThat(catalog.model("small-8b").name()).isEqualTo("Small 8B");
        assertThat(List.of("ORG/small-8b-instruct", "small.8b-v1:0", "Small 8B"))
                .allSatisfy(name -> assertThat(catalog.model(name).id()).as(name).isEqualTo("small-8b"));
        assertThat(catalog.findModel("nope")).isEmpty();
    }

    @Test
    void an_unknown_model_names_the_closest_valid_ids() {
        assertThatThrownBy(() -> catalog.model("smal-8"))
                .isInstanceOfSatisfying(UnknownIdException.class, e -> {
                    assertThat(e.kind()).isEqualTo("model");
                    assertThat(e.suggestions()).first().isEqualTo("small-8b");
                    assertThat(e.retriable()).isFalse();
                })
                .hasMessage("Unknown model 'smal-8'; did you mean small-8b?");
    }

    @Test
    void an_offering_that_does_not_exist_lists_where_the_model_is_served() {
        assertThatThrownBy(() -> catalog.offering(OfferingKey.of("api", "us", "big-70b")))
                .isInstanceOf(UnknownIdException.class)
                .hasMessageContaining("api/us/big-70b")
                .hasMessageContaining("cloud/east-1").hasMessageContaining("cloud/central-1");
    }

    @Test
    void resolves_offerings_through_aliases() {
        Offering o = catalog.offering(OfferingKey.of("cloud", "north-1", "org/Small-8B-Instruct"));
        assertThat(o.key()).isEqualTo(OfferingKey.of("cloud", "north-1", "small-8b"));
        assertThat(o.provider().pue()).isEqualTo(1.0);
        assertThat(o.region().zone().key()).isEqualTo("Z-CLEAN");
    }

    @Test
    void regions_know_eu_residency_and_their_zones() {
        assertThat(catalog.region("cloud", "north-1").inEu()).isTrue();
        assertThat(catalog.region("cloud", "uk-1").inEu()).isFalse();
        assertThat(catalog.region("cloud", "east-1").alternativeZones()).extracting(Zone::key).containsExactly("Z-ALT");
        assertThatThrownBy(() -> catalog.region("cloud", "nort-1")).hasMessageContaining("north-1");
    }

    @Test
    void every_figure_carries_its_source() {
        Model m = catalog.model("big-70b");
        assertThat(m.energy().basis()).isEqualTo(Basis.ESTIMATED);
        assertThat(m.energy().method()).hasValue("energy-estimate-v1");
        assertThat(m.energy().source().citation()).isEqualTo("CarbonBench, Fixture fit (2026, Apache-2.0)");
        assertThat(m.parameters().disclosed()).isFalse();
        assertThat(m.parameters().assumedActiveBillions()).hasValue(new Parameters.Bounds(60, 80));
        assertThat(catalog.zone("Z-SOLAR").profile().flat()).isFalse();
        assertThat(catalog.zone("Z-UK").profile().flat()).isTrue();
        assertThat(catalog.zone("Z-UK").profile().gramsPerKwh(5, EmissionFactor.LIFECYCLE)).isEqualTo(160);
        assertThat(catalog.dataVersion()).hasToString("2026-01-15");
    }

    @Test
    void an_overlay_adds_and_replaces_entries(@TempDir Path dir) throws IOException {
        Path overlay = dir.resolve("overlay.json");
        Files.writeString(overlay, """
                {
                  "providers": [
                    { "id": "api", "name": "Test API", "pue": 1.2, "pueSource": "test-grid", "location": "inferred" }
                  ],
                  "offerings": [
                    { "model": "big-70b", "provider": "api", "region": "north-1",
                      "price": { "usdPerMillionInput": 0.9, "usdPerMillionOutput": 0.9, "source": "test-price", "date": "2026-01-01" },
                      "availabilitySource": "test-price" }
                  ]
                }
                """);
        Catalog merged = catalog.overlay(overlay);
        assertThat(merged.provider("api").pue()).isEqualTo(1.2);
        assertThat(merged.offering(OfferingKey.of("api", "north-1", "big-70b")).price().usdPerMillionInput())
                .isEqualTo(0.9);
        assertThat(merged.offerings()).hasSize(catalog.offerings().size() + 1);
        assertThat(catalog.provider("api").pue()).isEqualTo(1.5);
    }

    @Test
    void an_overlay_is_validated_as_a_whole(@TempDir Path dir) throws IOException {
        Path overlay = dir.resolve("bad.json");
        Files.writeString(overlay, """
                { "offerings": [ { "model": "ghost", "provider": "api", "region": "us",
                  "price": { "usdPerMillionInput": 1, "usdPerMillionOutput": 1, "source": "test-price", "date": "2026-01-01" },
                  "availabilitySource": "test-price" } ] }
                """);
        assertThatThrownBy(() -> catalog.overlay(overlay)).isInstanceOf(CatalogException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("$.offerings[8].model: unknown model 'ghost'");
    }
}
