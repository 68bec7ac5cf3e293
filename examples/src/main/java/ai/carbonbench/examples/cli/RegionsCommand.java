package ai.carbonbench.examples.cli;

import ai.carbonbench.core.catalog.EmissionFactor;
import ai.carbonbench.core.catalog.Zone;
import ai.carbonbench.core.json.JsonViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "regions", description = "List the regions with their grid zone and annual-average intensity.")
final class RegionsCommand extends Subcommand {

    @Option(names = "--provider", paramLabel = "P", description = "Only this provider's regions.")
    String provider;

    @Override
    void run() {
        var catalog = parent.catalog(); // a listing needs no scores or grid data
        String providerId = provider == null ? null : catalog.provider(provider).id();
        EmissionFactor factor = parent.factor();
        var regions = catalog.regions().stream()
                .filter(r -> providerId == null || r.provider().equals(providerId)).toList();
        if (json) {
            Output.printJsonArray(out(), regions, r -> JsonViews.region(r, factor));
            return;
        }
        Output.Table t = new Output.Table("PROVIDER", "REGION", "CITY", "COUNTRY", "ZONE", "gCO2e/kWh", "PROFILE")
                .numeric(5);
        regions.forEach(r -> t.row(r.provider(), r.id(), r.city(), r.country(),
                r.zone().key() + (r.alternativeZones().isEmpty() ? "" : " (or "
                        + String.join(", ", r.alternativeZones().stream().map(Zone::key).toList()) + ")"),
                Output.num(r.zone().annual().gramsPerKwh(factor)), r.zone().profile().flat() ? "flat" : "hourly"));
        t.print(out());
    }
}
