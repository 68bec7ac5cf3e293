package ai.carbonbench.router.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract both stores keep. */
final class StateStoreTest {

    @TempDir
    static Path dir;

    static List<StateStore> stores() {
        return List.of(StateStore.inMemory(), StateStore.directory(dir.resolve("state")));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void puts_replaces_loads_and_removes_documents_by_namespace_and_id(StateStore store) {
        String ns = "budget/tenant daily";
        assertThat(store.load(ns)).isEmpty();

        store.put(ns, "acme", "{\"v\":1}");
        store.put(ns, "../évil/.", "{\"v\":2}");
        store.put(ns, "acme", "{\"v\":3}");
        store.put("other", "acme", "{}");

        assertThat(store.load(ns)).isEqualTo(Map.of("acme", "{\"v\":3}", "../évil/.", "{\"v\":2}"));
        store.remove(ns, "acme");
        store.remove(ns, "never-there");
        assertThat(store.load(ns)).containsOnlyKeys("../évil/.");
        assertThat(store.load("other")).containsOnlyKeys("acme");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void a_new_store_on_the_same_directory_sees_what_was_written(StateStore ignored) {
        Path d = dir.resolve("reopen");
        StateStore.directory(d).put("scheduler/nightly", "job-1", "{\"x\":true}");

        assertThat(StateStore.directory(d).load("scheduler/nightly")).containsEntry("job-1", "{\"x\":true}");
        assertThat(d.resolve("scheduler%2Fnightly")).isDirectory();
        try (var files = Files.list(d.resolve("scheduler%2Fnightly"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("job-1.json");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
