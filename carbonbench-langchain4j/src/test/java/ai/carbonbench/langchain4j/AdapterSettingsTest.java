package ai.carbonbench.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.testing.TestClock;
import ai.carbonbench.router.HealthPolicy;
import ai.carbonbench.router.NoEndpointAvailableException;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The LangChain4j builders pass the router's settings on; receipts read the score that priced the call. */
final class AdapterSettingsTest {

    static final Instant NOON = Instant.parse("2026-06-01T12:00:00Z");

    /** A chat model that runs {@code during} and answers 1000 input / 100 output tokens. */
    static ChatModel model(Runnable during) {
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                during.run();
                return ChatResponse.builder().aiMessage(AiMessage.from("ok")).tokenUsage(new TokenUsage(1000, 100))
                        .build();
            }
        };
    }

    static ChatModel failing(Supplier<RuntimeException> failure) {
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                throw failure.get();
            }
        };
    }

    static ChatRequest hello() {
        return ChatRequest.builder().messages(UserMessage.from("hi")).build();
    }

    @Test
    void the_router_uses_the_carbonbench_clock_unless_the_builder_gives_another() {
        CarbonBench cb = CarbonBench.builder().clock(Clock.fixed(NOON, ZoneOffset.UTC)).build();
        OfferingKey key = cb.catalog().offeringsOf("llama-3.1-70b").get(0).key();
        CarbonAwareChatModel byDefault = CarbonAwareChatModel.builder().carbonBench(cb).candidate(key, model(() -> {
        })).build();
        assertThat(byDefault.routingDecision().at()).isEqualTo(NOON);

        Instant later = NOON.plus(Duration.ofHours(5));
        CarbonAwareStreamingChatModel given = CarbonAwareStreamingChatModel.builder().carbonBench(cb)
                .candidate(key, new dev.langchain4j.model.chat.StreamingChatModel() {
                    @Override
                    public void doChat(ChatRequest request,
                            dev.langchain4j.model.chat.response.StreamingChatResponseHandler handler) {
                        handler.onError(new IllegalStateException("not called"));
                    }
                })
                .clock(Clock.fixed(later, ZoneOffset.UTC)).refreshInterval(Duration.ofMinutes(5)).build();
        assertThat(given.routingDecision().at()).isEqualTo(later);
    }

    @Test
    void health_settings_reach_the_router() {
        CarbonBench cb = CarbonBench.builder().clock(Clock.fixed(NOON, ZoneOffset.UTC)).build();
        List<Offering> two = cb.catalog().offeringsOf("llama-3.1-70b").subList(0, 2);
        CarbonAwareChatModel m = CarbonAwareChatModel.builder().carbonBench(cb)
                .candidate(two.get(0).key(), failing(() -> new RateLimitException("busy")))
                .candidate(two.get(1).key(), failing(() -> new RateLimitException("busy")))
                .health(HealthPolicy.DEFAULT.withSlidingWindow(1, 1))
                .listeners(List.of(new ChatModelListener() {
                }))
                .build();
        assertThat(m.listeners()).hasSize(1);
        assertThatThrownBy(() -> m.chat(hello())).isInstanceOf(NoEndpointAvailableException.class);
        // One failure each opens both with a window of one call: the next call finds none usable.
        assertThatThrownBy(() -> m.chat(hello())).isInstanceOf(NoEndpointAvailableException.class)
                .hasMessageContaining("cooling down");
    }

    @Test
    void a_custom_classifier_replaces_langchain4js_taxonomy() {
        CarbonBench cb = CarbonBench.builder().clock(Clock.fixed(NOON, ZoneOffset.UTC)).build();
        List<Offering> two = cb.catalog().offeringsOf("llama-3.1-70b").subList(0, 2);
        ChatModel ok = model(() -> {
        });
        CarbonAwareChatModel m = CarbonAwareChatModel.builder().carbonBench(cb)
                .candidate(two.get(0).key(), failing(() -> new IllegalStateException("odd")))
                .candidate(two.get(1).key(), ok)
                .failureClassifier(t -> t instanceof IllegalStateException)
                .build();
        // Whichever ranks first: with IllegalStateException retriable, the call always ends on the good one.
        ChatResponse r = m.chat(hello());
        assertThat(CarbonReceipt.of(r).orElseThrow().endpoint()).isEqualTo(two.get(1).key());
    }

    @Test
    void every_candidate_failing_keeps_the_routers_exception_as_the_cause() {
        CarbonBench cb = CarbonBench.builder().clock(Clock.fixed(NOON, ZoneOffset.UTC)).build();
        OfferingKey key = cb.catalog().offeringsOf("llama-3.1-70b").get(0).key();
        CarbonAwareChatModel m = CarbonAwareChatModel.builder().carbonBench(cb)
                .candidate(key, failing(() -> new RateLimitException("busy"))).build();
        assertThatThrownBy(() -> m.chat(hello())).isInstanceOf(NoEndpointAvailableException.class)
                .hasMessageContaining("busy")
                .satisfies(e -> {
                    assertThat(e.getCause()).isInstanceOf(NoEndpointAvailableException.class);
                    assertThat(e.getSuppressed()).hasSize(1);
                });
    }

    @Test
    void the_receipt_reads_the_score_that_priced_the_call_not_a_later_ranking() {
        TestClock clock = new TestClock(NOON.minus(Duration.ofMinutes(30)));
        CarbonBench cb = CarbonBench.builder().clock(clock).build();
        // An offering whose grid intensity differs between 11:00 and 12:00 UTC.
        Offering o = cb.catalog().offerings().stream()
                .filter(x -> cb.scoreAt(x.key(), NOON.minusSeconds(60)).intensityGramsPerKwh().central()
                        != cb.scoreAt(x.key(), NOON.plusSeconds(60)).intensityGramsPerKwh().central())
                .findFirst().orElseThrow();
        Score before = cb.scoreAt(o.key(), NOON.minusSeconds(60));
        Score after = cb.scoreAt(o.key(), NOON.plusSeconds(60));
        CarbonAwareChatModel m = CarbonAwareChatModel.builder().carbonBench(cb)
                .candidate(o.key(), model(() -> clock.advance(Duration.ofHours(1)))) // the call crosses 12:00
                .build();

        ChatResponse r = m.chat(hello());

        CarbonReceipt receipt = CarbonReceipt.of(r).orElseThrow();
        assertThat(receipt.intensityGramsPerKwh()).isEqualTo(before.intensityGramsPerKwh());
        assertThat(receipt.intensityGramsPerKwh()).isNotEqualTo(after.intensityGramsPerKwh());
        // The grams are those of the same score: 1000 input and 100 output tokens, computed here.
        double expected = before.gramsPerMillionInput().central() * 1000 / 1e6
                + before.gramsPerMillionOutput().central() * 100 / 1e6;
        assertThat(receipt.grams().central()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-6));
    }
}
