package ai.carbonbench.core.grid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Asks its sources in order; the first that knows a value answers ({@link GridSources#resolve} applies
 * the whole fallback order over the chain's sources). A chain among the sources is flattened into them,
 * so that the fallback order reaches every source of a nested chain too. Thread-safe if its sources are.
 */
final class ChainSource implements GridIntensitySource {

    private final List<GridIntensitySource> sources;

    ChainSource(List<GridIntensitySource> sources) {
        List<GridIntensitySource> flat = new ArrayList<>(sources.size());
        for (GridIntensitySource s : sources) {
            if (s instanceof ChainSource c) {
                flat.addAll(c.sources); // already flat
            } else {
                flat.add(s);
            }
        }
        this.sources = List.copyOf(flat);
    }

    @Override
    public String name() {
        return sources.stream().map(GridIntensitySource::name).collect(Collectors.joining(" > "));
    }

    @Override
    public Optional<GridIntensity> current(String zone) {
        return Resolution.current(sources, zone);
    }

    List<GridIntensitySource> sources() {
        return sources;
    }

    @Override
    public List<GridIntensity> history(String zone) {
        return firstSeries(s -> s.history(zone));
    }

    @Override
    public List<GridIntensity> forecast(String zone) {
        return firstSeries(s -> s.forecast(zone));
    }

    private List<GridIntensity> firstSeries(Function<GridIntensitySource, List<GridIntensity>> series) {
        for (GridIntensitySource s : sources) {
            List<GridIntensity> v = series.apply(s);
            if (!v.isEmpty()) {
                return v;
            }
        }
        return List.of();
    }

    @Override
    public CompletableFuture<Void> prefetch(Collection<String> zones) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (GridIntensitySource s : sources) {
            try {
                all.add(s.prefetch(zones).exceptionally(e -> null));
            } catch (RuntimeException e) {
                // a misbehaving third-party source must not stop the others from warming
            }
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /** Closes every source, even when one of them throws. */
    @Override
    public void close() {
        for (GridIntensitySource s : sources) {
            try {
                s.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(GridIntensitySource.class).warn("closing {} failed: {}", s.name(), e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "Chain" + sources;
    }
}
