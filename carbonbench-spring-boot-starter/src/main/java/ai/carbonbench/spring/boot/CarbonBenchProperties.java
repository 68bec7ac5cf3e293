package ai.carbonbench.spring.boot;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code carbonbench.*} properties. Every group is optional; with none set, the application gets a
 * {@code CarbonBench} on the embedded catalog and data, an emissions ledger and its meters.
 *
 * <pre>
 * carbonbench.catalog.overlay=config/catalog-overlay.json
 * carbonbench.live.api-key=${ELECTRICITYMAPS_API_KEY}          # or carbonbench.snapshot.url=https://…/grid.json
 * carbonbench.router.policy=lowest-carbon
 * carbonbench.router.eu-only=false
 * carbonbench.router.candidates[0].provider=together
 * carbonbench.router.candidates[0].region=us
 * carbonbench.router.candidates[0].model=llama-3.3-70b
 * carbonbench.router.candidates[0].base-url=https://api.together.xyz/v1
 * carbonbench.router.candidates[0].api-key=${TOGETHER_API_KEY}
 * carbonbench.router.candidates[0].model-name=meta-llama/Llama-3.3-70B-Instruct-Turbo
 * carbonbench.router.candidates[1].provider=groq
 * carbonbench.router.candidates[1].region=us
 * carbonbench.router.candidates[1].model=llama-3.3-70b
 * carbonbench.router.candidates[1].chat-model-bean=groqChatModel      # or an existing Spring AI ChatModel bean
 * </pre>
 *
 * @param catalog    catalog settings
 * @param boundary   the accounting boundary of every figure (scores, receipts, meters, attributes): {@code gpu},
 *                   {@code server} or {@code lifecycle}; default {@code server}, the SDK's default
 * @param live       live grid data from Electricity Maps
 * @param snapshot   grid data from a snapshot file or URL written by one refresher for a whole fleet
 * @param router     the routed chat model: policy and candidates
 * @param accounting accounting of the application's other Spring AI chat models through their observations
 */
@ConfigurationProperties("carbonbench")
public record CarbonBenchProperties(Catalog catalog, @DefaultValue("server") String boundary, Live live,
        Snapshot snapshot, Router router, Accounting accounting) {

    /** @param overlay a catalog file merged over the embedded catalog (additions and replacements) */
    public record Catalog(Path overlay) {
    }

    /**
     * @param apiKey  the Electricity Maps API key; unset: no live data
     * @param baseUrl the API's base URL; default the production host
     */
    public record Live(String apiKey, URI baseUrl) {
        @Override
        public String toString() {
            return "Live[apiKey=" + (apiKey == null ? "unset" : "****") + ", baseUrl=" + baseUrl + "]";
        }
    }

    /** @param url where the grid snapshot is read from ({@code file:}, {@code http:} or {@code https:}) */
    public record Snapshot(String url) {
    }

    /**
     * @param policy                   {@code lowest-carbon} (default), {@code lowest-cost} or {@code weighted}
     * @param weights                  for {@code weighted}: carbon, cost and latency weights, e.g. {@code 0.6,0.3,0.1}
     * @param euOnly                   only endpoints in EU member states
     * @param allowedRegions           only these regions ({@code region} or {@code provider/region})
     * @param allowedProviders         only these providers
     * @param maxUsdPerMillionTokens   at most this blended price
     * @param maxGramsPerMillionTokens at most this carbon
     * @param candidates               the offerings and their chat models; the first is the baseline
     */
    public record Router(@DefaultValue("lowest-carbon") String policy, List<Double> weights, boolean euOnly,
            List<String> allowedRegions, List<String> allowedProviders, Double maxUsdPerMillionTokens,
            Double maxGramsPerMillionTokens, List<Candidate> candidates) {
    }

    /**
     * One offering and the chat model that serves it: either an existing Spring AI {@code ChatModel} bean, or an
     * OpenAI-protocol endpoint (needs {@code spring-ai-openai}).
     *
     * @param provider      catalog provider id, e.g. {@code groq}
     * @param region        catalog region id, e.g. {@code us}
     * @param model         catalog model id or alias, e.g. {@code llama-3.3-70b}
     * @param chatModelBean the name of a Spring AI {@code ChatModel} bean serving the offering
     * @param baseUrl       or: the provider's OpenAI-compatible base URL, e.g. {@code https://api.groq.com/openai/v1}
     * @param apiKey        its API key
     * @param modelName     the provider's name for the model, e.g. {@code llama-3.3-70b-versatile}
     */
    public record Candidate(String provider, String region, String model, String chatModelBean, String baseUrl,
            String apiKey, String modelName) {
        @Override
        public String toString() {
            return "Candidate[" + provider + "/" + region + "/" + model
                    + (chatModelBean != null ? ", bean " + chatModelBean : ", " + baseUrl + ", " + modelName
                            + ", apiKey=" + (apiKey == null ? "unset" : "****"))
                    + "]";
        }
    }

    /**
     * @param provider     catalog provider id of the application's Spring AI chat models; unset: no accounting
     *                     filter
     * @param region       catalog region id
     * @param defaultModel model to account when a response's model name is unknown
     */
    public record Accounting(String provider, String region, String defaultModel) {
    }
}
