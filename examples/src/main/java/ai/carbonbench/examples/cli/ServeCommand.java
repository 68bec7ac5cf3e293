package ai.carbonbench.examples.cli;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.CarbonBenchException;
import ai.carbonbench.examples.server.DashboardServer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Serve the leaderboard page and the JSON API (loopback only by default).")
final class ServeCommand extends Subcommand {

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default 8080; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default 127.0.0.1).")
    String bind = "127.0.0.1";

    @Option(names = "--live", description = "Use live grid data.")
    boolean live;

    @Option(names = "--snapshot", paramLabel = "FILE", description = "Use live grid data recorded in this file.")
    Path snapshot;

    @Override
    void run() {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be from 0 to 65535, was " + port);
        }
        InetSocketAddress address = address();
        CarbonBench bench = bench();
        DashboardServer server;
        try {
            server = DashboardServer.start(bench, address);
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

    /**
     * The CarbonBench to serve: {@code serve --live} and {@code serve --snapshot F} mean the same as the
     * global {@code --live} and {@code --snapshot}, so the dashboard and the API show live values
     * (with their provenance) wherever a live source has them.
     */
    @Override
    CarbonBench bench() {
        if (live) {
            parent.live = Boolean.TRUE;
        }
        if (snapshot != null) {
            parent.snapshot = snapshot.toString();
        }
        return super.bench();
    }

    private InetSocketAddress address() {
        try {
            return new InetSocketAddress(InetAddress.getByName(bind), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind: not an address of this machine: '" + bind + "'");
        }
    }
}
