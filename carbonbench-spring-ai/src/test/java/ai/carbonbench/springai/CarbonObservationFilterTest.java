package ai.carbonbench.springai;

import static ai.carbonbench.springai.Stubs.FIREWORKS_MODEL;
import static ai.carbonbench.springai.Stubs.GROQ_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.router.CarbonAttributes;
import ai.carbonbench.router.EmissionsLedger;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.Prompt;

final class CarbonObservationFilterTest {

    private final Stubs stubs = new Stubs();
    private final CarbonBench cb = Stubs.carbonBench();
    private final ObservationRegistry registry = ObservationRegistry.create();
    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    private final EmissionsLedger accounted = EmissionsLedger.create();

    CarbonObservationFilterTest() {
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
    }

    @AfterEach
    void stop() {
        stubs.close();
    }

    private void filter(String provider) {
        registry.observationConfig().observationFilter(CarbonObservationFilter.builder().carbonBench(cb)
                .provider(provider).region("us").ledger(accounted).build());
    }

    private String keyValue(Observation.Context c, String key) {
        return c.getHighCardinalityKeyValue(key) == null ? null : c.getHighCardinalityKeyValue(key).getValue();
    }

    @Test
    void any_spring_ai_chat_model_is_accounted_from_its_observation() {
        filter("groq");
        stubs.answers("groq", GROQ_MODEL, "Hello from Groq", 1000, 200);
        ChatModel groq = stubs.chatModel("groq", GROQ_MODEL, registry);

        groq.call(new Prompt("Hello"));

        // the provider's model id resolves to groq/us/llama-3.3-70b: 0.4 Wh on 200 g/kWh = 0.08 g
        assertThat(accounted.total().calls()).isEqualTo(1);
        assertThat(accounted.total().microgramsCentral()).isEqualTo(80_000);
        Observation.Context chat = stopped.stream().filter(ChatModelObservationContext.class::isInstance)
                .findFirst().orElseThrow();
        assertThat(Double.parseDouble(keyValue(chat, CarbonAttributes.EMISSIONS.key()))).isCloseTo(0.08, within(1e-9));
        assertThat(Double.parseDouble(keyValue(chat, CarbonAttributes.ENERGY.key()))).isCloseTo(0.4, within(1e-9));
        assertThat(keyValue(chat, CarbonAttributes.OFFERING.key())).isEqualTo("groq/us/llama-3.3-70b");
        assertThat(keyValue(chat, CarbonAttributes.GRID_PROVENANCE.key())).isEqualTo("default");
    }

    @Test
    void a_routed_call_is_counted_once_by_the_router_and_its_observation_carries_the_receipt() {
        filter("fireworks");
        stubs.answers("fireworks", FIREWORKS_MODEL, "Hello from Fireworks", 1000, 200);
        CarbonAwareChatModel routed = CarbonAwareChatModel.builder().carbonBench(cb).observationRegistry(registry)
                .candidate("groq", "us", "llama-3.3-70b", stubs.chatModel("groq", GROQ_MODEL, registry))
                .candidate("fireworks", "us", "llama-3.3-70b", stubs.chatModel("fireworks", FIREWORKS_MODEL, registry))
                .build();

        routed.call(new Prompt("Hello"));

        assertThat(routed.ledger().total().calls()).isEqualTo(1);
        assertThat(accounted.total().calls()).as("the filter skips the candidate's observation").isZero();
        Observation.Context route = stopped.stream().filter(c -> c.getName().equals(CarbonAwareChatModel.OBSERVATION_NAME))
                .findFirst().orElseThrow();
        // 0.4 Wh on fireworks' 50 g/kWh
        assertThat(Double.parseDouble(keyValue(route, CarbonAttributes.EMISSIONS.key()))).isCloseTo(0.02, within(1e-9));
        assertThat(keyValue(route, CarbonAttributes.OFFERING.key())).isEqualTo("fireworks/us/llama-3.3-70b");
        Observation.Context chat = stopped.stream().filter(ChatModelObservationContext.class::isInstance)
                .findFirst().orElseThrow();
        assertThat(chat.getParentObservation().getContextView()).isSameAs(route);
    }

    @Test
    void a_routed_stream_is_not_counted_twice_either() {
        filter("groq");
        stubs.streams("groq", GROQ_MODEL, List.of("Hi"), 100, 10);
        CarbonAwareChatModel routed = CarbonAwareChatModel.builder().carbonBench(cb).observationRegistry(registry)
                .candidate("groq", "us", "llama-3.3-70b", stubs.chatModel("groq", GROQ_MODEL, registry)).build();

        routed.stream(new Prompt("Hello")).blockLast();

        assertThat(routed.ledger().total().calls()).isEqualTo(1);
        assertThat(routed.ledger().total().inputTokens()).isEqualTo(100);
        assertThat(accounted.total().calls()).isZero();
    }
}
