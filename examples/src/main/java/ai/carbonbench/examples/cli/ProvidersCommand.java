package ai.carbonbench.examples.cli;

import ai.carbonbench.core.json.JsonViews;
import java.util.Locale;
import picocli.CommandLine.Command;

@Command(name = "providers", description = "List the providers with their PUE and how their location is known.")
final class ProvidersCommand extends Subcommand {

    @Override
    void run() {
        var providers = parent.catalog().providers(); // a listing needs no scores or grid data
        if (json) {
            Output.printJsonArray(out(), providers, JsonViews::provider);
            return;
        }
        Output.Table t = new Output.Table("ID", "NAME", "PUE", "LOCATION", "PUE SOURCE").numeric(2);
        providers.forEach(p -> t.row(p.id(), p.name(), Output.num(p.pue()), p.location().name().toLowerCase(Locale.ROOT),
                p.pueSource().publisher()));
        t.print(out());
    }
}
