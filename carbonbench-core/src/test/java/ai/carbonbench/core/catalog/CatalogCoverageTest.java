package ai.carbonbench.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.UnknownIdException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Coverage promised by docs/data.md: prices with their source entry, speeds, daily curves, retirements, zones. */
final class CatalogCoverageTest {

    private final Catalog catalog = Catalog.embedded();

    @Test
    void every_price_names_its_source_entry() {
        for (Offering o : catalog.allOfferings()) {
            assertThat(o.price().entry()).as(o.key() + " price entry").isNotBlank();
            assertThat(catalog.sources()).as(o.key() + " price source").containsKey(o.price().source().id());
        }
    }

    @Test
    void at_least_forty_percent_of_live_offerings_have_a_speed_with_basis_source_and_date() {
        long withSpeed = catalog.offerings().stream().filter(o -> o.speed().isPresent()).count();
        assertThat(withSpeed * 100 / catalog.offerings().size()).isGreaterThanOrEqualTo(40);
        for (Offering o : catalog.allOfferings()) {
            o.speed().ifPresent(s -> {
                assertThat(s.basis()).as(o.key().toString()).isNotEqualTo(SpeedBasis.OBSERVED);
                assertThat(s.date()).as(o.key().toString()).isNotBlank();
                assertThat(catalog.sources()).containsKey(s.source().id());
                assertThat(s.note()).as(o.key() + " says how the figure was obtained").isPresent();
            });
        }
        // ML.ENERGY: 1000 / median ITL 22.43 ms of the Llama 3.1 70B bs64 run behind the energy figure
        Speed llama = catalog.offering(OfferingKey.of("together", "us", "llama-3.1-70b")).speed().orElseThrow();
        assertThat(llama.basis()).isEqualTo(SpeedBasis.MEASURED_REFERENCE);
        assertThat(llama.tokensPerSecond()).isEqualTo(44.58);
        // Groq's page states 280 tokens/s for llama-3.3-70b-versatile
        Speed groq = catalog.offering(OfferingKey.of("groq", "us", "llama-3.3-70b")).speed().orElseThrow();
        assertThat(groq.basis()).isEqualTo(SpeedBasis.VENDOR_STATED);
        assertThat(groq.tokensPerSecond()).isEqualTo(280.0);
    }

    @Test
    void at_least_sixteen_zones_have_a_real_daily_profile_and_the_rest_are_flagged_flat() {
        List<Zone> hourly = catalog.zones().stream().filter(z -> !z.profile().flat()).toList();
        assertThat(hourly).hasSizeGreaterThanOrEqualTo(16);
        for (Zone z : hourly) {
            double[] v = z.profile().values(EmissionFactor.LIFECYCLE);
            assertThat(java.util.Arrays.stream(v).max().orElseThrow()).as(z.key() + " varies")
                    .isGreaterThan(java.util.Arrays.stream(v).min().orElseThrow());
        }
        assertThat(catalog.zone("IE").profile().flat()).isTrue();
        assertThat(catalog.zone("ES").profile().flat()).isFalse();
    }

    @Test
    void retired_offerings_are_kept_but_left_out_by_default() {
        List<Offering> retired = catalog.allOfferings().stream().filter(o -> !o.live()).toList();
        assertThat(retired).isNotEmpty();
        for (Offering o : retired) {
            assertThat(o.retired().orElseThrow()).as(o.key().toString()).isBefore(catalog.dataVersion());
            assertThat(catalog.offerings()).doesNotContain(o);
            assertThat(catalog.offeringsOf(o.model().id())).doesNotContain(o);
            assertThat(catalog.allOfferingsOf(o.model().id())).contains(o);
            assertThatThrownBy(() -> catalog.offering(o.key())).isInstanceOf(UnknownIdException.class)
                    .hasMessageContaining("retired on " + o.retired().orElseThrow());
            assertThat(catalog.offering(o.key(), true)).isEqualTo(o);
        }
        // Bedrock's scrape: Llama 3.1 405B in us-west-2 was Legacy with EOL 2026-07-07
        assertThat(catalog.offering(OfferingKey.of("aws-bedrock", "us-west-2", "llama-3.1-405b"), true).retired())
                .hasValue(java.time.LocalDate.of(2026, 7, 7));
    }

    @Test
    void models_without_a_live_offering_are_not_live() {
        assertThat(catalog.isLive(catalog.model("falcon-7b"))).isFalse();
        assertThat(catalog.isLive(catalog.model("llama-3.3-70b"))).isTrue();
        Set<String> live = catalog.offerings().stream().map(o -> o.model().id()).collect(Collectors.toSet());
        for (Model m : catalog.models()) {
            assertThat(catalog.isLive(m)).as(m.id()).isEqualTo(live.contains(m.id()));
        }
    }

    @Test
    void todays_flagship_models_have_at_least_five_live_offerings() {
        for (String model : List.of("llama-3.3-70b", "gpt-4o", "claude-sonnet-4-5", "gemini-2.5-flash", "mistral-large")) {
            assertThat(catalog.offeringsOf(model)).as(model).hasSizeGreaterThanOrEqualTo(5);
        }
        assertThat(catalog.model("mistral-large").id()).isEqualTo("mistral-large-3");
        assertThat(catalog.offeringsOf("llama-3.3-70b")).extracting(o -> o.provider().id()).contains("azure-ai-foundry",
                "gcp-vertex", "aws-bedrock", "groq", "together");
    }

    @Test
    void oregon_regions_follow_the_provider_figure_and_keep_the_other_zone_as_alternative() {
        Region gcp = catalog.region("gcp-vertex", "us-west1");
        assertThat(gcp.zone().key()).isEqualTo("US-NW-BPAT");
        assertThat(gcp.alternativeZones()).extracting(Zone::key).containsExactly("US-NW-PACW");
        Region aws = catalog.region("aws-bedrock", "us-west-2");
        assertThat(aws.zone().key()).isEqualTo("US-NW-BPAT");
        assertThat(aws.alternativeZones()).extracting(Zone::key).containsExactly("US-NW-PACW");
        for (Region r : catalog.regions()) {
            assertThat(r.zoneNote()).as(r.qualifiedId() + " says why its zone was chosen").isNotBlank();
        }
    }
}
