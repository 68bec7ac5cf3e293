package ai.carbonbench.router;

import static ai.carbonbench.router.Fixtures.EU_EAST;
import static ai.carbonbench.router.Fixtures.EU_NORTH;
import static ai.carbonbench.router.Fixtures.MIDNIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.SpeedBasis;
import ai.carbonbench.core.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each routed call's output tokens and duration feed the CarbonBench's observed speeds. */
final class ObservedSpeedTest {

    private final TestClock clock = new TestClock(MIDNIGHT);
    private final CarbonBench cb = Fixtures.carbonBench(clock);
    private final CarbonRouter<String> router = CarbonRouter.<String>builder(cb).clock(clock)
            .endpoint(EU_EAST, "eu-east").endpoint(EU_NORTH, "eu-north").build();

    private void call(long outputTokens, Duration takes) {
        router.call(c -> {
            clock.advance(takes);
            return c;
        }, answer -> Usage.of(10, outputTokens));
    }

    @Test
    void routed_calls_become_the_endpoints_observed_speed() {
        call(300, Duration.ofSeconds(2));
        call(100, Duration.ofSeconds(2));
        assertThat(cb.observedSpeeds().speed(EU_NORTH)).as("below the minimum number of calls").isEmpty();
        call(200, Duration.ofSeconds(2));

        var speed = cb.observedSpeeds().speed(EU_NORTH).orElseThrow();
        assertThat(speed.basis()).isEqualTo(SpeedBasis.OBSERVED);
        assertThat(speed.tokensPerSecond()).isEqualTo(600.0 / 6.0);
        assertThat(cb.score(EU_NORTH).tokensPerSecond().getAsDouble()).isEqualTo(100.0);
        assertThat(cb.observedSpeeds().speed(EU_EAST)).as("never called").isEmpty();
    }
}
