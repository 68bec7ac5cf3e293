package ai.carbonbench.router.state;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** {@link StateStore#inMemory()}. */
final class InMemoryStateStore implements StateStore {

    private final Map<String, Map<String, String>> namespaces = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> load(String namespace) {
        Map<String, String> docs = namespaces.get(Objects.requireNonNull(namespace, "namespace"));
        return docs == null ? Map.of() : Map.copyOf(docs);
    }

    @Override
    public void put(String namespace, String id, String document) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(document, "document");
        namespaces.computeIfAbsent(Objects.requireNonNull(namespace, "namespace"), n -> new ConcurrentHashMap<>())
                .put(id, document);
    }

    @Override
    public void remove(String namespace, String id) {
        Map<String, String> docs = namespaces.get(Objects.requireNonNull(namespace, "namespace"));
        if (docs != null) {
            docs.remove(Objects.requireNonNull(id, "id"));
        }
    }

    @Override
    public String toString() {
        return "InMemoryStateStore" + namespaces.keySet();
    }
}
