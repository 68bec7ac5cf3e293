package ai.carbonbench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class LangChain4jQuickStartTest {

    @Test
    void the_emulated_quick_start_routes_fails_over_and_prints_receipts_and_the_ledger() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            LangChain4jQuickStart.main(new String[] {"--emulate"});
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(printed).contains("Routing: groq/us/llama-3.3-70b first.")
                .contains("served by together/us/llama-3.3-70b after [groq/us/llama-3.3-70b] failed")
                .contains("g CO2e (")
                .contains("Ledger (3 calls):")
                .contains("provider,groq,2,")
                .contains("provider,together,1,");
    }
}
