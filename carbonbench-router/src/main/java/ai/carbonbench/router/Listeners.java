package ai.carbonbench.router;

import ai.carbonbench.core.catalog.OfferingKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dispatches events to the user's listeners; a listener's exception is logged and goes no further. */
final class Listeners implements RouterListener {

    private static final Logger LOG = LoggerFactory.getLogger(CarbonRouter.class);

    private final List<RouterListener> listeners;

    Listeners(List<RouterListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    private void each(String event, Consumer<RouterListener> action) {
        for (RouterListener l : listeners) {
            try {
                action.accept(l);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                LOG.warn("Router listener {} threw on {}; ignored", l, event, t);
            }
        }
    }

    @Override
    public void onDecision(RoutingDecision decision) {
        each("onDecision", l -> l.onDecision(decision));
    }

    @Override
    public void onFailover(OfferingKey from, Throwable failure, Optional<OfferingKey> next) {
        each("onFailover", l -> l.onFailover(from, failure, next));
    }

    @Override
    public void onCooldown(OfferingKey endpoint, Duration cooldown, Instant until, int consecutiveFailures) {
        each("onCooldown", l -> l.onCooldown(endpoint, cooldown, until, consecutiveFailures));
    }

    @Override
    public void onRecovery(OfferingKey endpoint) {
        each("onRecovery", l -> l.onRecovery(endpoint));
    }

    @Override
    public void onRecorded(CallRecord record) {
        each("onRecorded", l -> l.onRecorded(record));
    }
}
