package ai.carbonbench.langchain4j;

import static ai.carbonbench.langchain4j.OpenAiStubs.CB;
import static ai.carbonbench.langchain4j.OpenAiStubs.FIREWORKS;
import static ai.carbonbench.langchain4j.OpenAiStubs.GROQ;
import static ai.carbonbench.langchain4j.OpenAiStubs.FIREWORKS_MODEL;
import static ai.carbonbench.langchain4j.OpenAiStubs.GROQ_MODEL;
import static ai.carbonbench.langchain4j.OpenAiStubs.TOGETHER_MODEL;
import static ai.carbonbench.langchain4j.OpenAiStubs.path;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.score.Range;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.NoEndpointAvailableException;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class CarbonAwareStreamingChatModelTest {

    @RegisterExtension
    static final OpenAiStubs STUBS = new OpenAiStubs();

    final EmissionsLedger ledger = EmissionsLedger.withCallLog(100);

    CarbonAwareStreamingChatModel model(StreamingChatModel fireworks) {
        return CarbonAwareStreamingChatModel.builder()
                .carbonBench(CB)
                .candidate("together", "us", "llama-3.3-70b", STUBS.streamingModel("together", TOGETHER_MODEL))
                .candidate("groq", "us", "llama-3.3-70b", STUBS.streamingModel("groq", GROQ_MODEL))
                .candidate("fireworks", "us", "llama-3.3-70b", fireworks)
                .ledger(ledger)
                .build();
    }

    CarbonAwareStreamingChatModel model() {
        return model(STUBS.streamingModel("fireworks", FIREWORKS_MODEL));
    }

    /** Collects what a stream delivers; the test thread waits on {@link #done}. */
    static final class Recorder implements StreamingChatResponseHandler {
        final List<String> partials = new CopyOnWriteArrayList<>();
        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        @Override
        public void onPartialResponse(String partialResponse) {
            partials.add(partialResponse);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            done.complete(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        ChatResponse response() throws Exception {
            return done.get(10, TimeUnit.SECONDS);
        }

        Throwable error() {
            return done.handle((r, e) -> e).orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    static ChatRequest hello() {
        return ChatRequest.builder().messages(UserMessage.from("Say hello")).build();
    }

    @Test
    void streams_from_the_cleanest_candidate_and_completes_with_a_receipt() throws Exception {
        STUBS.streams("fireworks", FIREWORKS_MODEL, List.of("Hel", "lo"), 1200, 300);
        Recorder handler = new Recorder();

        model().chat(hello(), handler);

        ChatResponse response = handler.response();
        assertThat(handler.partials).containsExactly("Hel", "lo");
        assertThat(response.aiMessage().text()).isEqualTo("Hello");
        STUBS.server.verify(1, postRequestedFor(urlPathEqualTo(path("fireworks")))
                .withHeader("Authorization", equalTo("Bearer key-fireworks"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.model", equalTo(FIREWORKS_MODEL))));
        CarbonReceipt r = CarbonReceipt.of(response).orElseThrow();
        assertThat(r.endpoint()).isEqualTo(FIREWORKS);
        assertThat(r.inputTokens()).isEqualTo(1200);
        assertThat(r.outputTokens()).isEqualTo(300);
        Range expected = CB.score(FIREWORKS).gramsFor(1200, 300);
        assertThat(r.grams().central()).isCloseTo(expected.central(), within(1e-6));
        assertThat(ledger.total().grams().central()).isCloseTo(expected.central(), within(1e-6));
        assertThat(ledger.total().calls()).isEqualTo(1);
    }

    @Test
    void fails_over_when_the_cleanest_fails_before_the_first_token() throws Exception {
        STUBS.fails("fireworks", 429);
        STUBS.streams("groq", GROQ_MODEL, List.of("Hi", " there"), 100, 20);
        Recorder handler = new Recorder();

        model().chat(hello(), handler);

        ChatResponse response = handler.response();
        assertThat(handler.partials).containsExactly("Hi", " there");
        CarbonReceipt r = CarbonReceipt.of(response).orElseThrow();
        assertThat(r.endpoint()).isEqualTo(GROQ);
        assertThat(r.failedOver()).containsExactly(FIREWORKS);
        STUBS.server.verify(0, postRequestedFor(urlPathEqualTo(path("together"))));
    }

    @Test
    void does_not_fail_over_once_a_token_has_reached_the_handler() throws Exception {
        STUBS.streams("groq", GROQ_MODEL, List.of("from groq"), 100, 20);
        try (BrokenStreamServer broken = new BrokenStreamServer(FIREWORKS_MODEL, "Hel")) {
            OpenAiStreamingChatModel fireworks = OpenAiStreamingChatModel.builder().baseUrl(broken.baseUrl())
                    .apiKey("key-fireworks").modelName(FIREWORKS_MODEL).timeout(Duration.ofSeconds(5)).build();
            Recorder handler = new Recorder();

            model(fireworks).chat(hello(), handler);

            Throwable error = handler.error();
            assertThat(handler.partials).containsExactly("Hel");
            assertThat(Failures.CLASSIFIER.isRetriable(error))
                    .as("a broken connection would fail over before a token: %s", error).isTrue();
            assertThat(broken.requests).hasValue(1);
            STUBS.server.verify(0, postRequestedFor(urlPathEqualTo(path("groq"))));
            assertThat(ledger.total().calls()).isZero();
        }
    }

    @Test
    void a_401_goes_to_the_handler_without_failing_over() {
        STUBS.fails("fireworks", 401);
        STUBS.streams("groq", GROQ_MODEL, List.of("from groq"), 100, 20);
        Recorder handler = new Recorder();

        model().chat(hello(), handler);

        assertThat(handler.error()).isInstanceOf(AuthenticationException.class);
        STUBS.server.verify(0, postRequestedFor(urlPathEqualTo(path("groq"))));
    }

    @Test
    void when_every_candidate_fails_before_streaming_the_handler_hears_each_cause() {
        STUBS.fails("fireworks", 429);
        STUBS.fails("groq", 500);
        STUBS.fails("together", 503);
        Recorder handler = new Recorder();

        model().chat(hello(), handler);

        assertThat(handler.error()).isInstanceOf(NoEndpointAvailableException.class)
                .hasMessageContaining("fireworks/us/llama-3.3-70b -> RateLimitException")
                .hasMessageContaining("groq/us/llama-3.3-70b -> InternalServerException")
                .hasMessageContaining("together/us/llama-3.3-70b -> InternalServerException");
        assertThat(handler.partials).isEmpty();
    }

    /** A streaming model that answers from one shared scheduler thread, failing the first {@code failures} calls. */
    static final class ScheduledModel implements StreamingChatModel {
        final java.util.concurrent.ScheduledExecutorService scheduler;
        final java.util.concurrent.atomic.AtomicInteger failuresLeft;

        ScheduledModel(java.util.concurrent.ScheduledExecutorService scheduler, int failures) {
            this.scheduler = scheduler;
            this.failuresLeft = new java.util.concurrent.atomic.AtomicInteger(failures);
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            boolean fail = failuresLeft.getAndDecrement() > 0;
            scheduler.schedule(() -> {
                if (fail) {
                    handler.onError(new dev.langchain4j.exception.RateLimitException("busy"));
                    return;
                }
                handler.onPartialResponse("x");
                handler.onCompleteResponse(ChatResponse.builder()
                        .aiMessage(dev.langchain4j.data.message.AiMessage.from("x"))
                        .tokenUsage(new dev.langchain4j.model.output.TokenUsage(10, 5)).build());
            }, 50, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void two_hundred_concurrent_streams_run_on_a_bounded_number_of_threads() throws Exception {
        java.util.concurrent.ScheduledExecutorService scheduler = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor();
        try {
            ScheduledModel fireworks = new ScheduledModel(scheduler, 0);
            ScheduledModel groq = new ScheduledModel(scheduler, 0);
            CarbonAwareStreamingChatModel model = CarbonAwareStreamingChatModel.builder().carbonBench(CB)
                    .candidate(FIREWORKS, fireworks)
                    .candidate(GROQ, groq)
                    .ledger(ledger)
                    .build();
            // The first-ranked candidate fails its first 3 calls before streaming: those fail over to the other.
            (model.routingDecision().chosen().key().equals(GROQ) ? groq : fireworks).failuresLeft.set(3);
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            int before = threads.getThreadCount();
            List<Recorder> handlers = new java.util.ArrayList<>();
            int peak = before;
            for (int i = 0; i < 200; i++) {
                Recorder h = new Recorder();
                handlers.add(h);
                model.chat(hello(), h);
                peak = Math.max(peak, threads.getThreadCount());
            }
            for (Recorder h : handlers) {
                h.done.get(30, TimeUnit.SECONDS);
                peak = Math.max(peak, threads.getThreadCount());
            }

            // A thread per stream would add ~200; the shared scheduler and the JVM's own threads stay within a few.
            assertThat(peak - before).isLessThanOrEqualTo(4);
            assertThat(handlers).allSatisfy(h -> assertThat(CarbonReceipt.of(h.done.join())).isPresent());
            assertThat(ledger.total().calls()).isEqualTo(200);
            assertThat(ledger.total().inputTokens()).isEqualTo(2000);
            assertThat(handlers.stream().filter(h -> !CarbonReceipt.of(h.done.join()).orElseThrow().failedOver()
                    .isEmpty()).count()).isEqualTo(3);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
