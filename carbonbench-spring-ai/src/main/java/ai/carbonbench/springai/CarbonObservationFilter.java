package ai.carbonbench.springai;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.router.CarbonAttributes;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.ResponseAccounting;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationView;
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
 * request's), matched as by the router's {@link ResponseAccounting} (provider model ids, catalog ids and
 * aliases, then the default model).
 *
 * <p><b>Never twice.</b> The observation of a candidate called by a {@link CarbonAwareChatModel} (a child of its
 * {@value CarbonAwareChatModel#OBSERVATION_NAME} observation) is skipped: the router already recorded that call.
 * Failed calls and responses whose model cannot be resolved are not recorded. Never throws: a failure is logged
 * at WARN and the observation goes on unchanged.
 *
 * <p>Immutable and thread-safe.
 */
public final class CarbonObservationFilter extends ResponseAccounting.Adapter implements ObservationFilter {

    private CarbonObservationFilter(ResponseAccounting accounting) {
        super(accounting);
    }

    /**
     * A builder. Required: the {@link CarbonBench}, the provider and the region. Defaults: no default model, a new
     * aggregates-only {@link EmissionsLedger}. Its {@code build()} throws {@link NullPointerException} when one
     * of the required settings is missing and {@link ai.carbonbench.core.UnknownIdException} when the catalog
     * does not know the provider, the region, or the default model there (naming close ids).
     */
    public static ResponseAccounting.Builder<CarbonObservationFilter> builder() {
        return ResponseAccounting.builder(CarbonObservationFilter::new);
    }

    @Override
    public Observation.Context map(Observation.Context context) {
        if (context instanceof ChatModelObservationContext chat && chat.getError() == null && !underRoutedCall(chat)) {
            Prompt request = chat.getRequest();
            record(chat.getResponse(), response -> modelName(response, request), CarbonAwareChatModel::usage)
                    .ifPresent(receipt -> CarbonAttributes.of(receipt).forEach((name, value) ->
                            chat.addHighCardinalityKeyValue(KeyValue.of(name, String.valueOf(value)))));
        }
        return context;
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
}
