package ai.carbonbench.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

final class ChecksTest {

    @Test
    void non_null_names_the_first_null_component() {
        assertThatCode(() -> Checks.nonNull("a, b, c", "x", 1, 2.0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Checks.nonNull("a, b, c", "x", null, null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("b");
        assertThatThrownBy(() -> Checks.nonNull("a,b", null, "y"))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("a");
    }

    @Test
    void non_null_still_throws_when_the_names_are_short() {
        assertThatThrownBy(() -> Checks.nonNull("a", "x", null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("component 1 of a");
    }

    @Test
    void a_record_reports_its_null_component_by_name() {
        Source source = new Source("x", "Publisher", "Dataset", 2026, "CC-BY-4.0", "https://example.org");
        assertThatThrownBy(() -> new Parameters(OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(),
                Optional.empty(), null, source))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("assumption");
    }

    @Test
    void numeric_checks_name_the_field_and_the_value() {
        assertThat(Checks.positive("pue", 1.2)).isEqualTo(1.2);
        assertThatThrownBy(() -> Checks.atLeast("pue", Double.NaN, 1)).hasMessage("pue must be a finite number >= 1, was NaN");
        assertThatThrownBy(() -> Checks.within("share", 1.5, 0, 1)).hasMessage("share must be within 0..1, was 1.5");
    }
}
