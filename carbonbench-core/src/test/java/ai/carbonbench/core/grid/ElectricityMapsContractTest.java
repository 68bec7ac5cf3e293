package ai.carbonbench.core.grid;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

final class ElectricityMapsContractTest extends GridIntensitySourceContract {
    @Override
    GridIntensitySource source() {
        return new ElectricityMapsSource.Builder(n -> null).apiKey("k").baseUrl(URI.create(ContractServer.wm.baseUrl()))
                .clock(Clock.fixed(Instant.parse("2023-05-02T19:55:00Z"), ZoneOffset.UTC)).executor(Runnable::run)
                .logger(new RecordingLogger()).build();
    }
}
