package ai.carbonbench.router.schedule;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.json.JsonViews;
import ai.carbonbench.core.score.WindowChoice;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * When and where a {@link CarbonScheduler} plans to run a job, and what running it at submission would have
 * emitted instead. Immutable.
 *
 * @param endpoint                        where the job will run
 * @param start                           when it will start
 * @param latestStart                     the deadline minus the expected duration: the job never starts later
 * @param meanGramsPerMillionTokens       central g/Mtok averaged over the planned window
 * @param provenance                      the least trustworthy intensity used ({@code FORECAST} or {@code DEFAULT}, …)
 * @param submissionEndpoint              the cleanest endpoint had the job started at submission
 * @param submissionGramsPerMillionTokens its central g/Mtok over the job's duration from submission
 * @param replans                         how often the plan moved since submission
 */
public record JobPlan(OfferingKey endpoint, Instant start, Instant latestStart, double meanGramsPerMillionTokens,
        Provenance provenance, OfferingKey submissionEndpoint, double submissionGramsPerMillionTokens, int replans) {

    public JobPlan {
        Checks.nonNull("endpoint, start, latestStart, provenance, submissionEndpoint", endpoint, start, latestStart,
                provenance, submissionEndpoint);
    }

    /**
     * The plan a job would get if submitted now (the CarbonBench's clock): what {@link CarbonScheduler#submit}
     * starts from, and what a dry run shows.
     *
     * @throws IllegalArgumentException when there is no candidate, the job cannot finish by the deadline, or the
     *                                  deadline is more than 14 days ahead
     */
    public static JobPlan of(CarbonBench carbonBench, Duration expectedDuration, Instant deadline,
            Collection<OfferingKey> candidates) {
        Objects.requireNonNull(carbonBench, "carbonBench");
        Objects.requireNonNull(expectedDuration, "expectedDuration");
        Objects.requireNonNull(deadline, "deadline");
        List<OfferingKey> list = List.copyOf(Objects.requireNonNull(candidates, "candidates"));
        if (list.isEmpty()) {
            throw new IllegalArgumentException("candidates must not be empty");
        }
        WindowChoice w = carbonBench.bestWindow(list, expectedDuration, deadline);
        return new JobPlan(w.best().endpoint(), w.best().start(), deadline.minus(expectedDuration),
                w.best().meanGramsPerMillionTokens(), w.best().provenance(), w.startingNow().endpoint(),
                w.startingNow().meanGramsPerMillionTokens(), 0);
    }

    /**
     * This plan with {@code endpoint}, {@code start} and their mean g/Mtok and provenance; the latest start and the
     * submission figures stay, and {@code moved} counts one more re-plan.
     */
    JobPlan replanned(OfferingKey endpoint, Instant start, double meanGramsPerMillionTokens, Provenance provenance,
            boolean moved) {
        return new JobPlan(endpoint, start, latestStart, meanGramsPerMillionTokens, provenance, submissionEndpoint,
                submissionGramsPerMillionTokens, moved ? replans + 1 : replans);
    }

    /**
     * The plan as JSON: {@code endpoint}, {@code start}, {@code latestStart}, {@code meanGramsPerMillionTokens},
     * {@code provenance}, {@code submissionEndpoint}, {@code submissionGramsPerMillionTokens},
     * {@code gramsPerMillionTokensAvoided}, {@code avoidedFraction}, {@code replans}. The field names are public
     * and pinned by a test; numbers are rounded to four significant digits as in every JSON view.
     */
    public ObjectNode toJson() {
        ObjectNode n = JsonViews.object();
        n.put("endpoint", endpoint.toString());
        n.put("start", start.toString());
        n.put("latestStart", latestStart.toString());
        n.put("meanGramsPerMillionTokens", JsonViews.round(meanGramsPerMillionTokens));
        n.put("provenance", provenance.name());
        n.put("submissionEndpoint", submissionEndpoint.toString());
        n.put("submissionGramsPerMillionTokens", JsonViews.round(submissionGramsPerMillionTokens));
        n.put("gramsPerMillionTokensAvoided", JsonViews.round(gramsPerMillionTokensAvoided()));
        n.put("avoidedFraction", JsonViews.round(avoidedFraction()));
        n.put("replans", replans);
        return n;
    }

    /** Central g/Mtok the plan avoids against running at submission. */
    public double gramsPerMillionTokensAvoided() {
        return submissionGramsPerMillionTokens - meanGramsPerMillionTokens;
    }

    /** {@link #gramsPerMillionTokensAvoided()} as a fraction of running at submission; 0 when that emits nothing. */
    public double avoidedFraction() {
        return submissionGramsPerMillionTokens == 0 ? 0 : gramsPerMillionTokensAvoided() / submissionGramsPerMillionTokens;
    }
}
