package ai.carbonbench.router;

import static ai.carbonbench.router.Fixtures.EU_EAST;
import static ai.carbonbench.router.Fixtures.EU_NORTH;
import static ai.carbonbench.router.Fixtures.FR_PAR;
import static ai.carbonbench.router.Fixtures.MIDNIGHT;
import static ai.carbonbench.router.Fixtures.US_EAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.CarbonBenchException;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.testing.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

final class FailoverTest {

    private final TestClock clock = new TestClock(MIDNIGHT);
    private final CarbonBench cb = Fixtures.carbonBench(clock);
    private final List<String> tried = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    /** Rank order: eu-north (16), fr-par (28.8), us-east (160), eu-east (200, baseline). */
    private CarbonRouter<String> router(FailureClassifier classifier) {
        return CarbonRouter.<String>builder(cb).clock(clock).failureClassifier(classifier)
                .endpoint(EU_EAST, "eu-east").endpoint(US_EAST, "us-east").endpoint(EU_NORTH, "eu-north")
                .endpoint(FR_PAR, "fr-par")
                .listener(new RouterListener() {
                    @Override
                    public void onFailover(OfferingKey from, Throwable failure, Optional<OfferingKey> next) {
                        events.add(from.region() + " -> " + next.map(OfferingKey::region).orElse("none"));
                    }
                })
                .build();
    }

    private CallFunction<String, String> failingOn(Set<String> failing, Exception failure) {
        return client -> {
            tried.add(client);
            if (failing.contains(client)) {
                throw failure;
            }
            return "answer from " + client;
        };
    }

    @Test
    void fails_over_in_rank_order_on_retriable_failures() {
        CarbonRouter<String> r = router(FailureClassifier.defaults());

        String answer = r.call(failingOn(Set.of("eu-north", "fr-par"), new ConnectException("refused")),
                s -> Usage.of(100, 10));

        assertThat(answer).isEqualTo("answer from us-east");
        assertThat(tried).containsExactly("eu-north", "fr-par", "us-east");
        assertThat(events).containsExactly("eu-north -> fr-par", "fr-par -> us-east");
        assertThat(r.ledger().byRegion()).containsOnlyKeys("alpha/us-east");
    }

    @Test
    void a_non_retriable_failure_is_rethrown_at_once_without_fail_over() {
        CarbonRouter<String> r = router(FailureClassifier.defaults());
        HttpStatusException badRequest = new HttpStatusException(400, "invalid prompt");

        assertThatThrownBy(() -> r.call(failingOn(Set.of("eu-north"), badRequest))).isSameAs(badRequest);
        assertThat(tried).containsExactly("eu-north");
        assertThat(events).isEmpty();
        assertThat(r.ledger().total().calls()).isZero();
    }

    @Test
    void a_checked_non_retriable_failure_is_wrapped_and_an_interrupt_is_restored() {
        CarbonRouter<String> r = router(FailureClassifier.defaults());
        InterruptedException interrupted = new InterruptedException("stop");

        assertThatThrownBy(() -> r.call(failingOn(Set.of("eu-north"), interrupted)))
                .isInstanceOf(CarbonBenchException.class).hasCause(interrupted)
                .satisfies(e -> assertThat(((CarbonBenchException) e).retriable()).isFalse());
        assertThat(Thread.interrupted()).isTrue(); // also clears the flag for the next test
        assertThat(tried).containsExactly("eu-north");
    }

    @Test
    void when_every_endpoint_fails_each_cause_is_attached_in_the_order_tried() {
        CarbonRouter<String> r = router(FailureClassifier.defaults());
        List<Exception> causes = List.of(new IOException("eu-north down"), new HttpStatusException(503, "fr-par"),
                new HttpTimeoutException("us-east slow"), new HttpStatusException(429, "eu-east busy"));
        int[] i = {0};

        assertThatThrownBy(() -> r.call(c -> {
            throw causes.get(i[0]++);
        })).isInstanceOf(NoEndpointAvailableException.class)
                .hasMessageContaining("All 4 endpoint(s) tried failed")
                .satisfies(e -> {
                    assertThat(e.getSuppressed()).containsExactlyElementsOf(causes);
                    assertThat(((NoEndpointAvailableException) e).retriable()).isTrue();
                });
        assertThat(events).containsExactly("eu-north -> fr-par", "fr-par -> us-east", "us-east -> eu-east",
                "eu-east -> none");
    }

    @Test
    void the_default_classifier_retries_io_timeouts_429_and_5xx_only() {
        FailureClassifier c = FailureClassifier.defaults();

        assertThat(c.isRetriable(new IOException())).isTrue();
        assertThat(c.isRetriable(new ConnectException())).isTrue();
        assertThat(c.isRetriable(new HttpTimeoutException("t"))).isTrue();
        assertThat(c.isRetriable(new SocketTimeoutException())).isTrue();
        assertThat(c.isRetriable(new UncheckedIOException(new IOException()))).isTrue();
        assertThat(c.isRetriable(new TimeoutException())).isTrue();
        assertThat(c.isRetriable(new CompletionException(new IOException()))).isTrue();
        assertThat(c.isRetriable(new HttpStatusException(429, ""))).isTrue();
        assertThat(c.isRetriable(new HttpStatusException(500, ""))).isTrue();
        assertThat(c.isRetriable(new HttpStatusException(503, ""))).isTrue();
        assertThat(c.isRetriable(new HttpStatusException(408, ""))).isTrue();
        assertThat(c.isRetriable(new CarbonBenchException("source down", true))).isTrue();

        assertThat(c.isRetriable(new HttpStatusException(400, ""))).isFalse();
        assertThat(c.isRetriable(new HttpStatusException(401, ""))).isFalse();
        assertThat(c.isRetriable(new HttpStatusException(404, ""))).isFalse();
        assertThat(c.isRetriable(new IllegalArgumentException())).isFalse();
        assertThat(c.isRetriable(new InterruptedException())).isFalse();
        assertThat(c.isRetriable(new java.io.InterruptedIOException())).isFalse();
        assertThat(c.isRetriable(new AssertionError())).isFalse();
        assertThat(c.isRetriable(new CarbonBenchException("bad id", false))).isFalse();
    }

    /** A client library's own exception carrying a status. */
    static final class ApiException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        ApiException(int code) {
            super("status " + code);
            this.code = code;
        }
    }

    @Test
    void statuses_from_the_client_librarys_own_exceptions_are_classified() {
        FailureClassifier c = FailureClassifier.withHttpStatus(
                t -> t instanceof ApiException e ? OptionalInt.of(e.code) : OptionalInt.empty());

        assertThat(c.isRetriable(new ApiException(502))).isTrue();
        assertThat(c.isRetriable(new ApiException(429))).isTrue();
        assertThat(c.isRetriable(new RuntimeException(new ApiException(503)))).isTrue();
        assertThat(c.isRetriable(new ApiException(403))).isFalse();
        assertThat(c.isRetriable(new IOException())).isTrue(); // defaults still apply
    }

    @Test
    void a_replaced_classifier_decides_alone_and_one_that_throws_means_not_retriable() {
        CarbonRouter<String> r = router(t -> t instanceof IllegalStateException);
        assertThat(r.call(failingOn(Set.of("eu-north"), new IllegalStateException("overloaded"))))
                .isEqualTo("answer from fr-par");

        CarbonRouter<String> broken = router(t -> {
            throw new IllegalStateException("classifier bug");
        });
        IOException io = new IOException("down");
        assertThatThrownBy(() -> broken.call(failingOn(Set.of("eu-north"), io))).isInstanceOf(CarbonBenchException.class)
                .hasCause(io);
    }
}
