package ai.carbonbench.examples.cli;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.CarbonBenchException;
import ai.carbonbench.examples.server.DashboardServer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = {"Serve the leaderboard page and the JSON API (loopback only by default).",
        "The global --live and --snapshot FILE_OR_URL give the page and the API live grid data.",
        "Recommended heap: java -Xmx256m -jar carbonbench.jar serve"})
final class ServeCommand extends Subcommand {

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default 8080; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default 127.0.0.1).")
    String bind = "127.0.0.1";

    @Override
    void run() {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be from 0 to 65535, was " + port);
        }
        InetSocketAddress address = address();
        CarbonBench bench = bench();
        DashboardServer server;
        try {
            // Answers at the other boundaries read the same live or snapshot data as this one.
            server = parent.builtGridSource().isPresent()
                    ? DashboardServer.start(bench, address, parent.builtGridSource().get())
                    : DashboardServer.start(bench, address);
        } catch (UncheckedIOException e) {
            bench.close();
            throw new CarbonBenchException(e.getMessage(), true, e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            bench.close();
            stopped.countDown();
        }, "carbonbench-serve-shutdown"));
        PrintWriter out = out();
        out.println("CarbonBench dashboard on " + server.uri() + " (API under " + server.uri() + "api/; Ctrl-C to stop)");
        if (!server.address().getAddress().isLoopbackAddress()) {
            out.println("warning: listening beyond loopback; anyone who can reach " + address + " can read the API");
        }
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private InetSocketAddress address() {
        try {
            return new InetSocketAddress(InetAddress.getByName(bind), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind: not an address of this machine: '" + bind + "'");
        }
    }
}
