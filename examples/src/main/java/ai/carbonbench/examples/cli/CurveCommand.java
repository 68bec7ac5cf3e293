package ai.carbonbench.examples.cli;

import ai.carbonbench.core.score.DailyCurve;
import ai.carbonbench.core.json.JsonViews;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "curve", description = "A region's grid intensity over the next 24 hours, drawn in the terminal.")
final class CurveCommand extends Subcommand {

    private static final int BAR = 40;

    @Parameters(index = "0", paramLabel = "REGION", description = "Region id, or provider/region when ambiguous.")
    String region;

    @Override
    void run() {
        DailyCurve c = bench().curve(region);
        noteData(c.points().stream().map(DailyCurve.Point::provenance).toList(), "hours");
        if (json) {
            Output.printJson(out(), JsonViews.intensity(bench(), region));
            return;
        }
        PrintWriter out = out();
        out.println("Grid intensity for " + Output.where(c.region()) + " (" + c.region().city() + ", zone " + c.zone()
                + "), gCO2e/kWh by UTC hour" + (c.flat() ? " — no hourly data: annual average at every hour" : ""));
        double max = c.maximum().gramsPerKwh();
        double min = c.minimum().gramsPerKwh();
        DailyCurve.Point lowest = c.minimum();
        for (DailyCurve.Point p : c.points()) {
            int len = max == 0 ? 0 : (int) Math.round(p.gramsPerKwh() / max * BAR);
            out.println(String.format(Locale.ROOT, "%02d:00  %-" + BAR + "s %6s%s", p.utcHour(), "█".repeat(len),
                    Output.num(p.gramsPerKwh()), !c.flat() && p.equals(lowest) ? "  ← lowest" : ""));
        }
        out.println(String.format(Locale.ROOT, "min %s at %02d:00 UTC, max %s, average %s; source %s",
                Output.num(min), lowest.utcHour(), Output.num(max), Output.num(c.averageGramsPerKwh()),
                c.points().get(0).provenance()));
        out.flush();
    }
}
