package ai.carbonbench.micrometer;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.router.CallReceipt;
import ai.carbonbench.router.CallRecord;
import ai.carbonbench.router.CarbonAttributes;
import ai.carbonbench.router.EmissionsLedger;
import io.opentelemetry.api.trace.Span;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the carbon of each recorded LLM call to the current OpenTelemetry span, with the attribute names of
 * {@link CarbonAttributes} ({@code gen_ai.carbon.emissions}, {@code gen_ai.energy.consumption}, …; see
 * {@code docs/semantic-conventions.md}). Needs {@code io.opentelemetry:opentelemetry-api} on the class path
 * (an optional dependency of this module).
 *
 * <pre>{@code
 * CarbonSpanAttributes.subscribe(router.ledger(), carbonBench);   // every call recorded in the ledger
 * CarbonSpanAttributes.addTo(Span.current(), receipt);             // or one receipt, to a span of your choice
 * }</pre>
 *
 * <p>The ledger calls its subscribers on the thread that records the call, which for a router or a
 * carbon-aware chat model is the caller's thread inside the call, so {@link Span#current()} is the caller's
 * span. A span that is not recording is left alone. Never throws into the caller: failures are logged at
 * DEBUG.
 *
 * <p>Immutable and thread-safe.
 */
public final class CarbonSpanAttributes implements Consumer<CallRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(CarbonSpanAttributes.class);

    private final CarbonBench carbonBench;

    private CarbonSpanAttributes(CarbonBench carbonBench) {
        this.carbonBench = Objects.requireNonNull(carbonBench, "carbonBench");
    }

    /**
     * Subscribes to {@code ledger}: each call recorded from now on adds its attributes to the span current on the
     * recording thread. The intensity (and so the energy) is the one that priced the call; {@code carbonBench}
     * scores a record that does not carry its score at the hour it was recorded.
     */
    public static CarbonSpanAttributes subscribe(EmissionsLedger ledger, CarbonBench carbonBench) {
        CarbonSpanAttributes a = new CarbonSpanAttributes(carbonBench);
        Objects.requireNonNull(ledger, "ledger").subscribe(a);
        return a;
    }

    /** Adds the attributes of {@code record} to the current span. */
    @Override
    public void accept(CallRecord record) {
        Span span = Span.current();
        if (!span.isRecording()) {
            return;
        }
        try {
            // the score that priced the call, as the adapters' receipts read it; re-scored only for a record without it
            Range intensity = record.score().orElseGet(() -> carbonBench.scoreAt(record.endpoint(), record.at()))
                    .intensityGramsPerKwh();
            addTo(span, CallReceipt.of(record, intensity, List.of(), true));
        } catch (RuntimeException e) {
            LOG.debug("Could not add carbon attributes to the current span: {}", e.toString());
        }
    }

    /** Adds the attributes of one call's receipt to {@code span}. */
    public static void addTo(Span span, CallReceipt receipt) {
        Objects.requireNonNull(span, "span");
        for (Map.Entry<String, Object> e : CarbonAttributes.of(receipt).entrySet()) {
            Object v = e.getValue();
            if (v instanceof Double d) {
                span.setAttribute(e.getKey(), d);
            } else if (v instanceof Long l) {
                span.setAttribute(e.getKey(), l);
            } else {
                span.setAttribute(e.getKey(), String.valueOf(v));
            }
        }
    }

    @Override
    public String toString() {
        return "CarbonSpanAttributes";
    }
}
