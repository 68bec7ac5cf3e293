package ai.carbonbench.router;

import static ai.carbonbench.router.Fixtures.EU_EAST;
import static ai.carbonbench.router.Fixtures.EU_NORTH;
import static ai.carbonbench.router.Fixtures.MIDNIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.testing.TestClock;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The circuit breaker: failure rate, slow calls, ignored exceptions. eu-north ranks first (16 g), eu-east second. */
final class HealthTest {

    private final TestClock clock = new TestClock(MIDNIGHT);
    private final CarbonBench cb = Fixtures.carbonBench(clock);
    private final List<String> events = new ArrayList<>();
    private int northCalls;

    private CarbonRouter<String> router(HealthPolicy health) {
        return CarbonRouter.<String>builder(cb).health(health)
                .endpoint(EU_EAST, "eu-east").endpoint(EU_NORTH, "eu-north")
                .listener(new RouterListener() {
                    @Override
                    public void onCooldown(OfferingKey endpoint, Duration cooldown, Instant until, int failures) {
                        events.add("cooldown " + endpoint.region() + " " + cooldown.toSeconds() + "s after " + failures);
                    }
                })
                .build();
    }

    @Test
    void an_endpoint_failing_half_its_calls_cools_down() {
        CarbonRouter<String> r = router(HealthPolicy.DEFAULT); // window 20, at least 5 calls, 50 %
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            served.add(r.call(c -> {
                if (c.equals("eu-north") && northCalls++ % 2 == 0) {
                    throw new IOException("flaky"); // calls 1, 3, 5 fail: never 3 in a row
                }
                return c;
            }));
        }
        assertThat(northCalls).isEqualTo(5);
        assertThat(served).containsExactly("eu-east", "eu-north", "eu-east", "eu-north", "eu-east");
        assertThat(events).containsExactly("cooldown eu-north 5s after 3");
        RoutingDecision d = r.select();
        assertThat(d.chosen().key()).isEqualTo(EU_EAST);
        assertThat(d.reason()).contains("alpha/eu-north/test-model (cooling down until");
    }

    @Test
    void a_slow_call_ranks_the_endpoint_down_at_once_and_a_fast_one_brings_it_back() {
        CarbonRouter<String> r = router(HealthPolicy.DEFAULT); // slow at 10 s; ranked down for 5 s
        String first = r.call(c -> {
            if (c.equals("eu-north")) {
                clock.advance(Duration.ofSeconds(12)); // hangs past the slow-call threshold, then answers
            }
            return c;
        });
        assertThat(first).isEqualTo("eu-north");
        RoutingDecision d = r.select();
        assertThat(d.chosen().key()).isEqualTo(EU_EAST);
        assertThat(d.fallbacks()).extracting(RoutingDecision.Option::key).containsExactly(EU_NORTH);
        assertThat(d.reason()).contains("Ranked down after a slow call: alpha/eu-north/test-model");
        assertThat(events).isEmpty(); // one slow call ranks down; it does not open the circuit

        clock.advance(Duration.ofSeconds(5)); // the ranked-down period ends: north is tried again, and is fast
        assertThat(r.select().chosen().key()).isEqualTo(EU_NORTH);
        String again = r.call(c -> c);
        assertThat(again).isEqualTo("eu-north");
        assertThat(r.select().chosen().key()).isEqualTo(EU_NORTH);
    }

    @Test
    void a_hung_endpoint_costs_one_timeout_not_three() {
        CarbonRouter<String> r = router(HealthPolicy.DEFAULT);
        for (int i = 0; i < 3; i++) {
            r.call(c -> {
                if (c.equals("eu-north")) {
                    northCalls++;
                    clock.advance(Duration.ofSeconds(30));
                    throw new HttpTimeoutException("request timed out");
                }
                return c;
            });
        }
        assertThat(northCalls).isEqualTo(1); // ranked down after the first timeout; later calls go to eu-east
    }

    @Test
    void a_high_slow_call_rate_opens_the_endpoint() {
        CarbonRouter<String> r = router(HealthPolicy.DEFAULT.withSlidingWindow(4, 2)
                .withWaitDurationInOpenState(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofSeconds(6)); // past any ranked-down period: north ranks first again
            r.call(c -> {
                if (c.equals("eu-north")) {
                    clock.advance(Duration.ofSeconds(11));
                }
                return c;
            });
        }
        assertThat(events).containsExactly("cooldown eu-north 5s after 0");
    }

    @Test
    void unknown_runtime_exceptions_are_rethrown_and_do_not_count_against_the_endpoint() {
        CarbonRouter<String> r = router(HealthPolicy.DEFAULT.withSlidingWindow(5, 1));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> r.call(c -> {
                northCalls++;
                throw new IllegalStateException("bug in the caller's function");
            })).isInstanceOf(IllegalStateException.class);
        }
        assertThat(northCalls).isEqualTo(10); // never failed over: another endpoint would hit the same bug
        assertThat(events).isEmpty();
        assertThat(r.select().chosen().key()).isEqualTo(EU_NORTH);
    }

    @Test
    void policy_settings_are_validated_with_the_field_name() {
        assertThatThrownBy(() -> HealthPolicy.DEFAULT.withFailureRateThreshold(0))
                .hasMessageContaining("failureRateThreshold");
        assertThatThrownBy(() -> HealthPolicy.DEFAULT.withSlidingWindow(5, 6))
                .hasMessageContaining("minimumNumberOfCalls");
        assertThat(HealthPolicy.DEFAULT.waitDuration(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(HealthPolicy.DEFAULT.waitDuration(100)).isEqualTo(Duration.ofMinutes(5));
    }
}
