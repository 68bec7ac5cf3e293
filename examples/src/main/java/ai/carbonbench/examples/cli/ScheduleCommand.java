package ai.carbonbench.examples.cli;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.schedule.JobPlan;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code carbonbench schedule --dry-run}: the plan a {@code CarbonScheduler} would make for a deferrable job of a
 * model: where and when it would start, its latest start, and what it avoids against starting now. The CLI has no
 * job to run, so only the dry run exists here; applications submit jobs to a {@code CarbonScheduler}.
 */
@Command(name = "schedule",
        description = "Show the plan CarbonScheduler would make for a deferrable job (--dry-run).")
final class ScheduleCommand extends Subcommand {

    @Mixin
    JobOptions jobOptions;

    @Option(names = "--dry-run", description = "Show the plan without running anything (required).")
    boolean dryRun;

    @Option(names = "--tokens", paramLabel = "N", description = "Tokens the job will process, to show grams.")
    Long tokens;

    @Override
    void run() {
        if (!dryRun) {
            throw new IllegalArgumentException("only --dry-run is supported: the command line has no job to run; "
                    + "submit jobs to a CarbonScheduler in your application");
        }
        if (tokens != null && tokens < 0) {
            throw new IllegalArgumentException("--tokens must be >= 0, was " + tokens);
        }
        Duration job = jobOptions.jobDuration();
        Instant by = jobOptions.deadlineInstant();
        CarbonBench cb = bench();
        List<OfferingKey> candidates = jobOptions.candidates(cb);
        JobPlan p = JobPlan.of(cb, job, by, candidates);
        if (json) {
            var n = p.toJson();
            if (tokens != null) {
                n.put("tokens", tokens);
            }
            Output.printJson(out(), n);
            return;
        }
        PrintWriter out = out();
        out.println(String.format(Locale.ROOT, "Plan: start %s on %s, %s gCO2e/Mtok (%s); latest start %s.",
                p.start(), p.endpoint(), Output.num(p.meanGramsPerMillionTokens()), p.provenance(), p.latestStart()));
        out.println(String.format(Locale.ROOT, "Starting now on %s: %s gCO2e/Mtok. The plan avoids %.0f%%.",
                p.submissionEndpoint(), Output.num(p.submissionGramsPerMillionTokens()), p.avoidedFraction() * 100));
        if (tokens != null) {
            out.println(String.format(Locale.ROOT, "For %d tokens: %s g planned, %s g starting now, %s g avoided.",
                    tokens, Output.num(p.meanGramsPerMillionTokens() * tokens / 1e6),
                    Output.num(p.submissionGramsPerMillionTokens() * tokens / 1e6),
                    Output.num(p.gramsPerMillionTokensAvoided() * tokens / 1e6)));
        }
        out.println("Re-planned as forecasts change when submitted to a CarbonScheduler; never started after the "
                + "latest start.");
        out.flush();
    }
}
