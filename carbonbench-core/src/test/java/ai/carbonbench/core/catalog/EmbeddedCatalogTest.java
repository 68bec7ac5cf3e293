package ai.carbonbench.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Integrity and coverage of the curated catalog shipped in the jar. */
final class EmbeddedCatalogTest {

    private final Catalog catalog = Catalog.embedded();

    @Test
    void loads_and_validates() {
        assertThat(catalog.dataVersion()).isNotNull();
        assertThat(catalog.toString()).contains("embedded");
    }

    @Test
    void covers_at_least_85_models_in_all_ten_families() {
        assertThat(catalog.models()).hasSizeGreaterThanOrEqualTo(85);
        Set<Family> families = catalog.models().stream().map(Model::family).collect(Collectors.toSet());
        assertThat(families).containsExactlyInAnyOrder(Family.values());
        for (Family f : Family.values()) {
            assertThat(catalog.models().stream().filter(m -> m.family() == f).count()).as(f.id()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void has_the_seven_providers_each_with_a_sourced_pue_and_location_basis() {
        assertThat(catalog.providers()).extracting(Provider::id).containsExactlyInAnyOrder("aws-bedrock", "gcp-vertex",
                "azure-openai", "azure-ai-foundry", "together", "groq", "fireworks");
        for (Provider p : catalog.providers()) {
            assertThat(p.pue()).as(p.id()).isBetween(1.0, 2.0);
            if (p.location() != LocationBasis.DISCLOSED) {
                assertThat(p.locationNote()).as(p.id() + " must say which zone is assumed and why").isNotBlank();
            }
        }
    }

    @Test
    void covers_the_required_cloud_regions() {
        Set<String> ids = catalog.regions().stream().map(Region::qualifiedId).collect(Collectors.toSet());
        List<String> required = List.of("aws-bedrock/us-east-1", "aws-bedrock/us-east-2", "aws-bedrock/us-west-2",
                "aws-bedrock/eu-west-1", "aws-bedrock/eu-west-2", "aws-bedrock/eu-central-1", "aws-bedrock/eu-north-1",
                "aws-bedrock/ap-southeast-1", "aws-bedrock/ap-northeast-1", "aws-bedrock/ap-south-1",
                "gcp-vertex/us-central1", "gcp-vertex/us-east4", "gcp-vertex/us-west1", "gcp-vertex/europe-west1",
                "gcp-vertex/europe-west2", "gcp-vertex/europe-west4", "gcp-vertex/asia-southeast1",
                "azure-openai/eastus", "azure-openai/westeurope", "azure-openai/northeurope",
                "azure-openai/swedencentral", "azure-openai/uksouth");
        assertThat(ids).containsAll(required);
        assertThat(catalog.regions()).extracting(Region::area).contains(Area.US, Area.EU, Area.APAC);
    }

    @Test
    void ambiguous_zone_mappings_carry_their_alternative() {
        assertThat(catalog.region("aws-bedrock", "us-west-2").alternativeZones()).isNotEmpty();
        assertThat(catalog.region("aws-bedrock", "us-west-2").zoneNote()).isNotBlank();
    }

    @Test
    void public_data_anchor_values() {
        // Electricity Maps 2024 yearly, life-cycle, consumption-based
        assertThat(catalog.zone("US-MIDA-PJM").annual().lifecycleGramsPerKwh()).isEqualTo(400.21);
        assertThat(catalog.zone("SE-SE3").annual().lifecycleGramsPerKwh()).isEqualTo(20.42);
        assertThat(catalog.zone("NL").annual().lifecycleGramsPerKwh()).isEqualTo(262.93);
        assertThat(catalog.zone("IE").annual().directGramsPerKwh()).isEqualTo(322.48);
        // ML.ENERGY v3, H100, max_num_seqs 64 (J/token / 3.6)
        assertThat(catalog.model("llama-3.1-70b").energy().outputWhPer1kTokens()).isEqualTo(0.2215);
        assertThat(catalog.model("llama-3.1-70b").energy().basis()).isEqualTo(Basis.MEASURED);
        assertThat(catalog.model("llama-3.1-8b").energy().outputWhPer1kTokens()).isEqualTo(0.03294);
    }

    @Test
    void hourly_profiles_agree_with_the_annual_average() {
        for (Zone z : catalog.zones()) {
            if (!z.profile().flat()) {
                double mean = Arrays.stream(z.profile().values(EmissionFactor.LIFECYCLE)).average().orElseThrow();
                // shapes are scaled to the annual value; only rounding to 2 decimals remains
                assertThat(mean).as(z.key()).isCloseTo(z.annual().lifecycleGramsPerKwh(), within(0.01));
            }
        }
    }

    @Test
    void every_offering_is_priced_and_cross_region_sets_contain_the_calling_region() {
        for (Offering o : catalog.offerings()) {
            assertThat(o.price().usdPerMillionInput() + o.price().usdPerMillionOutput()).as(o.key().toString())
                    .isPositive();
            if (o.crossRegion()) {
                assertThat(o.servedFrom()).as(o.key().toString()).contains(o.region());
            }
        }
    }

    @Test
    void the_flagship_models_are_offered_by_several_providers() {
        for (String model : List.of("llama-3.1-70b", "llama-3.1-8b", "mixtral-8x7b")) {
            Set<String> providers = new HashSet<>();
            catalog.offeringsOf(model).forEach(o -> providers.add(o.provider().id()));
            assertThat(providers).as(model).hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(catalog.offeringsOf("gpt-4o")).extracting(o -> o.provider().id()).contains("azure-openai");
    }

    @Test
    void aliases_resolve_provider_and_hugging_face_ids() {
        assertThat(List.of("meta.llama3-1-70b-instruct-v1:0", "meta-llama/Llama-3.1-70B-Instruct", "Llama 3.1 70B"))
                .allSatisfy(alias -> assertThat(catalog.model(alias).id()).as(alias).isEqualTo("llama-3.1-70b"));
        assertThat(catalog.model("gpt-4o-2024-08-06").id()).isEqualTo("gpt-4o");
    }

    @Test
    void unknown_models_suggest_close_ids() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalog.model("llama-3.1-7b"))
                .hasMessageContaining("llama-3.1-70b");
    }
}
