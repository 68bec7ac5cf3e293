package ai.carbonbench.examples.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import picocli.CommandLine;

/**
 * The build's training run for the CLI's class-data-sharing archive: runs the common commands once,
 * offline and with their output discarded, so that the JVM records the classes a first answer loads
 * ({@code -XX:ArchiveClassesAtExit}, see the examples POM and {@code bin/carbonbench}). Not a command.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    private static final String[][] COMMANDS = {
        {"score", "--model", "llama-3.1-70b", "--provider", "together", "--region", "us", "--input-tokens", "500",
            "--output-tokens", "1000"},
        {"score", "--json", "--model", "llama-3.1-70b", "--provider", "together", "--region", "us"},
        {"recommend", "llama-3.1-70b"},
        {"recommend", "--json", "mixtral-8x7b", "--eu-only"},
        {"leaderboard", "--limit", "10"},
        {"leaderboard", "--json", "--limit", "3"},
        {"curve", "eu-central-1"},
        {"models"},
        {"regions"},
        {"providers"},
        {"--help"},
        {"no-such-command"},
    };

    public static void main(String[] args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        for (String[] command : COMMANDS) {
            CommandLine cmd = CarbonBenchCli.commandLine(new CarbonBenchCli(Clock.systemUTC(), name -> null));
            cmd.setOut(sink);
            cmd.setErr(sink);
            String[] offline = new String[command.length + 1];
            offline[0] = "--no-live";
            System.arraycopy(command, 0, offline, 1, command.length);
            cmd.execute(offline);
        }
    }
}
