package ai.carbonbench.core.grid;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every requested wait and, instead of waiting, moves the fake ticker ahead by it. */
final class FakeDelayer implements Delayer {
    private final FakeTicker ticker;
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    FakeDelayer(FakeTicker ticker) {
        this.ticker = ticker;
    }

    @Override
    public CompletableFuture<Void> after(long nanos) {
        if (nanos > 0) {
            waits.add(Duration.ofNanos(nanos));
            ticker.advance(Duration.ofNanos(nanos));
        }
        return CompletableFuture.completedFuture(null);
    }
}
