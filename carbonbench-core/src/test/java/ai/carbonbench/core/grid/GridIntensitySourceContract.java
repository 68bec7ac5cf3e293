package ai.carbonbench.core.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GridIntensitySource} promises. A subclass supplies a source that knows
 * {@link #knownZone()} once prefetched.
 */
abstract class GridIntensitySourceContract {

    abstract GridIntensitySource source() throws Exception;

    String knownZone() {
        return "DE";
    }

    private GridIntensitySource loaded() throws Exception {
        GridIntensitySource s = source();
        s.prefetch(List.of(knownZone(), "XX-UNKNOWN")).get(10, TimeUnit.SECONDS);
        return s;
    }

    @Test
    void has_a_name() throws Exception {
        assertThat(source().name()).isNotBlank();
    }

    @Test
    void knows_the_zone_and_labels_values_with_it() throws Exception {
        GridIntensitySource s = loaded();
        assertThat(s.current(knownZone())).isPresent().get().satisfies(g -> {
            assertThat(g.zone()).isEqualTo(knownZone());
            assertThat(g.source()).isNotBlank();
        });
        assertThat(s.history(knownZone())).allSatisfy(g -> assertThat(g.zone()).isEqualTo(knownZone()));
        assertThat(s.forecast(knownZone())).allSatisfy(g -> assertThat(g.zone()).isEqualTo(knownZone()));
    }

    @Test
    void series_are_in_time_order() throws Exception {
        GridIntensitySource s = loaded();
        assertThat(s.history(knownZone())).extracting(GridIntensity::at).isSorted();
        assertThat(s.forecast(knownZone())).extracting(GridIntensity::at).isSorted();
    }

    @Test
    void an_unknown_zone_is_empty_not_an_error() throws Exception {
        GridIntensitySource s = loaded();
        assertThat(s.current("XX-UNKNOWN")).isEmpty();
        assertThat(s.history("XX-UNKNOWN")).isEmpty();
        assertThat(s.forecast("XX-UNKNOWN")).isEmpty();
    }

    @Test
    void prefetch_never_fails_and_close_is_idempotent() throws Exception {
        GridIntensitySource s = source();
        assertThat(s.prefetch(List.of("XX-UNKNOWN", knownZone()))).succeedsWithin(java.time.Duration.ofSeconds(10));
        assertThatCode(() -> {
            s.close();
            s.close();
            s.current(knownZone());
            s.forecast(knownZone());
        }).doesNotThrowAnyException();
    }
}
