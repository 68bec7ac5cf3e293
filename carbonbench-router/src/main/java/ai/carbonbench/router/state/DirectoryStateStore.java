package ai.carbonbench.router.state;

import ai.carbonbench.core.CarbonBenchException;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** {@link StateStore#directory(Path)}. */
final class DirectoryStateStore implements StateStore {

    private static final String SUFFIX = ".json";

    private final Path root;

    DirectoryStateStore(Path root) {
        this.root = Objects.requireNonNull(root, "directory").toAbsolutePath();
    }

    @Override
    public Map<String, String> load(String namespace) {
        Path dir = dir(namespace);
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String id = URLDecoder.decode(name.substring(0, name.length() - SUFFIX.length()),
                        StandardCharsets.UTF_8);
                try {
                    out.put(id, Files.readString(f, StandardCharsets.UTF_8));
                } catch (NoSuchFileException gone) {
                    // removed while we listed: not part of the state any more
                }
            }
        } catch (IOException e) {
            throw new CarbonBenchException("Cannot read state from " + dir + ": " + e, true, e);
        }
        return out;
    }

    @Override
    public void put(String namespace, String id, String document) {
        Objects.requireNonNull(document, "document");
        Path dir = dir(namespace);
        Path target = file(dir, id);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-", SUFFIX + ".part");
            try {
                Files.writeString(tmp, document, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new CarbonBenchException("Cannot write state " + target + ": " + e, true, e);
        }
    }

    @Override
    public void remove(String namespace, String id) {
        Path target = file(dir(namespace), id);
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new CarbonBenchException("Cannot remove state " + target + ": " + e, true, e);
        }
    }

    private Path dir(String namespace) {
        return root.resolve(encode(Objects.requireNonNull(namespace, "namespace")));
    }

    private static Path file(Path dir, String id) {
        return dir.resolve(encode(Objects.requireNonNull(id, "id")) + SUFFIX);
    }

    private static String encode(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("namespace and id must not be empty");
        }
        // URL encoding keeps letters, digits and . - * _ ; encoding dots too means no name is "." or "..".
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace(".", "%2E").replace("*", "%2A");
    }

    @Override
    public String toString() {
        return "DirectoryStateStore[" + root + "]";
    }
}
