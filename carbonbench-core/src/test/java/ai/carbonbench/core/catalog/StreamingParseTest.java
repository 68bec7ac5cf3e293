package ai.carbonbench.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The catalog is read with Jackson's streaming parser (no ObjectMapper, for start-up time); the JSON
 * file stays the source of truth. These tests prove the tree it builds is the one Jackson's data
 * binding builds from the same bytes, node type by node type (an int stays an IntNode, a decimal a
 * DoubleNode), so the catalog built from it is the same.
 */
final class StreamingParseTest {

    private static final ObjectMapper DATABIND = new ObjectMapper();

    private static byte[] embeddedBytes() throws IOException {
        try (InputStream in = Catalog.class.getResourceAsStream(Catalog.EMBEDDED_RESOURCE)) {
            return in.readAllBytes();
        }
    }

    private static JsonNode streamed(byte[] json) {
        return CatalogReader.parse(new ByteArrayInputStream(json), "test.json");
    }

    @Test
    void the_embedded_catalog_parses_to_the_tree_data_binding_gives() throws IOException {
        byte[] json = embeddedBytes();
        JsonNode expected = DATABIND.readTree(json);
        assertThat(streamed(json)).isEqualTo(expected);
        assertThat(expected.get("offerings").size()).as("a real catalog, not an empty one").isGreaterThan(100);
    }

    @Test
    void the_test_catalog_parses_to_the_tree_data_binding_gives() throws IOException {
        byte[] json = Files.readAllBytes(Fixtures.miniCatalogPath());
        assertThat(streamed(json)).isEqualTo(DATABIND.readTree(json));
    }

    @Test
    void every_kind_of_value_keeps_its_node_type() throws IOException {
        String json = "{\"i\": 7, \"l\": 12345678901, \"b\": 123456789012345678901234567890, \"d\": 0.25, \"e\": 1e-3,"
                + " \"neg\": -4, \"t\": true, \"f\": false, \"n\": null, \"s\": \"x\\u00e9\", \"a\": [1, [2.5, {}], []],"
                + " \"o\": {\"nested\": {\"deep\": [\"z\"]}}, \"dup\": 1, \"dup\": 2}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonNode tree = streamed(bytes);
        assertThat(tree).isEqualTo(DATABIND.readTree(bytes));
        assertThat(tree.get("i").isInt()).isTrue();
        assertThat(tree.get("l").isLong()).isTrue();
        assertThat(tree.get("b").isBigInteger()).isTrue();
        assertThat(tree.get("d").isDouble()).isTrue();
        assertThat(tree.get("dup").asInt()).as("the last duplicate wins, as with data binding").isEqualTo(2);
    }

    @Test
    void broken_input_fails_with_the_file_and_position() {
        assertThatThrownBy(() -> streamed("{\"a\": [1, 2}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CatalogException.class).hasMessageStartingWith("test.json: malformed JSON at line 1, column 12");
        assertThatThrownBy(() -> streamed("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CatalogException.class).hasMessage("test.json: $: expected a JSON object");
        assertThatThrownBy(() -> streamed(new byte[0]))
                .isInstanceOf(CatalogException.class).hasMessage("test.json: $: expected a JSON object");
    }
}
