package ai.carbonbench.router;

import static ai.carbonbench.router.Fixtures.EU_EAST;
import static ai.carbonbench.router.Fixtures.EU_NORTH;
import static ai.carbonbench.router.Fixtures.MIDNIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.testing.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ListenerTest {

    private final TestClock clock = new TestClock(MIDNIGHT);
    private final CarbonBench cb = Fixtures.carbonBench(clock);

    /** Throws from every callback. */
    private static final RouterListener BROKEN = new RouterListener() {
        @Override
        public void onDecision(RoutingDecision decision) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onFailover(OfferingKey from, Throwable failure, Optional<OfferingKey> next) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onCooldown(OfferingKey endpoint, Duration cooldown, Instant until, int failures) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onRecorded(CallRecord record) {
            throw new AssertionError("listener bug");
        }

        @Override
        public String toString() {
            return "BrokenListener";
        }
    };

    @Test
    void exceptions_thrown_by_a_listener_are_logged_and_never_reach_the_caller() {
        List<String> seen = new ArrayList<>();
        CarbonRouter<String> router = CarbonRouter.<String>builder(cb).clock(clock)
                .cooldown(new CooldownPolicy(1, Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .endpoint(EU_EAST, "east").endpoint(EU_NORTH, "north")
                .listener(BROKEN)
                .listener(new RouterListener() {
                    @Override
                    public void onDecision(RoutingDecision d) {
                        seen.add("decision " + d.chosen().key().region());
                    }

                    @Override
                    public void onFailover(OfferingKey from, Throwable failure, Optional<OfferingKey> next) {
                        seen.add("failover " + from.region());
                    }

                    @Override
                    public void onCooldown(OfferingKey endpoint, Duration cooldown, Instant until, int failures) {
                        seen.add("cooldown " + endpoint.region());
                    }

                    @Override
                    public void onRecorded(CallRecord record) {
                        seen.add("recorded " + record.endpoint().region());
                    }
                })
                .build();

        String answer = router.call(c -> {
            if (c.equals("north")) {
                throw new IOException("down");
            }
            return c;
        });
        router.refresh();

        assertThat(answer).isEqualTo("east");
        assertThat(seen).containsExactly("failover eu-north", "decision eu-east", "cooldown eu-north",
                "recorded eu-east", "decision eu-east");
    }
}
