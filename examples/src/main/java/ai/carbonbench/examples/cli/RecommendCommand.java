package ai.carbonbench.examples.cli;

import ai.carbonbench.core.score.Recommendation;
import ai.carbonbench.core.score.RecommendationRequest;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.json.JsonViews;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "recommend", description = "The lowest-carbon way to run a model now, four alternatives and the savings.")
final class RecommendCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model id or alias, e.g. llama-3.1-70b.")
    String model;

    @Mixin
    PlaceOptions place;

    @Option(names = "--max-price", paramLabel = "USD", description = "At most this blended USD per million tokens.")
    Double maxPrice;

    @Override
    void run() {
        var bench = bench();
        RecommendationRequest.Builder req = RecommendationRequest.builder(model);
        if (maxPrice != null) {
            req.maxUsdPerMillionTokens(maxPrice);
        }
        Recommendation r = bench.recommend(place.applyTo(req).build());
        List<Score> options = new ArrayList<>();
        options.add(r.best());
        options.addAll(r.alternatives());
        noteData(options.stream().map(Score::provenance).toList());
        if (json) {
            Output.printJson(out(), JsonViews.recommendation(r));
            return;
        }
        PrintWriter out = out();
        out.println(r.model().name() + " (" + r.model().id() + "), energy " + r.model().energy().basis().name()
                .toLowerCase(Locale.ROOT) + ": " + Output.num(r.model().energy().outputWhPer1kTokens())
                + " Wh per 1k output tokens (" + r.model().energy().source().citation() + ")");
        out.println();
        LeaderboardCommand.printTable(out, options, bench.tokenMix());
        out.println();
        out.println(r.insight());
        out.flush();
    }
}
