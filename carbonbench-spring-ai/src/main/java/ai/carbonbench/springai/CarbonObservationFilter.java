package ai.carbonbench.springai;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.router.CallReceipt;
import ai.carbonbench.router.CallRecord;
import ai.carbonbench.router.CarbonAttributes;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.OfferingResolver;
import ai.carbonbench.router.Usage;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationView;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Accounts the carbon of any Spring AI chat model, without routing: register it on the
 * {@code ObservationRegistry} the chat models use (Spring Boot registers every {@code ObservationFilter} bean),
 * and each completed chat observation ({@code gen_ai.client.operation}) is recorded in the
 * {@link EmissionsLedger} and gets the {@link CarbonAttributes} ({@code gen_ai.carbon.emissions},
 * {@code gen_ai.energy.consumption}, …) as high-cardinality key values, so traces show them.
 *
 * <pre>{@code
 * observationRegistry.observationConfig().observationFilter(CarbonObservationFilter.builder()
 *         .carbonBench(carbonBench).provider("groq").region("us").ledger(ledger).build());
 * }</pre>
 *
 * <p><b>Which offering</b>: the configured provider and region, and the response's model name (else the
 * request's), matched as by the router's {@link OfferingResolver} (provider model ids, catalog ids and
 * aliases, then the default model).
 *
 * <p><b>Never twice.</b> The observation of a candidate called by a {@link CarbonAwareChatModel} (a child of its
 * {@value CarbonAwareChatModel#OBSERVATION_NAME} observation) is skipped: the router already recorded that call.
 * Failed calls and responses whose model cannot be resolved are not recorded. Never throws: a failure is logged
 * at WARN and the observation goes on unchanged.
 *
 * <p>Immutable and thread-safe.
 */
public final class CarbonObservationFilter implements ObservationFilter {

    private static final Logger LOG = LoggerFactory.getLogger(CarbonObservationFilter.class);

    private final CarbonBench carbonBench;
    private final OfferingResolver offerings;
    private final EmissionsLedger ledger;

    private CarbonObservationFilter(Builder b) {
        this.carbonBench = Objects.requireNonNull(b.carbonBench, "carbonBench");
        this.offerings = new OfferingResolver(carbonBench, b.provider, b.region, b.defaultModel);
        this.ledger = b.ledger != null ? b.ledger : EmissionsLedger.create();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Observation.Context map(Observation.Context context) {
        if (context instanceof ChatModelObservationContext chat && !underRoutedCall(chat)) {
            try {
                account(chat);
            } catch (RuntimeException e) {
                LOG.warn("Could not account a chat observation's emissions; ignored", e);
            }
        }
        return context;
    }

    private void account(ChatModelObservationContext chat) {
        ChatResponse response = chat.getResponse();
        if (response == null || chat.getError() != null) {
            return;
        }
        Optional<OfferingKey> key = offerings.resolve(modelName(response, chat.getRequest()));
        if (key.isEmpty()) {
            return;
        }
        Optional<Usage> usage = CarbonAwareChatModel.usage(response);
        Score score = carbonBench.score(key.get());
        CallRecord r = ledger.record(score.at(), score, score, usage.orElse(Usage.NONE));
        CallReceipt receipt = CallReceipt.of(r, score.intensityGramsPerKwh(), List.of(), usage.isPresent());
        for (Map.Entry<String, Object> e : CarbonAttributes.of(receipt).entrySet()) {
            chat.addHighCardinalityKeyValue(KeyValue.of(e.getKey(), String.valueOf(e.getValue())));
        }
    }

    private static String modelName(ChatResponse response, Prompt request) {
        if (response.getMetadata() != null && response.getMetadata().getModel() != null
                && !response.getMetadata().getModel().isBlank()) {
            return response.getMetadata().getModel();
        }
        return request == null || request.getOptions() == null ? null : request.getOptions().getModel();
    }

    private static boolean underRoutedCall(Observation.Context context) {
        ObservationView parent = context.getParentObservation();
        for (int depth = 0; parent != null && depth < 16; depth++) {
            Observation.ContextView view = parent.getContextView();
            if (view instanceof CarbonAwareChatModel.RoutedCall) {
                return true;
            }
            parent = view.getParentObservation();
        }
        return false;
    }

    /** The ledger observations are recorded in. */
    public EmissionsLedger ledger() {
        return ledger;
    }

    @Override
    public String toString() {
        return "CarbonObservationFilter" + offerings.toString().substring("OfferingResolver".length());
    }

    /**
     * Builds a {@link CarbonObservationFilter}. Required: the {@link CarbonBench}, the provider and the region.
     * Defaults: no default model, a new aggregates-only {@link EmissionsLedger}. Not thread-safe.
     */
    public static final class Builder {
        private CarbonBench carbonBench;
        private String provider;
        private String region;
        private String defaultModel;
        private EmissionsLedger ledger;

        private Builder() {
        }

        public Builder carbonBench(CarbonBench carbonBench) {
            this.carbonBench = Objects.requireNonNull(carbonBench, "carbonBench");
            return this;
        }

        /** The catalog provider id of the chat models observed, e.g. {@code groq}. Required. */
        public Builder provider(String provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** The catalog region id, e.g. {@code us}. Required. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The model (id or alias) to account when a response's model name is unknown to the catalog. */
        public Builder defaultModel(String model) {
            this.defaultModel = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The ledger to record in, e.g. the one the application's meters follow; default a new one. */
        public Builder ledger(EmissionsLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws NullPointerException                   when the CarbonBench, provider or region is missing
         * @throws ai.carbonbench.core.UnknownIdException when the catalog does not know them (naming close ids)
         */
        public CarbonObservationFilter build() {
            return new CarbonObservationFilter(this);
        }
    }
}
