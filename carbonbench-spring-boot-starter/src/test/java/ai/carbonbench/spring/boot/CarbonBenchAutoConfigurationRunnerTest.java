package ai.carbonbench.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.micrometer.CarbonMeters;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.springai.CarbonAwareChatModel;
import ai.carbonbench.springai.CarbonObservationFilter;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the auto-configuration creates, and refuses, for a given set of properties. */
final class CarbonBenchAutoConfigurationRunnerTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CarbonBenchAutoConfiguration.class));

    /** A Spring AI chat model bean the application already has; never called here. */
    static final ChatModel EXISTING = new ChatModel() {
        @Override
        public ChatResponse call(Prompt prompt) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void without_properties_there_is_a_carbon_bench_a_ledger_and_meters_but_no_routed_model() {
        runner.run(ctx -> {
            assertThat(ctx).hasSingleBean(CarbonBench.class).hasSingleBean(EmissionsLedger.class)
                    .hasSingleBean(CarbonMeters.class).hasSingleBean(CarbonBenchEndpoint.class)
                    .doesNotHaveBean(CarbonAwareChatModel.class).doesNotHaveBean(CarbonObservationFilter.class);
            assertThat(ctx.getBean(CarbonBenchEndpoint.class).carbonbench()).doesNotContainKey("ranking");
        });
    }

    @Test
    void a_candidate_may_be_an_existing_chat_model_bean() {
        runner.withBean("groqChatModel", ChatModel.class, () -> EXISTING)
                .withPropertyValues("carbonbench.router.candidates[0].provider=groq",
                        "carbonbench.router.candidates[0].region=us",
                        "carbonbench.router.candidates[0].model=llama-3.3-70b",
                        "carbonbench.router.candidates[0].chat-model-bean=groqChatModel",
                        "carbonbench.router.policy=weighted", "carbonbench.router.weights=0.6,0.3,0.1")
                .run(ctx -> {
                    CarbonAwareChatModel model = ctx.getBean(CarbonAwareChatModel.class);
                    assertThat(model.candidates()).extracting(Object::toString).containsExactly("groq/us/llama-3.3-70b");
                    assertThat(model.ledger()).isSameAs(ctx.getBean(EmissionsLedger.class));
                });
    }

    @Test
    void accounting_properties_add_the_observation_filter_on_the_same_ledger() {
        runner.withPropertyValues("carbonbench.accounting.provider=groq", "carbonbench.accounting.region=us")
                .run(ctx -> assertThat(ctx.getBean(CarbonObservationFilter.class).ledger())
                        .isSameAs(ctx.getBean(EmissionsLedger.class)));
    }

    @Test
    void a_wrong_policy_or_an_unknown_offering_stops_the_application_with_a_message() {
        runner.withBean("groqChatModel", ChatModel.class, () -> EXISTING)
                .withPropertyValues("carbonbench.router.candidates[0].provider=groq",
                        "carbonbench.router.candidates[0].region=us",
                        "carbonbench.router.candidates[0].model=llama-3.3-70b",
                        "carbonbench.router.candidates[0].chat-model-bean=groqChatModel",
                        "carbonbench.router.policy=greenest")
                .run(ctx -> assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("carbonbench.router.policy must be lowest-carbon"));
        runner.withPropertyValues("carbonbench.router.candidates[0].provider=groq",
                        "carbonbench.router.candidates[0].region=us", "carbonbench.router.candidates[0].model=llama-3.3-7b",
                        "carbonbench.router.candidates[0].base-url=http://127.0.0.1:9/v1")
                .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("llama-3.3-70b"));
    }
}
