package ai.carbonbench.core.catalog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.Fixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CatalogValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path mutated(Consumer<ObjectNode> change) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(Fixtures.miniCatalogPath().toFile());
        change.accept(root);
        Path file = dir.resolve("catalog.json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    /** Loading the mini catalog after {@code change} fails with a message that contains {@code message}. */
    private void assertRejected(Consumer<ObjectNode> change, String message) throws IOException {
        Path file = mutated(change);
        assertThatThrownBy(() -> Catalog.load(file)).isInstanceOf(CatalogException.class).hasMessageContaining(message);
    }

    private static ObjectNode model(ObjectNode root, int i) {
        return (ObjectNode) root.get("models").get(i);
    }

    @Test
    void an_unknown_reference_names_the_path() throws IOException {
        Path file = mutated(r -> ((ObjectNode) r.get("regions").get(1)).put("zone", "Z-NOWHERE"));
        assertThatThrownBy(() -> Catalog.load(file)).isInstanceOf(CatalogException.class)
                .hasMessage(file + ": $.regions[1].zone: unknown zone 'Z-NOWHERE'");
    }

    @Test
    void a_duplicate_model_id_fails() throws IOException {
        assertRejected(r -> ((ArrayNode) r.get("models")).add(model(r, 0).deepCopy()),
                "$.models[2].id: duplicate model id 'small-8b'");
    }

    @Test
    void an_alias_used_by_two_models_fails() throws IOException {
        assertRejected(r -> ((ArrayNode) model(r, 1).get("aliases")).add("small.8b-v1:0"),
                "$.models[1].aliases[1]: alias 'small.8b-v1:0' is already used by model 'small-8b'");
    }

    @Test
    void a_negative_number_fails() throws IOException {
        assertRejected(r -> ((ObjectNode) model(r, 0).get("energy")).put("outputWhPer1kTokens", -0.04),
                "$.models[0].energy.outputWhPer1kTokens: negative value -0.04");
    }

    @Test
    void nan_is_not_a_number() throws IOException {
        assertRejected(r -> ((ObjectNode) ((ObjectNode) r.get("zones").get(0)).get("annual"))
                .put("lifecycleGramsPerKwh", "NaN"),
                "$.zones[0].annual.lifecycleGramsPerKwh: NaN is not a number");
    }

    @Test
    void a_figure_without_a_source_fails() throws IOException {
        assertRejected(r -> ((ObjectNode) ((ObjectNode) r.get("offerings").get(2)).get("price")).remove("source"),
                "$.offerings[2].price.source: missing source");
    }

    @Test
    void a_source_that_is_not_defined_fails() throws IOException {
        assertRejected(r -> ((ObjectNode) model(r, 0).get("energy")).put("source", "hearsay"),
                "$.models[0].energy.source: unknown source 'hearsay'");
    }

    @Test
    void a_central_value_outside_its_range_fails() throws IOException {
        assertRejected(r -> ((ObjectNode) model(r, 0).get("energy")).put("low", 0.05),
                "$.models[0].energy: expected low <= output <= high");
    }

    @Test
    void a_profile_needs_24_hours() throws IOException {
        assertRejected(r -> ((ArrayNode) ((ObjectNode) r.get("zones").get(3)).get("profile")
                .get("lifecycleByUtcHour")).remove(0),
                "$.zones[3].profile.lifecycleByUtcHour: expected an array of 24 numbers");
    }

    @Test
    void an_estimate_must_name_its_method() throws IOException {
        assertRejected(r -> ((ObjectNode) model(r, 1).get("energy")).remove("method"),
                "$.models[1].energy.method: an estimated figure must name its method");
    }

    @Test
    void undisclosed_parameters_need_their_assumption() throws IOException {
        assertRejected(r -> ((ObjectNode) model(r, 1).get("parameters")).remove("assumption"),
                "$.models[1].parameters.assumption: undisclosed parameters need the assumption used");
    }

    @Test
    void a_cross_region_set_must_name_regions_of_the_same_provider() throws IOException {
        assertRejected(r -> ((ArrayNode) ((ObjectNode) r.get("offerings").get(6)).get("servedFrom")).add("us"),
                "$.offerings[6].servedFrom[2]: unknown region 'us' of provider 'cloud'");
    }

    @Test
    void malformed_json_names_the_line() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"schemaVersion\": 1,\n  \"models\": [\n}");
        assertThatThrownBy(() -> Catalog.load(file)).isInstanceOf(CatalogException.class)
                .hasMessageContaining("broken.json: malformed JSON at line 4");
    }

    @Test
    void an_unknown_hardware_kind_names_the_field() throws IOException {
        assertRejected(r -> ((ObjectNode) r.get("offerings").get(0)).putObject("hardware").put("kind", "abacus"),
                "$.offerings[0].hardware.kind: unknown value 'abacus'");
    }

    @Test
    void an_unsupported_schema_version_fails() throws IOException {
        assertRejected(r -> r.put("schemaVersion", 2),
                "$.schemaVersion: unsupported schema version 2");
    }
}
