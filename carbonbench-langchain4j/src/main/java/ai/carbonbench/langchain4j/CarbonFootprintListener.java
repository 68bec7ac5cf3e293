package ai.carbonbench.langchain4j;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.ResponseAccounting;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.jspecify.annotations.Nullable;

/**
 * A LangChain4j {@link ChatModelListener} that accounts the emissions of any existing chat model, without
 * routing: attach it to the model you already have and every response's tokens land in an
 * {@link EmissionsLedger} as grams of CO2e.
 *
 * <pre>{@code
 * EmissionsLedger ledger = EmissionsLedger.create();
 * ChatModel model = OpenAiChatModel.builder()
 *         .baseUrl("https://api.groq.com/openai/v1").apiKey(key).modelName("llama-3.3-70b-versatile")
 *         .listeners(List.of(CarbonFootprintListener.builder()
 *                 .carbonBench(carbonBench).provider("groq").region("us").ledger(ledger).build()))
 *         .build();
 * }</pre>
 *
 * <p><b>Which offering.</b> The provider and region are configured; the model comes from each response's
 * {@code modelName()} (else the request's), matched first against the provider's model ids in that region
 * ({@code llama-3.3-70b-versatile} at Groq), then against the catalog's ids and aliases
 * ({@code meta-llama/Llama-3.3-70B-Instruct}, {@code gpt-4o-2024-08-06}); when neither matches, the
 * {@linkplain ResponseAccounting.Builder#defaultModel(String) default model} if one is configured. Resolutions
 * are cached per name.
 *
 * <p><b>What is recorded.</b> Input and output tokens from {@code tokenUsage()} (missing counts as 0) at the
 * offering's current intensity; the baseline is the offering itself, so the ledger's savings are zero. A
 * streaming model's listeners are called on completion, so streams are recorded too. Failed calls
 * ({@code onError}) are not recorded.
 *
 * <p><b>Never throws into LangChain4j.</b> A response whose model cannot be resolved is skipped, with one
 * warning per model name (SLF4J); any other failure is logged at WARN and swallowed.
 *
 * <p>Immutable and thread-safe; one listener may serve many models of the same provider and region.
 */
public final class CarbonFootprintListener extends ResponseAccounting.Adapter implements ChatModelListener {

    private CarbonFootprintListener(ResponseAccounting accounting) {
        super(accounting);
    }

    /**
     * A builder. Required: the {@link CarbonBench}, the provider and the region. Defaults: no default model, a new
     * aggregates-only {@link EmissionsLedger}. Its {@code build()} throws {@link NullPointerException} when one
     * of the required settings is missing and {@link ai.carbonbench.core.UnknownIdException} when the catalog
     * does not know the provider, the region, or the default model there (naming close ids).
     */
    public static ResponseAccounting.Builder<CarbonFootprintListener> builder() {
        return ResponseAccounting.builder(CarbonFootprintListener::new);
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        ChatRequest request = context.chatRequest();
        record(context.chatResponse(), response -> modelName(response, request), Routing::reported);
    }

    /** The response's model name, else the request's. */
    private static @Nullable String modelName(ChatResponse response, @Nullable ChatRequest request) {
        String name = response.modelName();
        if (name == null || name.isBlank()) {
            name = request == null ? null : request.modelName();
        }
        return name;
    }
}
