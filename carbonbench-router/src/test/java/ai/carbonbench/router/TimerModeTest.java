package ai.carbonbench.router;

import static ai.carbonbench.router.Fixtures.EU_CENTRAL;
import static ai.carbonbench.router.Fixtures.UK_LON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Timer mode (a system clock, offset so that an hour boundary comes within seconds): the shared expiry timer,
 * not a clock read per call, turns the ranking over; cooldowns and re-ranks across the hour use that hour's
 * scores. Real time, a few seconds per test.
 */
final class TimerModeTest {

    /** A system clock that reads {@code utcTime} today now. */
    private static Clock systemClockAt(String utcTime) {
        Instant target = LocalDate.now(ZoneOffset.UTC).atTime(java.time.LocalTime.parse(utcTime))
                .toInstant(ZoneOffset.UTC);
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), target));
    }

    private static void sleepUntil(Clock clock, Instant t) throws InterruptedException {
        long ms;
        while ((ms = Duration.between(clock.instant(), t).toMillis()) > 0) {
            Thread.sleep(Math.min(ms, 50));
        }
    }

    private static Instant today(Clock clock, String time) {
        return clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.between(java.time.LocalTime.MIDNIGHT,
                java.time.LocalTime.parse(time)));
    }

    @Test
    void a_cooldown_from_before_the_hour_to_after_it_ends_on_the_new_hours_scores() throws Exception {
        Clock clock = systemClockAt("09:59:57");
        assertThat(ExpiryTimer.tracks(clock)).isTrue();
        CarbonBench cb = Fixtures.carbonBench(clock);
        List<Instant> cooldownsAt = new ArrayList<>();
        List<Instant> cooldownsUntil = new ArrayList<>();
        // eu-central (DE 300 -> 120 g at 09:00, 100 -> 40 g at 10:00) is the baseline; uk-lon is 96 g all day.
        CarbonRouter<String> r = CarbonRouter.<String>builder(cb)
                .health(HealthPolicy.DEFAULT.withSlidingWindow(5, 1)
                        .withWaitDurationInOpenState(Duration.ofMillis(1500), Duration.ofSeconds(3)))
                .endpoint(EU_CENTRAL, "eu-central").endpoint(UK_LON, "uk-lon")
                .listener(new RouterListener() {
                    @Override
                    public void onCooldown(OfferingKey e, Duration d, Instant until, int failures) {
                        cooldownsAt.add(clock.instant());
                        cooldownsUntil.add(until);
                    }
                })
                .build();
        Instant ten = today(clock, "10:00");
        assertThat(r.select().chosen().key()).isEqualTo(UK_LON);

        sleepUntil(clock, ten.minusMillis(600));
        String served = r.call(c -> {
            if (c.equals("uk-lon")) {
                throw new IOException("uk-lon down");
            }
            return c;
        });
        assertThat(served).isEqualTo("eu-central");
        assertThat(cooldownsAt).hasSize(1);
        assertThat(cooldownsAt.get(0)).isBefore(ten);
        assertThat(cooldownsUntil.get(0)).isAfter(ten);
        assertThat(r.select().chosen().key()).isEqualTo(EU_CENTRAL);

        // The timer turns the ranking over at 10:00 (new scores) and again when the cooldown ends.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        RoutingDecision d = r.select();
        while (d.fallbacks().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            d = r.select();
        }
        assertThat(d.fallbacks()).extracting(RoutingDecision.Option::key).containsExactly(UK_LON);
        assertThat(d.at()).isAfterOrEqualTo(cooldownsUntil.get(0));
        assertThat(d.chosen().key()).isEqualTo(EU_CENTRAL);
        assertThat(d.chosen().score().at()).isAfterOrEqualTo(ten);
        assertThat(d.chosen().score().gramsPerMillionTokens().central()).isCloseTo(40, within(1e-9));
    }

    @Test
    void a_re_rank_for_health_after_the_hour_rescores_instead_of_republishing_the_old_hour() throws Exception {
        Clock clock = systemClockAt("13:59:58");
        CarbonBench cb = Fixtures.carbonBench(clock);
        // eu-central: DE 100 -> 40 g at 13:00, 200 -> 80 g at 14:00; uk-lon 96 g.
        CarbonRouter<String> r = CarbonRouter.<String>builder(cb)
                .health(HealthPolicy.DEFAULT.withSlidingWindow(5, 1))
                .endpoint(EU_CENTRAL, "eu-central").endpoint(UK_LON, "uk-lon").build();
        Instant fourteen = today(clock, "14:00");
        assertThat(r.select().chosen().score().gramsPerMillionTokens().central()).isCloseTo(40, within(1e-9));

        // A call starts on the 13:00 ranking and fails after 14:00: the cooldown re-ranks.
        String served = r.call(c -> {
            if (c.equals("eu-central")) {
                sleepUntil(clock, fourteen.plusMillis(200));
                throw new IOException("eu-central down");
            }
            return c;
        });
        assertThat(served).isEqualTo("uk-lon");

        RoutingDecision d = r.select();
        assertThat(d.chosen().key()).isEqualTo(UK_LON);
        assertThat(d.at()).isAfterOrEqualTo(fourteen);
        // The baseline is scored for 14:00, not carried over from 13:00.
        assertThat(d.baseline().score().at()).isAfterOrEqualTo(fourteen);
        assertThat(d.baseline().score().gramsPerMillionTokens().central()).isCloseTo(80, within(1e-9));
    }
}
