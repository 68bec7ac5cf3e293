package ai.carbonbench.router;

import static ai.carbonbench.router.Fixtures.EU_NORTH;
import static ai.carbonbench.router.Fixtures.MIDNIGHT;
import static ai.carbonbench.router.Fixtures.US_EAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.testing.TestClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one hook budgets use: admit before each attempt, settle or release after it. */
final class CallGuardTest {

    private final TestClock clock = new TestClock(MIDNIGHT);
    private final CarbonRouter<String> router = CarbonRouter.<String>builder(Fixtures.carbonBench(clock)).clock(clock)
            .endpoint(US_EAST, "us").endpoint(EU_NORTH, "se").build();

    /** Records what the router asked of it; skips the endpoints it is told to. */
    private static final class Recording implements CallGuard {
        final List<String> events = new ArrayList<>();
        final List<OfferingKey> skip;

        Recording(OfferingKey... skip) {
            this.skip = List.of(skip);
        }

        @Override
        public Optional<Permit> admit(Score score) {
            OfferingKey k = score.offering().key();
            events.add("admit " + k.region());
            if (skip.contains(k)) {
                return Optional.empty();
            }
            return Optional.of(new Permit() {
                @Override
                public void settle(CallRecord record) {
                    events.add("settle " + k.region() + " " + record.microgramsCentral());
                }

                @Override
                public void release() {
                    events.add("release " + k.region());
                }
            });
        }
    }

    @Test
    void a_failed_attempt_is_released_and_the_answering_one_settled_with_its_record() {
        Recording guard = new Recording();

        CarbonRouter.Recorded<String> r = router.callRecorded(c -> {
            if (c.equals("se")) {
                throw new IOException("down");
            }
            return c;
        }, x -> Usage.of(1000, 0), guard);

        assertThat(r.result()).isEqualTo("us");
        assertThat(guard.events).containsExactly("admit eu-north", "release eu-north", "admit us-east",
                "settle us-east " + r.record().microgramsCentral());
    }

    @Test
    void a_skipped_endpoint_is_not_called_and_a_throwing_guard_aborts_the_call() {
        Recording guard = new Recording(EU_NORTH);
        List<String> called = new ArrayList<>();

        assertThat(router.callRecorded(c -> {
            called.add(c);
            return c;
        }, x -> Usage.NONE, guard).result()).isEqualTo("us");
        assertThat(called).containsExactly("us");

        assertThatThrownBy(() -> router.callRecorded(c -> {
            called.add(c);
            return c;
        }, x -> Usage.NONE, score -> {
            throw new IllegalStateException("over budget");
        })).hasMessage("over budget");
        assertThat(called).containsExactly("us");
        assertThat(router.ledger().total().calls()).isEqualTo(1);
    }
}
