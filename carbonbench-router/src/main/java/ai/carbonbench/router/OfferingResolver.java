package ai.carbonbench.router;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.Model;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.catalog.Region;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the catalog offering of a model name that a framework reports for a call to a known provider and
 * region: what an accounting listener (LangChain4j's {@code CarbonFootprintListener}, Spring AI's observation
 * handler) needs to turn a response into grams without routing.
 *
 * <p>The name is matched first against the provider's model ids in that region ({@code llama-3.3-70b-versatile}
 * at Groq), then against the catalog's ids and aliases ({@code meta-llama/Llama-3.3-70B-Instruct},
 * {@code gpt-4o-2024-08-06}); when neither matches, the default model if one is configured. Resolutions are
 * cached per name (at most 1024 names); an unknown name is warned about once.
 *
 * <p>Immutable and thread-safe.
 */
final class OfferingResolver {

    private static final Logger LOG = LoggerFactory.getLogger(OfferingResolver.class);
    private static final int MAX_CACHED_NAMES = 1024;

    private final Catalog catalog;
    private final Region region;
    private final Optional<OfferingKey> defaultOffering;
    private final ConcurrentHashMap<String, Optional<OfferingKey>> resolved = new ConcurrentHashMap<>();

    /**
     * @param carbonBench  whose catalog to search
     * @param provider     catalog provider id, e.g. {@code groq}
     * @param region       catalog region id, e.g. {@code us}
     * @param defaultModel model id or alias to use when a name is unknown or missing; may be null
     * @throws ai.carbonbench.core.UnknownIdException when the catalog does not know the provider, the region, or
     *                                                the default model there (naming close ids)
     */
    OfferingResolver(CarbonBench carbonBench, String provider, String region, @Nullable String defaultModel) {
        Objects.requireNonNull(carbonBench, "carbonBench");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
        this.catalog = carbonBench.catalog();
        this.region = catalog.region(provider, region);
        this.defaultOffering = defaultModel == null ? Optional.empty()
                : Optional.of(catalog.offering(OfferingKey.of(this.region.provider(), this.region.id(), defaultModel))
                        .key());
    }

    /** The offering of {@code modelName} (null or blank: the default), or empty when it cannot be resolved. */
    Optional<OfferingKey> resolve(@Nullable String modelName) {
        if (modelName == null || modelName.isBlank()) {
            return defaultOffering;
        }
        Optional<OfferingKey> cached = resolved.get(modelName);
        if (cached != null) {
            return cached;
        }
        Optional<OfferingKey> key = lookup(modelName);
        if (key.isEmpty()) {
            LOG.warn("Model '{}' is not in the catalog for {}{}; its responses are not accounted", modelName,
                    region.qualifiedId(), defaultOffering.isPresent() ? "" : " (configure a default model)");
            key = defaultOffering;
        }
        if (resolved.size() < MAX_CACHED_NAMES) {
            resolved.putIfAbsent(modelName, key);
        }
        return key;
    }

    private Optional<OfferingKey> lookup(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Offering o : catalog.offerings()) {
            if (o.provider().id().equals(region.provider()) && o.region().id().equals(region.id())
                    && o.providerModelId() != null && o.providerModelId().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(o.key());
            }
        }
        Optional<Model> model = catalog.findModel(name);
        if (model.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(catalog.offering(OfferingKey.of(region.provider(), region.id(), model.get().id())).key());
        } catch (RuntimeException notServedThere) {
            return Optional.empty();
        }
    }

    /** {@code [provider/region]}, with the default model when one is configured. */
    @Override
    public String toString() {
        return "[" + region.qualifiedId() + defaultOffering.map(k -> ", default " + k.model())
                .orElse("") + "]";
    }
}
