package ai.carbonbench.examples.cli;

import ai.carbonbench.core.catalog.EnergyProfile;
import ai.carbonbench.core.catalog.Family;
import ai.carbonbench.core.catalog.Model;
import ai.carbonbench.core.catalog.Parameters;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "models", description = "List the catalog's models with their energy per 1,000 tokens.")
final class ModelsCommand extends Subcommand {

    @Option(names = "--family", paramLabel = "F", description = "Only this family (llama, gpt, claude, mistral, gemma, qwen, deepseek, phi, falcon, cohere).")
    String family;

    @Override
    void run() {
        List<Model> models = bench().catalog().models().stream()
                .filter(m -> family == null || m.family() == family(family))
                .toList();
        if (json) {
            ArrayNode arr = Output.JSON.createArrayNode();
            models.forEach(m -> arr.add(json(m)));
            Output.printJson(out(), arr);
            return;
        }
        Output.Table t = new Output.Table("ID", "FAMILY", "PARAMS (B)", "OUT Wh/1k", "RANGE", "IN Wh/1k", "BASIS")
                .numeric(2, 3, 4, 5);
        for (Model m : models) {
            EnergyProfile e = m.energy();
            t.row(m.id(), m.family().id(), params(m.parameters()), Output.num(e.outputWhPer1kTokens()),
                    Output.num(e.lowWhPer1kTokens()) + "–" + Output.num(e.highWhPer1kTokens()),
                    Output.num(e.inputWhPer1kTokens()), e.basis().name().toLowerCase(Locale.ROOT));
        }
        t.print(out());
    }

    static Family family(String id) {
        return Family.fromId(id).orElseThrow(() -> new IllegalArgumentException("unknown family '" + id
                + "'; valid: " + java.util.Arrays.stream(Family.values()).map(Family::id).toList()));
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

    static ObjectNode json(Model m) {
        ObjectNode n = Output.JSON.createObjectNode();
        n.put("id", m.id());
        n.put("name", m.name());
        n.put("family", m.family().id());
        ArrayNode aliases = n.putArray("aliases");
        m.aliases().forEach(aliases::add);
        ObjectNode p = n.putObject("parameters");
        Parameters params = m.parameters();
        if (params.totalBillions().isPresent()) {
            p.put("totalBillions", params.totalBillions().getAsDouble());
        } else {
            p.putNull("totalBillions");
        }
        if (params.activeBillions().isPresent()) {
            p.put("activeBillions", params.activeBillions().getAsDouble());
        } else {
            p.putNull("activeBillions");
        }
        params.assumption().ifPresent(a -> p.put("assumption", a));
        EnergyProfile e = m.energy();
        ObjectNode en = n.putObject("energy");
        en.put("outputWhPer1kTokens", e.outputWhPer1kTokens());
        en.put("inputWhPer1kTokens", e.inputWhPer1kTokens());
        en.put("low", e.lowWhPer1kTokens());
        en.put("high", e.highWhPer1kTokens());
        en.put("basis", e.basis().name().toLowerCase(Locale.ROOT));
        en.put("hardware", e.hardware());
        e.method().ifPresent(x -> en.put("method", x));
        en.set("source", Output.source(e.source()));
        e.note().ifPresent(x -> en.put("note", x));
        return n;
    }
}
