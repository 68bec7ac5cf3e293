package ai.carbonbench.langchain4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible endpoint on loopback whose stream breaks after its first token: it promises a long
 * body, sends one server-sent event, and closes the connection. WireMock's faults cannot send a valid event
 * before failing, hence this raw socket.
 */
final class BrokenStreamServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread acceptor;
    final AtomicInteger requests = new AtomicInteger();

    BrokenStreamServer(String model, String firstToken) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: 100000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] event = OpenAiStubs.chunk(model, firstToken).getBytes(StandardCharsets.UTF_8);
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    readRequest(s.getInputStream());
                    requests.incrementAndGet();
                    OutputStream out = s.getOutputStream();
                    out.write(head);
                    out.write(event);
                    out.flush();
                    Thread.sleep(200);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "broken-stream-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    /** Reads the headers and the Content-Length body of one request. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            headers.append((char) c);
            if (headers.length() >= 4 && headers.substring(headers.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        int length = 0;
        for (String line : headers.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
