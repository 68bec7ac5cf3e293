package ai.carbonbench.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.catalog.OfferingKey;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

final class LeanRuleTest {

    static final OfferingKey KEY = OfferingKey.of("groq", "us", "llama-3.3-70b");

    @Test
    void at_or_below_the_threshold_nothing_changes() {
        LeanRule rule = LeanRule.builder().aboveGramsPerKwh(300).maxOutputTokens(400).build();

        LeanDecision at = rule.decide(KEY, 300, 1000);

        assertThat(at).isEqualTo(new LeanDecision(KEY, 300, 300, false, OptionalInt.empty()));
        assertThat(at.applied()).isFalse();
        assertThat(rule.decide(KEY, 120, null).applied()).isFalse();
    }

    @Test
    void above_the_threshold_the_instruction_is_added_and_tokens_capped_keeping_a_lower_request() {
        LeanRule rule = LeanRule.builder().aboveGramsPerKwh(300).maxOutputTokens(400).build();

        assertThat(rule.decide(KEY, 301, null)).isEqualTo(new LeanDecision(KEY, 301, 300, true, OptionalInt.of(400)));
        assertThat(rule.decide(KEY, 500, 1000).maxOutputTokens()).isEqualTo(OptionalInt.of(400));
        assertThat(rule.decide(KEY, 500, 150).maxOutputTokens()).isEqualTo(OptionalInt.of(150));
    }

    @Test
    void an_empty_instruction_only_caps_and_no_cap_only_instructs() {
        LeanDecision capOnly = LeanRule.builder().aboveGramsPerKwh(0).instruction("").maxOutputTokens(50).build()
                .decide(KEY, 10, null);
        assertThat(capOnly.instructionAdded()).isFalse();
        assertThat(capOnly.maxOutputTokens()).isEqualTo(OptionalInt.of(50));

        LeanRule instructOnly = LeanRule.builder().aboveGramsPerKwh(0).instruction("Be brief.").build();
        LeanDecision d = instructOnly.decide(KEY, 10, 999);
        assertThat(d.instructionAdded()).isTrue();
        assertThat(d.maxOutputTokens()).isEmpty();
        assertThat(instructOnly.withInstruction("You help.")).isEqualTo("You help.\n\nBe brief.");
        assertThat(instructOnly.withInstruction(null)).isEqualTo("Be brief.");
    }

    @Test
    void the_builder_rejects_rules_that_change_nothing_or_bad_values() {
        assertThatThrownBy(() -> LeanRule.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LeanRule.builder().aboveGramsPerKwh(1).instruction("  ").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LeanRule.builder().aboveGramsPerKwh(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeanRule.builder().maxOutputTokens(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
