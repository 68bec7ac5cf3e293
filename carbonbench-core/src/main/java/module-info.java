/**
 * CarbonBench core: the catalog, grid-intensity sources and their cache, scoring, the leaderboard,
 * recommendations, time shifting, the constraint filter and the JSON views.
 */
module ai.carbonbench.core {
    // In the public API: JsonViews returns Jackson nodes, the grid builders take a Caffeine Ticker and an HttpClient.
    requires transitive com.fasterxml.jackson.databind;
    requires transitive com.github.benmanes.caffeine;
    requires transitive java.net.http;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports ai.carbonbench.core;
    exports ai.carbonbench.core.catalog;
    exports ai.carbonbench.core.grid;
    exports ai.carbonbench.core.json;
    exports ai.carbonbench.core.score;
}
