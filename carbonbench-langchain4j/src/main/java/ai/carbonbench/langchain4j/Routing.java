package ai.carbonbench.langchain4j;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.langchain4j.Failures.Failure;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.router.CallRecord;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.FailureClassifier;
import ai.carbonbench.router.HealthPolicy;
import ai.carbonbench.router.RouterListener;
import ai.carbonbench.router.RoutingPolicy;
import ai.carbonbench.router.Usage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the chat model and the streaming chat model share: the candidates in a {@link CarbonRouter}, the
 * LangChain4j failure classifier, and the receipt of each call.
 *
 * @param <M> the LangChain4j model type of the candidates
 */
final class Routing<M> {

    /** A candidate: the offering (canonical ids) and the LangChain4j model that serves it. */
    record Candidate<M>(OfferingKey key, M model) {
    }

    /** What the router's call returns: who answered, and the response. */
    record Answer<M>(Candidate<M> candidate, ChatResponse response) {
    }

    private final CarbonBench carbonBench;
    private final List<Candidate<M>> candidates;
    private final CarbonRouter<Candidate<M>> router;

    Routing(Settings<M> s) {
        Objects.requireNonNull(s.carbonBench, "carbonBench");
        if (s.candidates.isEmpty()) {
            throw new IllegalArgumentException("a carbon-aware model needs at least one candidate");
        }
        this.carbonBench = s.carbonBench;
        List<Candidate<M>> resolved = new ArrayList<>(s.candidates.size());
        for (Candidate<M> c : s.candidates) {
            // validates provider, region and model (aliases allowed), naming close ids when one is unknown
            OfferingKey key = carbonBench.catalog().offering(c.key()).key();
            if (resolved.stream().anyMatch(r -> r.key().equals(key))) {
                throw new IllegalArgumentException("candidate " + key + " is declared twice");
            }
            resolved.add(new Candidate<>(key, c.model()));
        }
        this.candidates = List.copyOf(resolved);
        CarbonRouter.Builder<Candidate<M>> b = CarbonRouter.<Candidate<M>>builder(carbonBench)
                .failureClassifier(s.classifier == null ? Failures.CLASSIFIER : Failures.classifier(s.classifier));
        candidates.forEach(c -> b.endpoint(c.key(), c));
        if (s.policy != null) {
            b.policy(s.policy);
        }
        if (s.ledger != null) {
            b.ledger(s.ledger);
        }
        if (s.health != null) {
            b.health(s.health);
        }
        if (s.clock != null) {
            b.clock(s.clock);
        }
        if (s.refreshInterval != null) {
            b.refreshInterval(s.refreshInterval);
        }
        s.routerListeners.forEach(b::listener);
        this.router = b.build();
    }

    /** The settings both builders collect. Not thread-safe. */
    static final class Settings<M> {
        CarbonBench carbonBench;
        final List<Candidate<M>> candidates = new ArrayList<>();
        RoutingPolicy policy;
        EmissionsLedger ledger;
        HealthPolicy health;
        FailureClassifier classifier;
        Clock clock;
        Duration refreshInterval;
        final List<RouterListener> routerListeners = new ArrayList<>();

        void candidate(String provider, String region, String model, M client) {
            candidate(OfferingKey.of(provider, region, model), client);
        }

        void candidate(OfferingKey key, M client) {
            candidates.add(new Candidate<>(Objects.requireNonNull(key, "key"), Objects.requireNonNull(client, "model")));
        }
    }

    CarbonRouter<Candidate<M>> router() {
        return router;
    }

    List<Candidate<M>> candidates() {
        return candidates;
    }

    /** The models of the candidates, in declared order. */
    <T> List<T> each(Function<? super M, T> f) {
        return candidates.stream().map(c -> f.apply(c.model())).toList();
    }

    /** Token usage from a response, null-safe: missing counts are 0, negative ones too. */
    static Usage usage(ChatResponse response) {
        TokenUsage u = response == null ? null : response.tokenUsage();
        if (u == null) {
            return Usage.NONE;
        }
        return Usage.of(count(u.inputTokenCount()), count(u.outputTokenCount()));
    }

    private static boolean usageReported(ChatResponse response) {
        TokenUsage u = response.tokenUsage();
        return u != null && (u.inputTokenCount() != null || u.outputTokenCount() != null);
    }

    private static long count(Integer n) {
        return n == null || n < 0 ? 0 : n;
    }

    /**
     * The response with a {@link CarbonChatResponseMetadata} carrying the call's receipt; the response as it was
     * when the ledger's record is missing (which a correct router never does).
     */
    ChatResponse withReceipt(ChatResponse response, CallRecord record, List<Failure> failures) {
        // The score that priced the call travels with its record: no second ranking can disagree with the grams.
        Range intensity = record.score().map(Score::intensityGramsPerKwh)
                .orElseGet(() -> carbonBench.scoreAt(record.endpoint(), record.at()).intensityGramsPerKwh());
        // Only retriable failures made the router move on; a candidate's other failures are not fail-overs.
        List<OfferingKey> failedOver = failures.stream().filter(f -> Failures.isRetriable(f.error()))
                .map(Failure::candidate).toList();
        CarbonReceipt receipt = new CarbonReceipt(record.endpoint(), failedOver, record.inputTokens(),
                record.outputTokens(), usageReported(response), record.grams(), intensity,
                record.zone(), record.provenance(), record.at(), record.baseline(), record.baselineGrams());
        return ChatResponse.builder()
                .aiMessage(response.aiMessage())
                .metadata(CarbonChatResponseMetadata.wrap(response.metadata(), receipt))
                .build();
    }
}
