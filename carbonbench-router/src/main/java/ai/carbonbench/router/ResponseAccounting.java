package ai.carbonbench.router;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Score;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts calls to one provider and region from what a framework reports of each response (its model name,
 * its token usage), without routing: what LangChain4j's {@code CarbonFootprintListener} and Spring AI's
 * {@code CarbonObservationFilter} share, so that each only reads its framework's response. Each is built by a
 * {@link #builder(Function) Builder} of these settings and extends {@link Adapter}.
 *
 * <p>The model name is resolved by an {@code OfferingResolver} (provider model ids, catalog ids and aliases,
 * then the default model); the call is scored at the offering's current intensity and recorded in the
 * {@link EmissionsLedger} with the offering itself as baseline, so the ledger's savings are zero.
 *
 * <p>Immutable and thread-safe.
 */
public final class ResponseAccounting {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseAccounting.class);

    private final CarbonBench carbonBench;
    private final OfferingResolver offerings;
    private final EmissionsLedger ledger;

    /**
     * A builder whose {@code build()} hands the accounting to {@code adapter}: how an adapter offers these
     * settings as its own builder, e.g. {@code ResponseAccounting.builder(CarbonFootprintListener::new)}.
     */
    public static <T> Builder<T> builder(Function<? super ResponseAccounting, ? extends T> adapter) {
        return new Builder<>(Objects.requireNonNull(adapter, "adapter"));
    }

    private ResponseAccounting(Builder<?> b) {
        this.carbonBench = Objects.requireNonNull(b.carbonBench, "carbonBench");
        this.offerings = new OfferingResolver(carbonBench, b.provider, b.region, b.defaultModel);
        this.ledger = b.ledger != null ? b.ledger : EmissionsLedger.create();
    }

    /**
     * Records one call in the ledger.
     *
     * @param modelName the model name the response (else the request) reported; null or blank: the default
     *                  model
     * @param usage     the tokens the response reported; empty counts as none
     * @return the call's receipt, or empty when the model cannot be resolved (nothing is recorded then)
     */
    Optional<CallReceipt> record(@Nullable String modelName, Optional<Usage> usage) {
        Optional<OfferingKey> key = offerings.resolve(modelName);
        if (key.isEmpty()) {
            if (modelName == null || modelName.isBlank()) {
                LOG.debug("A response without a model name and no default model; not accounted");
            }
            return Optional.empty();
        }
        Score score = carbonBench.score(key.get());
        CallRecord r = ledger.record(score.at(), score, score, usage.orElse(Usage.NONE));
        LOG.debug("Accounted {} g CO2e on {}", r.grams().central(), r.endpoint());
        return Optional.of(CallReceipt.of(r, score.intensityGramsPerKwh(), List.of(), usage.isPresent()));
    }

    /** The ledger calls are recorded in. */
    EmissionsLedger ledger() {
        return ledger;
    }

    /** {@code [provider/region]}, with the default model when one is configured. */
    @Override
    public String toString() {
        return offerings.toString();
    }

    /**
     * The base of a framework's accounting hook (LangChain4j's {@code CarbonFootprintListener}, Spring AI's
     * {@code CarbonObservationFilter}): it records what the framework reports through the accounting its builder
     * made, never throwing into the framework, and exposes the ledger. Immutable and thread-safe.
     */
    public abstract static class Adapter {
        private final ResponseAccounting accounting;

        protected Adapter(ResponseAccounting accounting) {
            this.accounting = Objects.requireNonNull(accounting, "accounting");
        }

        /**
         * Records the call the framework reported as {@code response}, reading its model name (null or blank:
         * the default model) and its token usage with the adapter's functions. Never throws into the framework:
         * a failure, in reading the response too, is logged at WARN (on the adapter's logger) and nothing is
         * recorded.
         *
         * @return the call's receipt; empty when {@code response} is null, its model cannot be resolved or the
         *         recording failed
         */
        protected final <R> Optional<CallReceipt> record(@Nullable R response,
                Function<? super R, @Nullable String> modelName, Function<? super R, Optional<Usage>> usage) {
            if (response == null) {
                return Optional.empty();
            }
            try {
                return accounting.record(modelName.apply(response), usage.apply(response));
            } catch (RuntimeException e) {
                // on the adapter's own logger, as before the adapters shared this guard
                LoggerFactory.getLogger(getClass()).warn("{} could not account a response's emissions; ignored",
                        this, e);
                return Optional.empty();
            }
        }

        /** The ledger calls are recorded in. */
        public EmissionsLedger ledger() {
            return accounting.ledger();
        }

        /** The adapter's name and {@code [provider/region]}, with the default model when one is configured. */
        @Override
        public String toString() {
            return getClass().getSimpleName() + accounting;
        }
    }

    /**
     * The settings of a {@link ResponseAccounting}, built into what the builder was made for
     * ({@link #builder(Function)}). Required: the {@link CarbonBench}, the provider and the region. Defaults: no
     * default model, a new aggregates-only {@link EmissionsLedger}. Not thread-safe.
     *
     * @param <T> what {@link #build()} returns
     */
    public static final class Builder<T> {
        private final Function<? super ResponseAccounting, ? extends T> adapter;
        private @Nullable CarbonBench carbonBench;
        private @Nullable String provider;
        private @Nullable String region;
        private @Nullable String defaultModel;
        private @Nullable EmissionsLedger ledger;

        private Builder(Function<? super ResponseAccounting, ? extends T> adapter) {
            this.adapter = adapter;
        }

        /** The CarbonBench that scores the calls (its catalog, grid source and clock). Required. */
        public Builder<T> carbonBench(CarbonBench carbonBench) {
            this.carbonBench = Objects.requireNonNull(carbonBench, "carbonBench");
            return this;
        }

        /** The catalog provider id of the models whose calls are accounted, e.g. {@code groq}. Required. */
        public Builder<T> provider(String provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** The catalog region id, e.g. {@code us-east-1} or {@code us}. Required. */
        public Builder<T> region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The model (id or alias) to account when a response's model name is unknown to the catalog. */
        public Builder<T> defaultModel(String model) {
            this.defaultModel = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * The ledger to record in, e.g. one shared with carbon-aware models or followed by the application's
         * meters; default a new one.
         */
        public Builder<T> ledger(EmissionsLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /**
         * Validates the settings and builds.
         *
         * @throws NullPointerException                   when the CarbonBench, provider or region is missing
         * @throws ai.carbonbench.core.UnknownIdException when the catalog does not know the provider, the region,
         *                                                or the default model there (naming close ids)
         */
        public T build() {
            return adapter.apply(new ResponseAccounting(this));
        }
    }
}
