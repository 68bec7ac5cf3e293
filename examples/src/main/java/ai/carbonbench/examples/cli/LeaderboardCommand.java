package ai.carbonbench.examples.cli;

import ai.carbonbench.core.score.LeaderboardQuery;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.score.SortOrder;
import ai.carbonbench.core.score.TokenMix;
import ai.carbonbench.core.json.JsonViews;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "leaderboard", description = "Rank offerings by carbon, cost or speed.")
final class LeaderboardCommand extends Subcommand {

    @Mixin
    FamilyOption family;

    @Option(names = "--model", paramLabel = "M", description = "Only this model (id or alias).")
    String model;

    @Option(names = "--country", paramLabel = "CC", description = "Only regions in this country (ISO code).")
    String country;

    @Mixin
    PlaceOptions place;

    @Option(names = "--sort", paramLabel = "ORDER", description = "carbon (default), cost or speed.")
    SortOrder sort = SortOrder.CARBON;

    @Option(names = "--limit", paramLabel = "N", description = "At most N rows (default 20; 0 for all).")
    int limit = 20;

    @Option(names = "--include-retired", description = "Also list retired offerings (marked with their retirement date).")
    boolean includeRetired;

    @Override
    void run() {
        LeaderboardQuery.Builder q = LeaderboardQuery.builder().sort(sort).includeRetired(includeRetired);
        family.family().ifPresent(q::family);
        if (model != null) {
            q.model(model);
        }
        if (country != null) {
            q.country(country);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be >= 0, was " + limit);
        }
        if (limit > 0) {
            q.limit(limit);
        }
        LeaderboardQuery query = place.applyTo(q).build(); // a bad --at fails before any data is loaded
        var bench = bench();
        List<Score> rows = bench.leaderboard(query);
        noteData(rows.stream().map(Score::provenance).toList());
        if (json) {
            Output.printJsonArray(out(), rows, JsonViews::option);
            return;
        }
        printTable(out(), rows, bench.tokenMix());
    }

    static void printTable(PrintWriter out, List<Score> rows, TokenMix mix) {
        if (rows.isEmpty()) {
            out.println("No offering matches.");
            out.flush();
            return;
        }
        Output.Table t = new Output.Table("#", "MODEL", "PROVIDER/REGION", "ZONE", "g/kWh", "gCO2e/Mtok", "RANGE",
                "$/Mtok", "$ IN/OUT", "TOK/S").numeric(0, 4, 5, 6, 7, 9);
        int i = 1;
        for (Score s : rows) {
            var o = s.offering();
            t.row(String.valueOf(i++), o.model().id() + o.retired().map(d -> " (retired " + d + ")").orElse(""),
                    Output.where(o.region()) + (o.crossRegion() ? " (x-region)" : ""),
                    s.zone(), Output.num(s.intensityGramsPerKwh().central()),
                    Output.num(s.gramsPerMillionTokens().central()), Output.range(s.gramsPerMillionTokens()),
                    String.format(java.util.Locale.ROOT, "%.2f", s.usdPerMillionTokens()),
                    Output.num(o.price().usdPerMillionInput()) + "/" + Output.num(o.price().usdPerMillionOutput()),
                    s.tokensPerSecond().isPresent() ? Output.num(s.tokensPerSecond().getAsDouble())
                            + o.speed().map(x -> " " + SPEED_MARK.get(x.basis())).orElse("") : "–");
        }
        t.print(out);
        if (rows.stream().anyMatch(s -> s.tokensPerSecond().isPresent())) {
            out.println("TOK/S: output tokens/s per stream; r = measured on reference hardware, v = vendor-stated, "
                    + "m = third-party measured, o = observed by this application.");
        }
        if (rows.stream().anyMatch(s -> s.tokensPerSecond().isEmpty())) {
            out.println("– = no speed figure that may be shipped exists for the offering (closed models have no public "
                    + "per-provider measurement); such rows sort last by speed.");
        }
        Score first = rows.get(0);
        out.println("gCO2e and $ per million tokens blended at " + describe(mix) + "; intensity " + first.provenance()
                + " at " + first.at().truncatedTo(java.time.temporal.ChronoUnit.MINUTES) + ".");
        out.flush();
    }

    private static final java.util.Map<ai.carbonbench.core.catalog.SpeedBasis, String> SPEED_MARK = java.util.Map.of(
            ai.carbonbench.core.catalog.SpeedBasis.MEASURED_REFERENCE, "r", ai.carbonbench.core.catalog.SpeedBasis.VENDOR_STATED, "v",
            ai.carbonbench.core.catalog.SpeedBasis.THIRD_PARTY_MEASURED, "m", ai.carbonbench.core.catalog.SpeedBasis.OBSERVED, "o");

    static String describe(TokenMix mix) {
        return Output.num(mix.inputShare() * 100) + "% input / " + Output.num(mix.outputShare() * 100) + "% output tokens";
    }
}
