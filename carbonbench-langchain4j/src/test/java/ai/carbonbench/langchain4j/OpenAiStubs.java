package ai.carbonbench.langchain4j;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.testing.OpenAiWireMock;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared {@link OpenAiWireMock} for three OpenAI-compatible providers ({@code /together/v1},
 * {@code /groq/v1}, {@code /fireworks/v1}) with LangChain4j's OpenAI models on it; and the test catalog.
 *
 * <p>{@code catalog-fixture.json}: model {@code llama-3.3-70b} (0.2 Wh per 1k input tokens, 1.0 per 1k output,
 * range ×0.5..×2), PUE 1.0 everywhere; together/us on a 400 g/kWh grid (the baseline, declared first in the
 * tests), groq/us 200, fireworks/us 50. So per million tokens: fireworks 10 input / 50 output, groq 40 / 200,
 * together 80 / 400.
 *
 * <p>A test class registers it with {@code @RegisterExtension static final OpenAiStubs STUBS = new OpenAiStubs();}:
 * the stubs are reset before each test and the server stops after the class.
 */
final class OpenAiStubs extends OpenAiWireMock implements BeforeEachCallback, AfterAllCallback {

    static final OfferingKey TOGETHER = OfferingKey.of("together", "us", "llama-3.3-70b");
    static final OfferingKey GROQ = OfferingKey.of("groq", "us", "llama-3.3-70b");
    static final OfferingKey FIREWORKS = OfferingKey.of("fireworks", "us", "llama-3.3-70b");

    static final String TOGETHER_MODEL = "meta-llama/Llama-3.3-70B-Instruct-Turbo";
    static final String GROQ_MODEL = "llama-3.3-70b-versatile";
    static final String FIREWORKS_MODEL = "accounts/fireworks/models/llama-v3p3-70b-instruct";

    /** The test catalog's CarbonBench, shared by the test classes: it is immutable and no test changes it. */
    static final CarbonBench CB = carbonBench();

    static Catalog catalog() {
        try {
            return Catalog.load(Path.of(OpenAiStubs.class.getResource("catalog-fixture.json").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static CarbonBench carbonBench() {
        // the GPU boundary: the fixture figures are hand-computed with the accelerator x PUE formula
        return CarbonBench.builder().catalog(catalog()).boundary(ai.carbonbench.core.score.Boundary.GPU).build();
    }

    OpenAiChatModel chatModel(String provider, String modelName) {
        return chatModelBuilder(provider, modelName).build();
    }

    OpenAiChatModel chatModel(String provider, String modelName, Duration timeout) {
        return chatModelBuilder(provider, modelName).timeout(timeout).build();
    }

    /** A chat model on {@code provider}'s stub, for a test to add to (e.g. listeners): 5 s timeout, no retries. */
    OpenAiChatModel.OpenAiChatModelBuilder chatModelBuilder(String provider, String modelName) {
        return OpenAiChatModel.builder()
                .baseUrl(baseUrl(provider))
                .apiKey("key-" + provider)
                .modelName(modelName)
                .timeout(Duration.ofSeconds(5))
                .maxRetries(0); // fail-over is the carbon-aware model's job
    }

    OpenAiStreamingChatModel streamingModel(String provider, String modelName) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(baseUrl(provider))
                .apiKey("key-" + provider)
                .modelName(modelName)
                .timeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
