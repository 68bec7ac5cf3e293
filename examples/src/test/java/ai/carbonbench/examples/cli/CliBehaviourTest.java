package ai.carbonbench.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.examples.cli.CliTest.Run;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI behaving like the tools people know: options anywhere, help everywhere, quick and quiet failures. */
final class CliBehaviourTest {

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = CarbonBenchCli.commandLine(new CarbonBenchCli(CliTest.NOON, env::get));
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A loopback port with nothing listening: connections are refused at once. */
    private static String deadUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void global_options_work_before_or_after_the_subcommand() throws Exception {
        Run before = CliTest.run("--catalog", CliTest.fixture(), "recommend", "small-8b", "--json");
        Run after = CliTest.run("recommend", "small-8b", "--catalog", CliTest.fixture(), "--json");
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(after.json()).isEqualTo(before.json());
        Run at = CliTest.run("leaderboard", "--at", "2026-12-01T12:00Z", "--direct", "--limit", "3", "--json");
        assertThat(at.exitCode()).as(at.err()).isZero();
        assertThat(at.json().get(0).get("at").asText()).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(CliTest.run("recommend", "llama-3.1-70b", "--no-live", "--json").exitCode()).isZero();
    }

    @Test
    void the_issue_s_example_command_works() throws Exception {
        Run r = CliTest.run("recommend", "llama-3.1-70b", "--at", "2026-12-01T12:00Z", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("best").get("at").asText()).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void every_subcommand_answers_help_and_version() {
        for (String sub : List.of("models", "providers", "regions", "leaderboard", "recommend", "score", "curve", "window",
                "refresh", "serve")) {
            Run help = CliTest.run(sub, "--help");
            assertThat(help.exitCode()).as(sub + " --help: " + help.err()).isZero();
            assertThat(help.out()).as(sub).contains("Usage: carbonbench " + sub).contains("--catalog");
        }
        Run version = CliTest.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("carbonbench ").contains("catalog data ");
        assertThat(CliTest.run("leaderboard", "--version").out()).isEqualTo(version.out());
    }

    @Test
    void serve_takes_a_snapshot_url_or_file() {
        for (String location : List.of("http://127.0.0.1:9/grid.json", "/tmp/grid.json")) {
            CarbonBenchCli cli = new CarbonBenchCli(CliTest.NOON);
            CommandLine.ParseResult parsed = CarbonBenchCli.commandLine(cli).parseArgs("serve", "--snapshot", location,
                    "--wait", "0s");
            assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("serve");
            assertThat(cli.snapshot).isEqualTo(location);
            try (CarbonBench bench = cli.bench()) {
                assertThat(bench.toString()).contains("source=snapshot");
            }
        }
    }

    @Test
    void live_mode_gives_up_at_once_with_one_line_when_every_source_fails() throws Exception {
        String dead = deadUrl();
        Map<String, String> env = Map.of("CARBONINTENSITY_UK_BASE_URL", dead, "ELECTRICITYMAPS_API_KEY", "k",
                "ELECTRICITYMAPS_BASE_URL", dead);
        long start = System.nanoTime();
        Run r = run(env, "recommend", "llama-3.1-70b", "--live", "--wait", "2m", "--json");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(seconds).as("gave up long before --wait 2m").isLessThan(60);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).filteredOn(l -> l.startsWith("warning:")).singleElement().asString()
                .contains("UK Carbon Intensity (", "Electricity Maps (", "embedded typical profiles");
        assertThat(lines).filteredOn(l -> l.startsWith("note:")).singleElement().asString().contains("default grid data");
        assertThat(lines).hasSize(2);
        assertThat(r.json().get("best").get("provenance").asText()).isEqualTo("DEFAULT");
    }

    @Test
    void a_refused_key_is_named_in_the_summary() throws Exception {
        HttpServer refusing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger calls = new AtomicInteger();
        refusing.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        refusing.start();
        try {
            String url = "http://127.0.0.1:" + refusing.getAddress().getPort();
            Run r = run(Map.of("CARBONINTENSITY_UK_BASE_URL", url, "ELECTRICITYMAPS_API_KEY", "bad",
                    "ELECTRICITYMAPS_BASE_URL", url), "--catalog", CliTest.fixture(), "leaderboard", "--wait", "2m");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.err().lines().filter(l -> l.startsWith("warning:"))).singleElement().asString()
                    .contains("Electricity Maps (HTTP 401, key refused)");
            assertThat(calls.get()).isPositive();
        } finally {
            refusing.stop(0);
        }
    }

    @Test
    void refresh_exits_1_and_keeps_the_old_file_when_no_zone_is_live(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("grid.json");
        Files.writeString(out, "previous");
        Run r = run(Map.of("CARBONINTENSITY_UK_BASE_URL", deadUrl()), "refresh",
                "--out", out.toString(), "--wait", "2m");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(Files.readString(out)).isEqualTo("previous");
        List<String> errors = new ArrayList<>(r.err().lines().toList());
        assertThat(errors).filteredOn(l -> l.startsWith("warning:")).hasSize(1);
        assertThat(errors).filteredOn(l -> l.startsWith("error:")).singleElement().asString().contains("left unchanged");
        assertThat(errors).doesNotHaveDuplicates();
    }

    @Test
    void an_ambiguous_region_names_the_choices_without_a_stray_quote() {
        Run r = CliTest.onFixture("curve", "north-1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown region 'north-1' (ambiguous: give provider/region); did you mean ")
                .doesNotContain(")'");
    }
}
