package ai.carbonbench.examples.cli;

import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.json.JsonViews;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "score", description = "Carbon, price and speed of one offering; grams for one call with token counts.")
final class ScoreCommand extends Subcommand {

    @Option(names = "--model", required = true, paramLabel = "M", description = "Model id or alias.")
    String model;

    @Option(names = "--provider", required = true, paramLabel = "P", description = "Provider id.")
    String provider;

    @Option(names = "--region", required = true, paramLabel = "R", description = "Region id of that provider.")
    String region;

    @Option(names = "--intensity", paramLabel = "G", description = "Override the grid intensity, gCO2e/kWh.")
    Double intensity;

    @Mixin
    CallTokens call;

    @Mixin
    AtOption at;

    @Override
    void run() {
        var bench = bench();
        OfferingKey key = OfferingKey.of(provider, region, model);
        Score s = intensity != null ? bench.scoreWithIntensity(key, intensity)
                : at.instant().map(t -> bench.scoreAt(key, t)).orElseGet(() -> bench.score(key));
        if (intensity == null) {
            noteData(java.util.List.of(s.provenance()));
        }
        boolean perCall = call.input != null || call.output != null;
        long in = call.input == null ? 0 : call.input;
        long out = call.output == null ? 0 : call.output;
        Range grams = perCall ? s.gramsFor(in, out) : null;
        if (json) {
            ObjectNode n = JsonViews.option(s);
            if (perCall) {
                n.put("inputTokens", in);
                n.put("outputTokens", out);
                n.put("grams", JsonViews.round(grams.central()));
                n.put("gramsCallLow", JsonViews.round(grams.low()));
                n.put("gramsCallHigh", JsonViews.round(grams.high()));
            }
            Output.printJson(out(), n);
            return;
        }
        PrintWriter w = out();
        var o = s.offering();
        w.println(o.model().name() + " on " + o.provider().name() + " " + o.region().id() + " (" + o.region().city() + ", "
                + o.region().country() + ")");
        w.println("  grid        " + Output.num(s.intensityGramsPerKwh().central()) + " gCO2e/kWh (" + s.zone()
                + ", " + s.provenance() + ", range " + Output.range(s.intensityGramsPerKwh()) + ")");
        w.println("  energy      " + Output.num(o.model().energy().outputWhPer1kTokens()) + " Wh/1k output, "
                + Output.num(o.model().energy().inputWhPer1kTokens()) + " Wh/1k input ("
                + o.model().energy().basis().name().toLowerCase() + "), PUE " + Output.num(o.provider().pue()));
        w.println("  hardware    " + o.hardware().kind().name().toLowerCase() + " (" + o.hardware().detail() + "; energy "
                + o.hardware().energyBasis().name().toLowerCase() + ")");
        w.println("  carbon      " + Output.num(s.gramsPerMillionTokens().central()) + " gCO2e per million tokens (range "
                + Output.range(s.gramsPerMillionTokens()) + "; input " + Output.num(s.gramsPerMillionInput().central())
                + ", output " + Output.num(s.gramsPerMillionOutput().central()) + "; " + s.boundary().id()
                + " boundary)");
        w.println("  price       $" + Output.num(s.usdPerMillionTokens()) + " per million tokens (in $"
                + Output.num(o.price().usdPerMillionInput()) + ", out $" + Output.num(o.price().usdPerMillionOutput()) + ")");
        if (perCall) {
            w.println("  this call   " + Output.num(grams.central()) + " gCO2e (range " + Output.range(grams) + ") for "
                    + in + " input + " + out + " output tokens");
        }
        w.flush();
    }

    /** The token counts of one call: either asks for its grams, the other then counting 0. */
    static final class CallTokens {
        @Option(names = "--input-tokens", paramLabel = "N", description = "Input tokens of one call.")
        Long input;

        @Option(names = "--output-tokens", paramLabel = "N", description = "Output tokens of one call.")
        Long output;
    }
}
