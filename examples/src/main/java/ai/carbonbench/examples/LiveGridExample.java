package ai.carbonbench.examples;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.EmissionFactor;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.grid.GridSources;
import ai.carbonbench.core.score.LeaderboardQuery;
import ai.carbonbench.core.score.Score;
import java.time.Duration;
import java.util.Locale;

/**
 * Scores with live grid data: UK Carbon Intensity for Great Britain (no key), Electricity Maps for
 * every other zone when {@code ELECTRICITYMAPS_API_KEY} is set. Without network it still answers, from
 * the embedded profiles, and says so in each row's provenance.
 *
 * <p>{@code java -cp examples/target/carbonbench.jar ai.carbonbench.examples.LiveGridExample}
 */
public final class LiveGridExample {

    private LiveGridExample() {
    }

    public static void main(String[] args) {
        Catalog catalog = Catalog.embedded();
        GridIntensitySource live = GridSources.fromEnvironment(catalog, EmissionFactor.LIFECYCLE);
        try (CarbonBench cb = CarbonBench.builder().catalog(catalog).gridSource(live)
                .awaitLiveData(Duration.ofSeconds(5)).build()) {
            for (Score s : cb.leaderboard(LeaderboardQuery.builder().model("gpt-oss-120b").limit(8).build())) {
                System.out.printf(Locale.ROOT, "%-28s %-12s %6.0f g/kWh %-8s %7.2f gCO2e/Mtok%n",
                        s.offering().provider().id() + "/" + s.offering().region().id(), s.zone(),
                        s.intensityGramsPerKwh().central(), s.provenance(), s.gramsPerMillionTokens().central());
            }
        }
    }
}
