package ai.carbonbench.examples;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.langchain4j.CarbonAwareChatModel;
import ai.carbonbench.langchain4j.CarbonReceipt;
import ai.carbonbench.langchain4j.LeanerAnswers;
import ai.carbonbench.router.LeanRule;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

/**
 * Leaner answers when the grid is dirty: candidates wrapped by {@link LeanerAnswers} get a brevity instruction
 * and a 300-token cap whenever their grid is above 300 gCO2e/kWh, and each response's receipt says what was
 * decided. Whether the shorter answer is good enough is the application's judgment; CarbonBench measures the
 * grams. Offline: the two "providers" are stand-ins that answer shorter when asked to be brief.
 */
public final class LeanerAnswersExample {

    private LeanerAnswersExample() {
    }

    public static void main(String[] args) {
        try (CarbonBench cb = CarbonBench.create()) {
            LeanerAnswers lean = LeanerAnswers.builder().aboveGramsPerKwh(300).maxOutputTokens(300).build();
            ChatModel model = CarbonAwareChatModel.builder().carbonBench(cb)
                    .candidate("aws-bedrock", "us-east-1", "gpt-oss-120b",
                            lean.wrap(cb, "aws-bedrock", "us-east-1", "gpt-oss-120b", stub()))
                    .build();
            ChatResponse r = model.chat(ChatRequest.builder()
                    .messages(SystemMessage.from("You are a support bot."), UserMessage.from("How do I reset my password?"))
                    .build());
            System.out.println("Answer: " + r.aiMessage().text());
            CarbonReceipt receipt = CarbonReceipt.of(r).orElseThrow();
            System.out.println("Receipt: " + receipt);
            System.out.println("Leaner-answer decision: " + receipt.leanerAnswer().orElseThrow());
        }
    }

    /** Answers in 600 tokens, or 250 when the system message asks for brevity. */
    private static ChatModel stub() {
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                boolean brief = request.messages().get(0) instanceof SystemMessage s
                        && s.text().contains(LeanRule.DEFAULT_INSTRUCTION);
                return ChatResponse.builder()
                        .aiMessage(AiMessage.from(brief ? "Settings > Security > Reset password."
                                : "Great question! To reset your password, first open Settings, then ..."))
                        .tokenUsage(new TokenUsage(40, brief ? 250 : 600)).build();
            }
        };
    }
}
