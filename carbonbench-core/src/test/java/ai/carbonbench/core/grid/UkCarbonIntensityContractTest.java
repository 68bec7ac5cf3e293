package ai.carbonbench.core.grid;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

final class UkCarbonIntensityContractTest extends GridIntensitySourceContract {
    @Override
    String knownZone() {
        return "GB";
    }

    @Override
    GridIntensitySource source() {
        return new UkCarbonIntensitySource.Builder(n -> null).baseUrl(URI.create(ContractServer.wm.baseUrl()))
                .clock(Clock.fixed(Instant.parse("2020-05-21T21:05:00Z"), ZoneOffset.UTC)).executor(Runnable::run)
                .logger(new RecordingLogger()).build();
    }
}
