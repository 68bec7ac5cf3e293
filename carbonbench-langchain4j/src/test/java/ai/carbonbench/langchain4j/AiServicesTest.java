package ai.carbonbench.langchain4j;

import static ai.carbonbench.langchain4j.OpenAiStubs.CB;
import static ai.carbonbench.langchain4j.OpenAiStubs.FIREWORKS_MODEL;
import static ai.carbonbench.langchain4j.OpenAiStubs.GROQ_MODEL;
import static ai.carbonbench.langchain4j.OpenAiStubs.TOGETHER_MODEL;
import static ai.carbonbench.langchain4j.OpenAiStubs.path;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.EmissionsLedger;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.TokenStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class AiServicesTest {

    @RegisterExtension
    static final OpenAiStubs STUBS = new OpenAiStubs();

    interface Assistant {
        @SystemMessage("You are terse.")
        String chat(String message);

        Result<String> ask(String message);

        TokenStream stream(String message);
    }

    @Test
    void an_assistant_on_carbon_aware_models_answers_fails_over_and_exposes_receipts() throws Exception {
        STUBS.fails("fireworks", 503);
        STUBS.answers("groq", GROQ_MODEL, "Hi from Groq", 40, 8);
        EmissionsLedger ledger = EmissionsLedger.create();
        CarbonAwareChatModel chatModel = CarbonAwareChatModel.builder().carbonBench(CB)
                .candidate("together", "us", "llama-3.3-70b", STUBS.chatModel("together", TOGETHER_MODEL))
                .candidate("groq", "us", "llama-3.3-70b", STUBS.chatModel("groq", GROQ_MODEL))
                .candidate("fireworks", "us", "llama-3.3-70b", STUBS.chatModel("fireworks", FIREWORKS_MODEL))
                .ledger(ledger)
                .build();
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(chatModel)
                .chatMemory(MessageWindowChatMemory.withMaxMessages(10)).build();

        assertThat(assistant.chat("Hello")).isEqualTo("Hi from Groq");
        STUBS.server.verify(postRequestedFor(urlPathEqualTo(path("groq")))
                .withRequestBody(containing("You are terse.")));

        Result<String> result = assistant.ask("Again");
        CarbonReceipt receipt = CarbonReceipt.of(result.finalResponse()).orElseThrow();
        assertThat(receipt.endpoint()).isEqualTo(OfferingKey.of("groq", "us", "llama-3.3-70b"));
        assertThat(receipt.inputTokens()).isEqualTo(40);
        assertThat(receipt.boundary()).isEqualTo(ai.carbonbench.core.score.Boundary.GPU);
        assertThat(receipt.toString()).contains("gpu boundary");
        assertThat(ledger.total().calls()).isEqualTo(2);
        // the second call carried the first exchange from the chat memory
        STUBS.server.verify(postRequestedFor(urlPathEqualTo(path("groq"))).withRequestBody(containing("Hi from Groq")));
    }

    @Test
    void a_token_stream_on_a_carbon_aware_streaming_model_completes_with_a_receipt() throws Exception {
        STUBS.streams("fireworks", FIREWORKS_MODEL, List.of("Hi", "!"), 30, 2);
        CarbonAwareStreamingChatModel streaming = CarbonAwareStreamingChatModel.builder().carbonBench(CB)
                .candidate("together", "us", "llama-3.3-70b", STUBS.streamingModel("together", TOGETHER_MODEL))
                .candidate("fireworks", "us", "llama-3.3-70b", STUBS.streamingModel("fireworks", FIREWORKS_MODEL))
                .build();
        Assistant assistant = AiServices.builder(Assistant.class).streamingChatModel(streaming).build();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();

        assistant.stream("Hello").onPartialResponse(text::append).onCompleteResponse(done::complete)
                .onError(done::completeExceptionally).start();

        ChatResponse response = done.get(10, TimeUnit.SECONDS);
        assertThat(text).hasToString("Hi!");
        assertThat(CarbonReceipt.of(response).orElseThrow().endpoint().provider()).isEqualTo("fireworks");
        assertThat(streaming.ledger().total().outputTokens()).isEqualTo(2);
    }
}
