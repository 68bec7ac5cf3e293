package ai.carbonbench.springai;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.testing.OpenAiWireMock;
import io.micrometer.observation.ObservationRegistry;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * The shared {@link OpenAiWireMock} for three OpenAI-compatible providers under their own paths, with Spring AI's
 * real {@link OpenAiChatModel} on it; and the test catalog.
 *
 * <p>{@code catalog-fixture.json} (the LangChain4j tests'): model {@code llama-3.3-70b}, 0.2 Wh per 1k input
 * tokens and 1.0 Wh per 1k output tokens, PUE 1.0; together/us on a 400 g/kWh grid (the baseline, declared first
 * in the tests), groq/us 200, fireworks/us 50.
 */
final class Stubs extends OpenAiWireMock {

    static final String TOGETHER_MODEL = "meta-llama/Llama-3.3-70B-Instruct-Turbo";
    static final String GROQ_MODEL = "llama-3.3-70b-versatile";
    static final String FIREWORKS_MODEL = "accounts/fireworks/models/llama-v3p3-70b-instruct";

    static CarbonBench carbonBench() {
        try {
            Catalog catalog = Catalog.load(Path.of(Stubs.class
                    .getResource("/ai/carbonbench/langchain4j/catalog-fixture.json").toURI()));
            // GPU boundary: the tests' expected grams are hand-computed as energy x intensity x PUE
            return CarbonBench.builder().catalog(catalog).boundary(ai.carbonbench.core.score.Boundary.GPU).build();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    OpenAiChatModel chatModel(String provider, String modelName) {
        return chatModel(provider, modelName, ObservationRegistry.NOOP);
    }

    OpenAiChatModel chatModel(String provider, String modelName, ObservationRegistry observations) {
        return OpenAiChatModel.builder()
                .options(OpenAiChatOptions.builder()
                        .baseUrl(baseUrl(provider))
                        .apiKey("key-" + provider)
                        .model(modelName)
                        .timeout(Duration.ofSeconds(5))
                        .maxRetries(0) // fail-over is the carbon-aware model's job
                        .streamUsage(true)
                        .build())
                .observationRegistry(observations)
                .build();
    }
}
