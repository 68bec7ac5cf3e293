package ai.carbonbench.router.state;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where budgets and the scheduler keep the state that must survive a restart: small JSON documents, each
 * named by a namespace (one per budget or scheduler, e.g. {@code budget/tenant-daily}) and an id (a budget
 * key, a job id).
 *
 * <p>Two implementations ship: {@link #inMemory()} (the default; state lives as long as the store object,
 * which lets tests restart a budget or scheduler within one JVM) and {@link #directory(Path)} (one file per
 * document, written atomically). Implement this interface to keep state in a database or a key-value store;
 * implementations must be thread-safe, and {@link #put} must be durable when it returns if restarts are to
 * lose nothing.
 */
public interface StateStore {

    /** Every document of the namespace by id; empty when there is none. */
    Map<String, String> load(String namespace);

    /** Creates or replaces a document. */
    void put(String namespace, String id, String document);

    /** Removes a document; nothing happens when there is none. */
    void remove(String namespace, String id);

    /** A store in this JVM's memory. */
    static StateStore inMemory() {
        return new InMemoryStateStore();
    }

    /**
     * A store in a directory (created when missing): one sub-directory per namespace, one JSON file per
     * document, each replaced atomically (written to a temporary file, then moved), so a crash leaves the
     * old or the new document, never half of one. Names are URL-encoded into file names.
     */
    static StateStore directory(Path directory) {
        return new DirectoryStateStore(directory);
    }
}
