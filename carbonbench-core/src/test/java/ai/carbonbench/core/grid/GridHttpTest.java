package ai.carbonbench.core.grid;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the HTTP source tests share: one loopback WireMock server per test class, reset before each test,
 * and a fake ticker, delayer and logger per test.
 */
abstract class GridHttpTest {

    static WireMockServer wm;

    final FakeTicker ticker = new FakeTicker();
    final FakeDelayer delayer = new FakeDelayer(ticker);
    final RecordingLogger log = new RecordingLogger();

    @BeforeAll
    static void startServer() {
        wm = WireMockSupport.start();
    }

    @AfterAll
    static void stopServer() {
        wm.stop();
    }

    @BeforeEach
    void resetServer() {
        wm.resetAll();
    }
}
