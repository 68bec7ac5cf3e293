package ai.carbonbench.examples.cli;

import ai.carbonbench.core.catalog.EmissionFactor;
import ai.carbonbench.core.catalog.Region;
import ai.carbonbench.core.catalog.Zone;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "regions", description = "List the regions with their grid zone and annual-average intensity.")
final class RegionsCommand extends Subcommand {

    @Option(names = "--provider", paramLabel = "P", description = "Only this provider's regions.")
    String provider;

    @Override
    void run() {
        var bench = bench();
        String providerId = provider == null ? null : bench.catalog().provider(provider).id();
        EmissionFactor factor = bench.emissionFactor();
        var regions = bench.catalog().regions().stream()
                .filter(r -> providerId == null || r.provider().equals(providerId)).toList();
        if (json) {
            ArrayNode arr = Output.JSON.createArrayNode();
            for (Region r : regions) {
                Zone z = r.zone();
                ObjectNode n = arr.addObject();
                n.put("provider", r.provider());
                n.put("id", r.id());
                n.put("name", r.name());
                n.put("city", r.city());
                n.put("country", r.country());
                n.put("area", r.area().name());
                n.put("eu", r.inEu());
                n.put("zone", z.key());
                ArrayNode alt = n.putArray("alternativeZones");
                r.alternativeZones().forEach(a -> alt.add(a.key()));
                n.put("annualGramsPerKwh", z.annual().gramsPerKwh(factor));
                n.put("annualLifecycleGramsPerKwh", z.annual().lifecycleGramsPerKwh());
                n.put("annualDirectGramsPerKwh", z.annual().directGramsPerKwh());
                n.put("annualYear", z.annual().year());
                n.set("annualSource", Output.source(z.annual().source()));
                n.put("profile", z.profile().flat() ? "flat" : "hourly");
                n.put("zoneSource", r.zoneSource().id());
                if (!r.zoneNote().isEmpty()) {
                    n.put("zoneNote", r.zoneNote());
                }
            }
            Output.printJson(out(), arr);
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
