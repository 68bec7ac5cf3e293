package ai.carbonbench.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.examples.cli.CliTest.Run;
import ai.carbonbench.examples.server.DashboardServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code carbonbench serve}: its refusals, and an API that answers exactly what the CLI's {@code --json} prints. */
final class ServeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void serve_live_and_snapshot_configure_the_grid_source(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        CarbonBenchCli cli = new CarbonBenchCli(CliTest.NOON);
        picocli.CommandLine cmd = CarbonBenchCli.commandLine(cli);
        picocli.CommandLine.ParseResult parsed = cmd.parseArgs("--wait", "0s", "serve", "--snapshot",
                dir.resolve("grid.json").toString());
        ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
        try (CarbonBench bench = serve.bench()) {
            assertThat(bench.toString()).contains("source=snapshot");
            // the dashboard's other boundaries are built on this same source
            assertThat(cli.builtGridSource()).isPresent();
        }
        CarbonBenchCli plain = new CarbonBenchCli(CliTest.NOON);
        ServeCommand noLive = (ServeCommand) CarbonBenchCli.commandLine(plain).parseArgs("serve").subcommand()
                .commandSpec().userObject();
        try (CarbonBench bench = noLive.bench()) {
            assertThat(bench.toString()).contains("source=catalog");
            assertThat(plain.builtGridSource()).isEmpty();
        }
    }

    @Test
    void an_invalid_port_or_address_exits_2() {
        assertThat(CliTest.run("serve", "--port", "70000").err()).contains("--port must be from 0 to 65535");
        assertThat(CliTest.run("serve", "--port", "70000").exitCode()).isEqualTo(2);
        assertThat(CliTest.run("serve", "--bind", "no-such-host.invalid").exitCode()).isEqualTo(2);
    }

    @Test
    void a_port_in_use_exits_1_with_the_reason() {
        try (CarbonBench bench = CarbonBench.create();
             DashboardServer taken = DashboardServer.start(bench, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Run r = CliTest.run("serve", "--port", String.valueOf(taken.address().getPort()));
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("cannot listen on");
        }
    }

    @Test
    void every_endpoint_answers_what_the_cli_json_prints() throws Exception {
        CarbonBenchCli cli = new CarbonBenchCli(CliTest.NOON);
        new CommandLine(cli).parseArgs("--catalog", CliTest.fixture(), "--boundary", "gpu"); // as CliTest.onFixture
        try (CarbonBench bench = cli.bench();
             DashboardServer server = DashboardServer.start(bench, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            HttpClient client = HttpClient.newHttpClient();
            String[][] pairs = {
                {"/api/leaderboard?family=llama&sort=cost&limit=3", "leaderboard --family llama --sort cost --limit 3 --json"},
                {"/api/leaderboard?eu_only=true", "leaderboard --eu-only --limit 0 --json"},
                {"/api/recommend?model=small-8b&provider=cloud&max_price=0.5",
                    "recommend small-8b --provider cloud --max-price 0.5 --json"},
                {"/api/recommend?model=big-70b", "recommend big-70b --json"},
                {"/api/intensity?region=central-1", "curve central-1 --json"},
                {"/api/models", "models --json"},
                {"/api/models?family=qwen", "models --family qwen --json"},
                {"/api/providers", "providers --json"},
                {"/api/regions?provider=api", "regions --provider api --json"},
            };
            for (String[] pair : pairs) {
                HttpResponse<String> api = client.send(HttpRequest.newBuilder(server.uri().resolve(pair[0])).build(),
                        HttpResponse.BodyHandlers.ofString());
                Run cliRun = CliTest.onFixture(pair[1].split(" "));
                assertThat(api.statusCode()).as(pair[0]).isEqualTo(200);
                JsonNode fromApi = JSON.readTree(api.body());
                assertThat(fromApi).as(pair[0] + " vs " + pair[1]).isEqualTo(cliRun.json());
            }
        }
    }
}
