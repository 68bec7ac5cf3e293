package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Time shifting's arithmetic. The rolling-average vectors are the Green Software Foundation Carbon Aware SDK's own
 * (from its test suite): four 5-minute points from 2020-01-01T00:00Z rated 10, 20, 30, 40.
 */
final class TimeShiftTest {

    private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
    private static final List<TimeShift.Point> SDK_DATA = List.of(point(0, 10), point(5, 20), point(10, 30),
            point(15, 40));

    private static TimeShift.Point point(int minute, double value) {
        return new TimeShift.Point(T0.plusSeconds(minute * 60L), Duration.ofMinutes(5), value);
    }

    private static List<TimeShift.Point> reversed(List<TimeShift.Point> points) {
        List<TimeShift.Point> copy = new ArrayList<>(points);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static Instant at(String mmss) {
        String[] p = mmss.split(":");
        return T0.plusSeconds(Long.parseLong(p[0]) * 60 + (p.length > 1 ? Long.parseLong(p[1]) : 0));
    }

    @ParameterizedTest(name = "window {0} min, tick {1} min -> {2}")
    @CsvSource(delimiter = ';', value = {
        "5;  5; 10 20 30 40",
        "10; 5; 15 25 35",
        "2;  5; 10 20 30 40",
        "5;  4; 10 18 26 34",
        "10; 4; 15 23 31",
        "2;  4; 10 15 20 30 40",
        "5;  7; 10 24 38",
        "10; 7; 15 29",
        "2;  7; 10 20 35"})
    void rolling_average_matches_the_carbon_aware_sdk_vectors(int window, int tick, String expected) {
        List<TimeShift.Point> out = TimeShift.rollingAverage(SDK_DATA, Duration.ofMinutes(window), T0, at("20"),
                Duration.ofMinutes(tick));

        assertThat(out).extracting(TimeShift.Point::value)
                .containsExactly(java.util.Arrays.stream(expected.split(" ")).map(Double::valueOf).toArray(Double[]::new));
    }

    @ParameterizedTest(name = "{0}..{1} -> {2}")
    @CsvSource({"00:00, 20:00, 25.00", "04:00, 20:00, 28.75", "00:00, 16:00, 21.25", "02:30, 17:30, 25.00",
        "02:00, 03:00, 10.00"})
    void average_over_period_matches_the_carbon_aware_sdk_vectors(String start, String end, double expected) {
        assertThat(TimeShift.averageOverPeriod(SDK_DATA, at(start), at(end))).isCloseTo(expected, within(1e-9));
        assertThat(TimeShift.averageOverPeriod(reversed(SDK_DATA), at(start), at(end))).isCloseTo(expected, within(1e-9));
    }

    @ParameterizedTest(name = "{0}..{1} -> {2}")
    @CsvSource({"02, 20, 14 24 34", "05, 15, 20 30"})
    void a_start_inside_the_data_shifts_the_grid_as_in_the_sdk(String start, String end, String expected) {
        List<TimeShift.Point> out = TimeShift.rollingAverage(SDK_DATA, Duration.ofMinutes(5), at(start), at(end), null);

        assertThat(out).extracting(TimeShift.Point::value)
                .containsExactly(java.util.Arrays.stream(expected.split(" ")).map(Double::valueOf).toArray(Double[]::new));
        assertThat(out.get(0).time()).isEqualTo(at(start));
    }

    @Test
    void gaps_disorder_overlaps_and_uncovered_periods_are_rejected() {
        List<TimeShift.Point> gap = List.of(point(0, 10), point(10, 30));
        List<TimeShift.Point> disorder = List.of(point(0, 10), point(10, 30), point(5, 20));
        List<TimeShift.Point> overlap = List.of(point(0, 10), new TimeShift.Point(at("03"), Duration.ofMinutes(5), 20));

        assertThatThrownBy(() -> TimeShift.averageOverPeriod(gap, at("00"), at("15")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeShift.averageOverPeriod(disorder, at("00"), at("15")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeShift.averageOverPeriod(overlap, at("00"), at("08")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeShift.averageOverPeriod(SDK_DATA, at("00"), at("25")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TimeShift.averageOverPeriod(List.of(), at("00"), at("05"))).isZero();
        assertThat(TimeShift.rollingAverage(SDK_DATA, Duration.ZERO, T0, at("20"), null)).isEqualTo(SDK_DATA);
    }
}
