package ai.carbonbench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The day simulation's figures keep the relations its note claims. */
final class DaySimulationTest {

    @Test
    void budgets_and_brevity_cut_the_grams_of_routing_alone_as_the_note_says() {
        List<DaySimulation.Outcome> o = DaySimulation.run();
        DaySimulation.main(new String[0]);
        DaySimulation.Outcome alone = o.get(0);
        DaySimulation.Outcome reject = o.get(1);
        DaySimulation.Outcome substitute = o.get(2);
        DaySimulation.Outcome brevity = o.get(3);

        assertThat(alone.requested()).isEqualTo(15 * 180 + 9 * 60);
        assertThat(alone.served()).isEqualTo(alone.requested());
        // a rejecting budget keeps every tenant within its limit: reservations are true upper bounds here
        alone.microgramsByTenant().forEach((t, ug) -> assertThat(reject.microgramsByTenant().get(t))
                .as(t).isLessThanOrEqualTo(Math.round(ug * DaySimulation.BUDGET_FRACTION)));
        assertThat(reject.refused()).isPositive();
        assertThat(reject.served() + reject.refused()).isEqualTo(alone.requested());
        // substituting serves every call, some on the 20B, and emits less than routing alone
        assertThat(substitute.served()).isEqualTo(alone.requested());
        assertThat(substitute.substituted()).isPositive();
        assertThat(substitute.micrograms()).isLessThan(alone.micrograms());
        // brevity shortens only the calls above the threshold, and never lengthens one
        assertThat(brevity.leaner()).isPositive().isLessThan(alone.requested());
        assertThat(brevity.outputTokens()).isLessThan(alone.outputTokens());
        assertThat(brevity.micrograms()).isLessThan(alone.micrograms());
    }
}
