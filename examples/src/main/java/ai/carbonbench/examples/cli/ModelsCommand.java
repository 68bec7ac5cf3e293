package ai.carbonbench.examples.cli;

import ai.carbonbench.core.catalog.EnergyProfile;
import ai.carbonbench.core.catalog.Family;
import ai.carbonbench.core.catalog.Model;
import ai.carbonbench.core.catalog.Parameters;
import ai.carbonbench.core.json.JsonViews;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "models", description = "List the catalog's models with their energy per 1,000 tokens.")
final class ModelsCommand extends Subcommand {

    @Mixin
    FamilyOption family;

    @Option(names = "--all", description = "Also list models with no live offering (marked 'no offering').")
    boolean all;

    @Override
    void run() {
        var catalog = parent.catalog(); // a listing needs no scores or grid data
        Optional<Family> only = family.family();
        Predicate<Model> inFamily = m -> only.isEmpty() || m.family() == only.get();
        List<Model> models = catalog.models().stream()
                .filter(inFamily)
                .filter(m -> all || catalog.isLive(m))
                .toList();
        if (json) {
            Output.printJsonArray(out(), models, m -> JsonViews.model(m).put("live", catalog.isLive(m)));
            return;
        }
        Output.Table t = new Output.Table("ID", "FAMILY", "PARAMS (B)", "OUT Wh/1k", "RANGE", "IN Wh/1k", "BASIS")
                .numeric(2, 3, 4, 5);
        for (Model m : models) {
            EnergyProfile e = m.energy();
            t.row(m.id() + (catalog.isLive(m) ? "" : " (no offering)"), m.family().id(), params(m.parameters()),
                    Output.num(e.outputWhPer1kTokens()),
                    Output.num(e.lowWhPer1kTokens()) + "–" + Output.num(e.highWhPer1kTokens()),
                    Output.num(e.inputWhPer1kTokens()), e.basis().name().toLowerCase(Locale.ROOT));
        }
        t.print(out());
        long hidden = catalog.models().stream().filter(inFamily)
                .filter(m -> !catalog.isLive(m)).count();
        if (!all && hidden > 0) {
            out().println(hidden + " model(s) with no live offering hidden; --all lists them.");
            out().flush();
        }
    }

    private static String params(Parameters p) {
        if (p.disclosed()) {
            double total = p.totalBillions().getAsDouble();
            double active = p.activeBillions().getAsDouble();
            return total == active ? Output.num(total) : Output.num(total) + "/" + Output.num(active) + "a";
        }
        return p.assumedActiveBillions().map(b -> "~" + Output.num(b.low()) + "–" + Output.num(b.high()) + "a")
                .orElse("?");
    }
}
