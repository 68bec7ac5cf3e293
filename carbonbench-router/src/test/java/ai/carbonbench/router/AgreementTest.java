package ai.carbonbench.router;

import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.Model;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.CleanestFirst;
import ai.carbonbench.core.score.Recommendation;
import ai.carbonbench.core.score.RecommendationRequest;
import ai.carbonbench.core.score.Score;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The router and {@code recommend} share one meaning of "cleanest" (CleanestFirst). */
final class AgreementTest {

    private static final Catalog CATALOG = Catalog.embedded();
    private static final Instant DAY = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void the_router_chooses_what_recommend_names_best_for_every_model_at_every_hour() {
        int checked = 0;
        int tiedOnEverything = 0;
        List<String> disagreements = new ArrayList<>();
        for (Model model : CATALOG.models()) {
            List<Offering> offerings = CATALOG.offeringsOf(model.id());
            if (offerings.size() < 2) {
                continue;
            }
            for (int hour = 0; hour < 24; hour++) {
                Instant at = DAY.plus(Duration.ofHours(hour)).plusSeconds(60 * 17);
                CarbonBench cb = CarbonBench.builder().catalog(CATALOG).clock(Clock.fixed(at, ZoneOffset.UTC)).build();
                CarbonRouter.Builder<String> b = CarbonRouter.<String>builder(cb);
                offerings.forEach(o -> b.endpoint(o.key(), o.key().toString()));
                OfferingKey chosen = b.build().select().chosen().key();
                Recommendation r = cb.recommend(RecommendationRequest.builder(model.id()).at(at).build());
                OfferingKey best = r.best().offering().key();
                checked++;
                if (!chosen.equals(best)) {
                    // Allowed only when the two are equal on carbon and price, so that the last tie-breakers
                    // (declared order for the router, speed and ids for the leaderboard) decided. Checked on
                    // the figures themselves, not through CleanestFirst.
                    Score c = cb.scoreAt(chosen, at);
                    Score s = r.best();
                    if (c.gramsPerMillionTokens().central() == s.gramsPerMillionTokens().central()
                            && c.usdPerMillionTokens() == s.usdPerMillionTokens()) {
                        tiedOnEverything++;
                    } else {
                        disagreements.add(model.id() + " at " + hour + "h: router " + chosen + ", recommend " + best);
                    }
                }
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(checked).isGreaterThan(24 * 20);
        System.out.printf("AgreementTest: %d model-hours, %d decided only by the last tie-breakers%n", checked,
                tiedOnEverything);
    }

    @Test
    void llama_3_1_70b_goes_to_us_west_2_not_to_the_cheaper_undisclosed_groq() {
        Instant at = Instant.parse("2026-06-01T12:00:00Z");
        CarbonBench cb = CarbonBench.builder().clock(Clock.fixed(at, ZoneOffset.UTC)).build();
        OfferingKey groq = OfferingKey.of("groq", "us", "llama-3.1-70b");
        OfferingKey east = OfferingKey.of("aws-bedrock", "us-east-1", "llama-3.1-70b");
        OfferingKey west = OfferingKey.of("aws-bedrock", "us-west-2", "llama-3.1-70b");
        RoutingDecision d = CarbonRouter.<String>builder(cb).endpoint(groq, "groq").endpoint(east, "east")
                .endpoint(west, "west").build().select();

        assertThat(d.chosen().key()).isEqualTo(west);
        // Groq is cheaper and its undisclosed US location (106–485 g/kWh) overlaps everything; it still ranks last.
        assertThat(cb.score(groq).usdPerMillionTokens()).isLessThan(cb.score(west).usdPerMillionTokens());
        assertThat(d.fallbacks().get(d.fallbacks().size() - 1).key()).isEqualTo(groq);
        assertThat(d.chosen().score().gramsPerMillionTokens().central()).isLessThan(
                cb.score(groq).gramsPerMillionTokens().central());
        assertThat(d.decidedBy()).isPresent();
        assertThat(d.reason()).contains("Rule: " + (d.decidedBy().get() == CleanestFirst.Rule.CLEARLY_LOWER
                ? "clearly lower" : "lower central estimate"));
        assertThat(cb.recommend("llama-3.1-70b").best().offering().key()).isEqualTo(west);
    }
}
