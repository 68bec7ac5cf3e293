package ai.carbonbench.core.catalog;

import ai.carbonbench.core.UnknownIdException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable catalog of models, providers, grid zones, regions and offerings, every figure with its
 * source. Thread-safe.
 *
 * <p>{@link #embedded()} is the curated catalog shipped in the jar; {@link #load(Path)} reads a file
 * in the same format, and {@link #overlay(Path)} merges a file of additions and replacements over
 * this catalog. Loading validates everything; a broken file fails with a {@link CatalogException}
 * that names the file, the JSON path and the reason.
 *
 * <p>Lookups accept ids and aliases, ignoring case, with spaces treated as dashes; an unknown id
 * throws {@link UnknownIdException} naming the closest valid ids.
 */
public final class Catalog {

    static final String EMBEDDED_RESOURCE = "/ai/carbonbench/core/catalog/catalog.json";

    private static final class Embedded {
        static final Catalog INSTANCE = readEmbedded();
    }

    private final String origin;
    private final ObjectNode tree;
    private final LocalDate dataVersion;
    private final Map<String, Source> sources;
    private final Map<String, Method> methods;
    private final Map<String, Model> models;
    private final Map<String, String> modelNames;
    private final Map<String, Provider> providers;
    private final Map<String, Zone> zones;
    private final Map<String, Region> regions;
    private final Map<OfferingKey, Offering> offerings;
    private final Map<String, List<Offering>> offeringsByModel;
    private final List<Offering> liveOfferings;
    private final Map<String, List<Offering>> liveByModel;

    Catalog(String origin, ObjectNode tree, LocalDate dataVersion, Map<String, Source> sources,
            Map<String, Method> methods, Map<String, Model> models, Map<String, String> modelNames,
            Map<String, Provider> providers, Map<String, Zone> zones, Map<String, Region> regions,
            Map<OfferingKey, Offering> offerings) {
        this.origin = origin;
        this.tree = tree;
        this.dataVersion = dataVersion;
        this.sources = Map.copyOf(sources);
        this.methods = Map.copyOf(methods);
        this.models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
        this.modelNames = Map.copyOf(modelNames);
        this.providers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        this.zones = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(zones));
        this.regions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(regions));
        this.offerings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(offerings));
        Map<String, List<Offering>> byModel = new HashMap<>();
        offerings.values().forEach(o -> byModel.computeIfAbsent(o.model().id(), k -> new ArrayList<>()).add(o));
        byModel.replaceAll((k, v) -> List.copyOf(v));
        this.offeringsByModel = Map.copyOf(byModel);
        this.liveOfferings = offerings.values().stream().filter(Offering::live).toList();
        Map<String, List<Offering>> live = new HashMap<>();
        byModel.forEach((k, v) -> live.put(k, v.stream().filter(Offering::live).toList()));
        this.liveByModel = Map.copyOf(live);
    }

    /** The curated catalog shipped with CarbonBench, loaded once. */
    public static Catalog embedded() {
        return Embedded.INSTANCE;
    }

    private static Catalog readEmbedded() {
        InputStream in = Catalog.class.getResourceAsStream(EMBEDDED_RESOURCE);
        if (in == null) {
            throw new CatalogException("embedded catalog " + EMBEDDED_RESOURCE + " is missing from the class path");
        }
        return CatalogReader.read(CatalogReader.parse(in, "catalog.json (embedded)"), "catalog.json (embedded)");
    }

    /** Reads a complete catalog from a file in the catalog format. */
    public static Catalog load(Path file) {
        Objects.requireNonNull(file, "file");
        return CatalogReader.read(parse(file), file.toString());
    }

    /**
     * A new catalog: this one with the entries of {@code file} added or replacing entries of the same id
     * (models and providers by id, zones by key, regions by provider and id, offerings by model,
     * provider and region; sources and methods by key). The result is validated as a whole.
     */
    public Catalog overlay(Path file) {
        Objects.requireNonNull(file, "file");
        ObjectNode merged = CatalogReader.merge(tree, parse(file));
        return CatalogReader.read(merged, origin + " + " + file);
    }

    private static ObjectNode parse(Path file) {
        try {
            return CatalogReader.parse(Files.newInputStream(file), file.toString());
        } catch (IOException e) {
            throw new CatalogException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The date this catalog's data was curated. */
    public LocalDate dataVersion() {
        return dataVersion;
    }

    /** Every source, by id. */
    public Map<String, Source> sources() {
        return sources;
    }

    /** A documented method by id, e.g. {@code energy-estimate-v2}. */
    public Optional<Method> method(String id) {
        return Optional.ofNullable(methods.get(id));
    }

    public Collection<Model> models() {
        return models.values();
    }

    public Collection<Provider> providers() {
        return providers.values();
    }

    public Collection<Zone> zones() {
        return zones.values();
    }

    public Collection<Region> regions() {
        return regions.values();
    }

    /** The JSON tree the catalog was read from (for exports such as {@link ObservedSpeeds#toOverlay}). */
    ObjectNode tree() {
        return tree;
    }

    /** The live offerings, in catalog order; retired ones are in {@link #allOfferings()}. */
    public Collection<Offering> offerings() {
        return liveOfferings;
    }

    /** The model with this id or alias. */
    public Optional<Model> findModel(String idOrAlias) {
        Objects.requireNonNull(idOrAlias, "idOrAlias");
        String id = modelNames.get(Suggestions.normalize(idOrAlias));
        return id == null ? Optional.empty() : Optional.of(models.get(id));
    }

    /** The model with this id or alias; {@link UnknownIdException} naming the closest ids otherwise. */
    public Model model(String idOrAlias) {
        return findModel(idOrAlias)
                .orElseThrow(() -> new UnknownIdException("model", idOrAlias, Suggestions.closest(idOrAlias, modelNames)));
    }

    public Provider provider(String id) {
        Objects.requireNonNull(id, "id");
        Provider p = providers.get(Suggestions.normalize(id));
        if (p == null) {
            throw new UnknownIdException("provider", id, Suggestions.closest(id, providers.keySet()));
        }
        return p;
    }

    public Zone zone(String key) {
        Objects.requireNonNull(key, "key");
        Zone z = zones.get(key);
        if (z == null) {
            z = zones.values().stream().filter(v -> v.key().equalsIgnoreCase(key.trim())).findFirst().orElse(null);
        }
        if (z == null) {
            throw new UnknownIdException("zone", key, Suggestions.closest(key, zones.keySet()));
        }
        return z;
    }

    /** The region of this provider; {@link UnknownIdException} naming the provider's closest regions otherwise. */
    public Region region(String providerId, String regionId) {
        Provider p = provider(providerId);
        Objects.requireNonNull(regionId, "regionId");
        Region r = regions.get(p.id() + "/" + Suggestions.normalize(regionId));
        if (r == null) {
            List<String> ofProvider = regions.values().stream().filter(x -> x.provider().equals(p.id()))
                    .map(Region::id).toList();
            throw new UnknownIdException("region", regionId, Suggestions.closest(regionId, ofProvider));
        }
        return r;
    }

    /**
     * Regions with this id across all providers, or the one named {@code provider/region}. Empty when
     * nothing matches; see {@link #region(String)} for the throwing variant.
     */
    public List<Region> findRegions(String regionOrQualifiedId) {
        String wanted = Suggestions.normalize(regionOrQualifiedId);
        return regions.values().stream()
                .filter(r -> r.id().equals(wanted) || r.qualifiedId().equals(wanted))
                .toList();
    }

    /**
     * The one region named {@code region} or {@code provider/region}. Throws {@link UnknownIdException}
     * when none matches, or when several providers have a region of that id (the message lists them).
     */
    public Region region(String regionOrQualifiedId) {
        Objects.requireNonNull(regionOrQualifiedId, "regionOrQualifiedId");
        List<Region> found = findRegions(regionOrQualifiedId);
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            List<String> names = new ArrayList<>();
            regions.values().forEach(r -> {
                names.add(r.id());
                names.add(r.qualifiedId());
            });
            throw new UnknownIdException("region", regionOrQualifiedId, Suggestions.closest(regionOrQualifiedId, names));
        }
        throw new UnknownIdException("region", regionOrQualifiedId, "ambiguous: give provider/region",
                found.stream().map(Region::qualifiedId).toList());
    }

    /** The live offerings of this model (id or alias), in catalog order; retired ones are left out. */
    public List<Offering> offeringsOf(String modelIdOrAlias) {
        return liveByModel.getOrDefault(model(modelIdOrAlias).id(), List.of());
    }

    /** Every offering of this model, retired ones included, in catalog order. */
    public List<Offering> allOfferingsOf(String modelIdOrAlias) {
        return offeringsByModel.getOrDefault(model(modelIdOrAlias).id(), List.of());
    }

    /** Every offering, retired ones included, in catalog order. */
    public Collection<Offering> allOfferings() {
        return offerings.values();
    }

    /** Whether the model has at least one live offering; models without one are hidden from default listings. */
    public boolean isLive(Model model) {
        return !liveByModel.getOrDefault(model.id(), List.of()).isEmpty();
    }

    /**
     * The offering named by the key, as {@link #offering(OfferingKey)} finds it; a retired one is returned
     * only when {@code includeRetired}, and refused otherwise. Same lookup rules and errors otherwise.
     */
    public Offering offering(OfferingKey key, boolean includeRetired) {
        Objects.requireNonNull(key, "key");
        Model model = model(key.model());
        Region region = region(key.provider(), key.region());
        Offering o = offerings.get(new OfferingKey(region.provider(), region.id(), model.id()));
        if (o == null) {
            throw new UnknownIdException("offering", key.toString(), liveWhere(model));
        }
        if (!includeRetired && !o.live()) {
            throw new UnknownIdException("offering", key.toString(), "retired on " + o.retired().orElseThrow()
                    + "; live offerings of the model follow", liveWhere(model));
        }
        return o;
    }

    /** Where the model has live offerings, as {@code provider/region}, at most 8: the suggestions of a failed lookup. */
    private List<String> liveWhere(Model model) {
        List<String> where = offeringsOf(model.id()).stream().map(x -> x.provider().id() + "/" + x.region().id()).toList();
        return where.size() > 8 ? where.subList(0, 8) : where;
    }

    /**
     * The live offering named by the key, whose model may be an alias. When the provider, region and model
     * exist but the provider does not serve the model there, the message lists where it is served (live
     * offerings, at most 8); a retired offering is refused with its date and the same list
     * ({@link #offering(OfferingKey, boolean)} returns it).
     */
    public Offering offering(OfferingKey key) {
        return offering(key, false);
    }

    @Override
    public String toString() {
        return "Catalog[" + origin + ", dataVersion=" + dataVersion + ", " + models.size() + " models, "
                + providers.size() + " providers, " + regions.size() + " regions, " + offerings.size()
                + " offerings]";
    }

}
