package ai.carbonbench.examples;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.Usage;
import ai.carbonbench.router.schedule.CarbonScheduler;
import ai.carbonbench.router.schedule.JobHandle;
import ai.carbonbench.router.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A deferrable job (a nightly embeddings back-fill) submitted with a deadline: the scheduler picks where and
 * when it emits least, keeps it in a directory so that a restart does not lose it, and would run it at that
 * time. The example shows the plan, then "restarts" and finds the job again, and cancels it.
 */
public final class SchedulerExample {

    private SchedulerExample() {
    }

    /** The job, as data: what to back-fill. Not code, so it survives a restart. */
    public record Backfill(String corpus, int shards) {
    }

    public static void main(String[] args) throws Exception {
        Path state = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("carbonbench-scheduler");
        List<OfferingKey> candidates = List.of(OfferingKey.of("aws-bedrock", "us-east-1", "gpt-oss-120b"),
                OfferingKey.of("aws-bedrock", "eu-central-1", "gpt-oss-120b"),
                OfferingKey.of("aws-bedrock", "eu-west-2", "gpt-oss-120b"));
        try (CarbonBench cb = CarbonBench.create()) {
            String id;
            try (CarbonScheduler<Backfill, Long> scheduler = scheduler(cb, state)) {
                scheduler.start(); // re-plans every 15 minutes and starts the job at its planned time
                // (submit starts a job at once when now is its cleanest time)
                JobHandle<Long> h = scheduler.submit(new Backfill("docs-2026-12", 8), Duration.ofHours(2),
                        Instant.now().plus(Duration.ofHours(20)), candidates);
                id = h.id();
                System.out.printf("Job %s: %s at %s (latest start %s); %.1f g/Mtok instead of %.1f now (%.0f%% less)%n",
                        id, h.plan().endpoint(), h.plan().start(), h.plan().latestStart(),
                        h.plan().meanGramsPerMillionTokens(), h.plan().submissionGramsPerMillionTokens(),
                        h.plan().avoidedFraction() * 100);
                h.future().thenAccept(o -> System.out.printf("Done: %.3f g, %.3f g avoided%n", o.grams(),
                        o.gramsAvoided()));
            }
            try (CarbonScheduler<Backfill, Long> restarted = scheduler(cb, state)) {
                restarted.job(id).ifPresentOrElse(again -> {
                    System.out.println("After a restart: " + again);
                    again.cancel(); // an example should not leave a job behind
                }, () -> System.out.println("The job already ran: now was its cleanest time."));
            }
        }
    }

    private static CarbonScheduler<Backfill, Long> scheduler(CarbonBench cb, Path state) {
        return CarbonScheduler.<Backfill, Long>builder(cb, Backfill.class, (job, endpoint) -> {
            System.out.println("Back-filling " + job.corpus() + " on " + endpoint);
            return 5_000_000L; // tokens processed
        }).name("backfills").store(StateStore.directory(state)).usage(tokens -> Usage.of(tokens, 0)).build();
    }
}
