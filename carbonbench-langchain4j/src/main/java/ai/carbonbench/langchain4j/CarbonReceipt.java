package ai.carbonbench.langchain4j;

import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Boundary;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.router.CallReceipt;
import ai.carbonbench.router.LeanDecision;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one chat call emitted, where it ran and what it saved: the carbon receipt of a response from a
 * {@link CarbonAwareChatModel} or {@link CarbonAwareStreamingChatModel}.
 *
 * <p><b>Where to find it.</b> The receipt travels with the response, in its metadata: every response of a
 * carbon-aware model carries a {@link CarbonChatResponseMetadata}, so it reaches whoever sees the
 * {@link ChatResponse} — the caller, a {@code ChatModelListener}'s {@code onResponse}, a streaming handler's
 * {@code onCompleteResponse}, an AiServices method returning {@code Result<T>} (its {@code finalResponse()}).
 * Read it with {@link #of(ChatResponse)}:
 *
 * <pre>{@code
 * ChatResponse response = model.chat(request);
 * CarbonReceipt.of(response).ifPresent(r -> log.info("{} g CO2e on {}, {} g saved", r.grams().central(),
 *         r.endpoint(), r.savedGrams()));
 * }</pre>
 *
 * <p>The figures are the ones recorded in the model's {@code EmissionsLedger} for this call, to the microgram.
 * Immutable and thread-safe.
 *
 * @param endpoint             the candidate that answered (canonical catalog ids)
 * @param failedOver           the candidates tried before it that failed with a retriable error, in order
 * @param inputTokens          prompt tokens the provider reported (0 when it reported none)
 * @param outputTokens         generated tokens the provider reported (0 when it reported none)
 * @param tokenUsageReported   whether the response carried token usage at all; when false, the grams are 0
 *                             because the tokens are unknown, not because the call was free
 * @param grams                grams of CO2e, central estimate with its low–high range
 * @param intensityGramsPerKwh grid intensity used, gCO2e/kWh, with its range
 * @param zone                 the grid zone of the endpoint's region
 * @param provenance           where the intensity came from ({@code DEFAULT} for the embedded data, {@code LIVE}, …)
 * @param at                   when the call completed
 * @param baseline             the first candidate declared: what the application would have called without
 *                             CarbonBench
 * @param baselineGrams        central grams the same tokens would have emitted on the baseline
 * @param boundary             what the grams count: accelerator only, the whole server (default), or with
 *                             embodied hardware emissions
 * @param leanerAnswer         what {@link LeanerAnswers} decided for the call, when the answering candidate was
 *                             wrapped by it
 * @param reasoningTokens      of the output tokens, those the provider reports as reasoning; empty when it reports
 *                             none. Reasoning tokens are generated tokens and are scored as output tokens.
 * @param cachedInputTokens    of the input tokens, those the provider reports as served from its prompt cache; empty
 *                             when it reports none. They are scored as ordinary input tokens (an upper bound).
 */
public record CarbonReceipt(OfferingKey endpoint, List<OfferingKey> failedOver, long inputTokens, long outputTokens,
        boolean tokenUsageReported, Range grams, Range intensityGramsPerKwh, String zone, Provenance provenance,
        Instant at, OfferingKey baseline, double baselineGrams, Boundary boundary, Optional<LeanDecision> leanerAnswer,
        OptionalLong reasoningTokens, OptionalLong cachedInputTokens) {

    /** A receipt without a leaner-answers decision or token details. */
    public CarbonReceipt(OfferingKey endpoint, List<OfferingKey> failedOver, long inputTokens, long outputTokens,
            boolean tokenUsageReported, Range grams, Range intensityGramsPerKwh, String zone, Provenance provenance,
            Instant at, OfferingKey baseline, double baselineGrams, Boundary boundary) {
        this(endpoint, failedOver, inputTokens, outputTokens, tokenUsageReported, grams, intensityGramsPerKwh, zone,
                provenance, at, baseline, baselineGrams, boundary, Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty());
    }

    public CarbonReceipt {
        Objects.requireNonNull(leanerAnswer, "leanerAnswer");
        // one validation, the router's: the same rules and messages for every adapter's receipt
        failedOver = new CallReceipt(endpoint, failedOver, inputTokens, outputTokens, tokenUsageReported, grams,
                intensityGramsPerKwh, zone, provenance, at, baseline, baselineGrams, boundary).failedOver();
        Objects.requireNonNull(reasoningTokens, "reasoningTokens");
        Objects.requireNonNull(cachedInputTokens, "cachedInputTokens");
    }

    /** The router's receipt with a {@link LeanerAnswers} decision and the token details the provider reported. */
    static CarbonReceipt from(CallReceipt r, Optional<LeanDecision> leanerAnswer, OptionalLong reasoningTokens,
            OptionalLong cachedInputTokens) {
        return new CarbonReceipt(r.endpoint(), r.failedOver(), r.inputTokens(), r.outputTokens(),
                r.tokenUsageReported(), r.grams(), r.intensityGramsPerKwh(), r.zone(), r.provenance(), r.at(),
                r.baseline(), r.baselineGrams(), r.boundary(), leanerAnswer, reasoningTokens, cachedInputTokens);
    }

    /** The router's form of this receipt, as the Spring AI adapter and the meter and span listeners take it. */
    public CallReceipt toCallReceipt() {
        return new CallReceipt(endpoint, failedOver, inputTokens, outputTokens, tokenUsageReported, grams,
                intensityGramsPerKwh, zone, provenance, at, baseline, baselineGrams, boundary);
    }

    /** The receipt a carbon-aware model attached to this response; empty for any other response. */
    public static Optional<CarbonReceipt> of(ChatResponse response) {
        Objects.requireNonNull(response, "response");
        return response.metadata() instanceof CarbonChatResponseMetadata m ? Optional.of(m.receipt())
                : Optional.empty();
    }

    /** Central grams saved against the baseline; negative when the call emitted more than the baseline would have. */
    public double savedGrams() {
        return toCallReceipt().savedGrams();
    }

    /** {@link #savedGrams()} as a fraction of the baseline's grams; 0 when the baseline emits nothing. */
    public double savedFraction() {
        return toCallReceipt().savedFraction();
    }

    /** A one-line summary, e.g. {@code 0.000123 g CO2e (0.0000615–0.000246) on fireworks/us/llama-3.3-70b …}. */
    @Override
    public String toString() {
        return toCallReceipt().toString()
                + leanerAnswer.filter(LeanDecision::applied).map(d -> "; leaner answer (" + d + ")").orElse("")
                + (reasoningTokens.isPresent() ? "; " + reasoningTokens.getAsLong() + " of the output tokens reasoning" : "")
                + (cachedInputTokens.isPresent() ? "; " + cachedInputTokens.getAsLong() + " of the input tokens cached" : "");
    }
}
