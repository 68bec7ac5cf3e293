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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

final class CooldownTest {

    private final TestClock clock = new TestClock(MIDNIGHT);
    private final CarbonBench cb = Fixtures.carbonBench(clock);
    private final List<String> events = new ArrayList<>();
    private final AtomicBoolean northDown = new AtomicBoolean(true);
    private int northCalls;

    /** eu-north ranks first (16 g/Mtok), eu-east second (200); 3 failures -> 5 s, 10 s, 20 s, capped at 20 s. */
    private final CarbonRouter<String> router = CarbonRouter.<String>builder(cb).clock(clock)
            .cooldown(new CooldownPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(20)))
            .endpoint(EU_EAST, "eu-east").endpoint(EU_NORTH, "eu-north")
            .listener(new RouterListener() {
                @Override
                public void onCooldown(OfferingKey endpoint, Duration cooldown, Instant until, int failures) {
                    events.add("cooldown " + endpoint.region() + " " + cooldown.toSeconds() + "s after " + failures);
                }

                @Override
                public void onRecovery(OfferingKey endpoint) {
                    events.add("recovered " + endpoint.region());
                }
            })
            .build();

    private String call() {
        return router.call(c -> {
            if (c.equals("eu-north")) {
                northCalls++;
                if (northDown.get()) {
                    throw new IOException("eu-north down");
                }
            }
            return c;
        });
    }

    @Test
    void an_endpoint_cools_down_after_consecutive_failures_and_is_skipped_meanwhile() {
        assertThat(call()).isEqualTo("eu-east");
        assertThat(call()).isEqualTo("eu-east");
        assertThat(events).isEmpty();
        assertThat(call()).isEqualTo("eu-east");
        assertThat(events).containsExactly("cooldown eu-north 5s after 3");
        assertThat(northCalls).isEqualTo(3);

        RoutingDecision d = router.select();
        assertThat(d.chosen().key()).isEqualTo(EU_EAST);
        assertThat(d.fallbacks()).isEmpty();
        assertThat(d.reason()).contains("alpha/eu-north/test-model (cooling down until 1970-01-01T00:00:05Z)".replace(
                "1970-01-01T00:00:05Z", MIDNIGHT.plusSeconds(5).toString()));

        clock.advance(Duration.ofSeconds(4));
        call();
        assertThat(northCalls).isEqualTo(3); // not tried while cooling down
    }

    @Test
    void one_probe_after_the_cooldown_brings_a_recovered_endpoint_back() {
        call();
        call();
        call();
        northDown.set(false);
        clock.advance(Duration.ofSeconds(5));

        assertThat(router.select().chosen().key()).isEqualTo(EU_NORTH); // eligible for a probe again
        assertThat(call()).isEqualTo("eu-north");
        assertThat(events).containsExactly("cooldown eu-north 5s after 3", "recovered eu-north");
        assertThat(call()).isEqualTo("eu-north");
    }

    @Test
    void a_failed_probe_doubles_the_cooldown_up_to_the_cap() {
        call();
        call();
        call(); // 5 s
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(30));
            assertThat(call()).isEqualTo("eu-east"); // probe fails: 10 s, 20 s, 20 s
        }
        assertThat(events).containsExactly("cooldown eu-north 5s after 3", "cooldown eu-north 10s after 1",
                "cooldown eu-north 20s after 1", "cooldown eu-north 20s after 1");
        assertThat(northCalls).isEqualTo(6);

        northDown.set(false);
        clock.advance(Duration.ofSeconds(20));
        assertThat(call()).isEqualTo("eu-north");
        // Recovery resets the backoff: the next cooldown is 5 s again.
        northDown.set(true);
        call();
        call();
        call();
        assertThat(events).endsWith("recovered eu-north", "cooldown eu-north 5s after 3");
    }

    @Test
    void only_one_caller_probes_a_cooled_endpoint() {
        call();
        call();
        call();
        clock.advance(Duration.ofSeconds(5));
        northDown.set(false);
        List<String> served = new ArrayList<>();

        // The probe is in flight while another call arrives: that one goes to eu-east.
        String outer = router.call(c -> {
            if (c.equals("eu-north")) {
                served.add(call());
            }
            return c;
        });

        assertThat(outer).isEqualTo("eu-north");
        assertThat(served).containsExactly("eu-east");
    }

    @Test
    void failures_count_as_a_rate_over_the_window_not_as_a_streak() {
        // Threshold 3 -> at least 3 calls in the window, 50 % failures. F F S: 2 of 3 fail -> opens on the next failure.
        call();
        call();
        northDown.set(false);
        call();
        assertThat(events).isEmpty(); // a success never opens an endpoint
        northDown.set(true);
        call();

        assertThat(events).containsExactly("cooldown eu-north 5s after 3");
    }

    @Test
    void when_every_endpoint_cools_down_calls_fail_fast_with_a_retriable_exception() {
        CarbonRouter<String> single = CarbonRouter.<String>builder(cb).clock(clock)
                .cooldown(new CooldownPolicy(1, Duration.ofSeconds(5), Duration.ofSeconds(20)))
                .endpoint(EU_NORTH, "eu-north").build();
        assertThatThrownBy(() -> single.call(c -> {
            throw new IOException("down");
        })).isInstanceOf(NoEndpointAvailableException.class);

        int[] invoked = {0};
        assertThatThrownBy(() -> single.call(c -> ++invoked[0]))
                .isInstanceOf(NoEndpointAvailableException.class)
                .hasMessageContaining("cooling down")
                .satisfies(e -> {
                    assertThat(e.getSuppressed()).isEmpty();
                    assertThat(((NoEndpointAvailableException) e).retriable()).isTrue();
                });
        assertThat(invoked[0]).isZero();
        assertThatThrownBy(single::select).isInstanceOf(NoEndpointAvailableException.class);

        clock.advance(Duration.ofSeconds(5));
        int result = single.call(c -> ++invoked[0]);
        assertThat(result).isEqualTo(1);
    }

    @Test
    void cooldowns_grow_exponentially_and_are_capped() {
        CooldownPolicy p = new CooldownPolicy(3, Duration.ofSeconds(5), Duration.ofMinutes(5));

        assertThat(p.cooldown(0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.cooldown(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.cooldown(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(p.cooldown(6)).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.cooldown(1000)).isEqualTo(Duration.ofMinutes(5));
    }
}
