package ai.carbonbench.examples.cli;

import java.time.Clock;
import picocli.CommandLine;

/** For tests outside this package: the CLI at a fixed clock with an empty environment (no key, no network). */
public final class CliAccess {

    private CliAccess() {
    }

    public static CommandLine commandLine(Clock clock) {
        return CarbonBenchCli.commandLine(new CarbonBenchCli(clock));
    }
}
