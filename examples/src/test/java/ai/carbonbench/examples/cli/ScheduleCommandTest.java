package ai.carbonbench.examples.cli;

import static ai.carbonbench.examples.cli.CliTest.onFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code carbonbench schedule --dry-run} on the CLI tests' fixture catalog at noon. */
final class ScheduleCommandTest {

    @Test
    void a_dry_run_shows_the_plan_the_scheduler_would_make() throws Exception {
        JsonNode n = onFixture("schedule", "--dry-run", "--model", "big-70b", "--duration", "2h", "--deadline",
                "2026-06-02T14:00Z", "--tokens", "1000000", "--json").json();

        assertThat(n.fieldNames()).toIterable().containsExactly("endpoint", "start", "latestStart",
                "meanGramsPerMillionTokens", "provenance", "submissionEndpoint", "submissionGramsPerMillionTokens",
                "gramsPerMillionTokensAvoided", "avoidedFraction", "replans", "tokens");
        assertThat(n.get("endpoint").asText()).isEqualTo("cloud/central-1/big-70b");
        assertThat(n.get("start").asText()).isEqualTo("2026-06-02T11:00:00Z");
        assertThat(n.get("latestStart").asText()).isEqualTo("2026-06-02T12:00:00Z");
        // as `window` finds: (90 + 100) / 2 against (100 + 150) / 2 when starting at noon
        assertThat(n.get("avoidedFraction").asDouble()).isCloseTo(0.24, within(1e-3));

        CliTest.Run text = onFixture("schedule", "--dry-run", "--model", "big-70b", "--duration", "2h", "--deadline",
                "2026-06-02T14:00Z", "--tokens", "1000000");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("Plan: start 2026-06-02T11:00:00Z on cloud/central-1/big-70b")
                .contains("latest start 2026-06-02T12:00:00Z").contains("avoids 24%").contains("For 1000000 tokens");
    }

    @Test
    void without_dry_run_or_with_an_impossible_deadline_it_exits_2() {
        CliTest.Run r = onFixture("schedule", "--model", "big-70b", "--duration", "2h", "--deadline", "2026-06-02T14:00Z");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("only --dry-run");
        assertThat(onFixture("schedule", "--dry-run", "--model", "big-70b", "--duration", "2h", "--deadline",
                "2026-06-01T13:00Z").exitCode()).isEqualTo(2);
    }
}
