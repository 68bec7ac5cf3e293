package ai.carbonbench.micrometer;

import static ai.carbonbench.micrometer.CarbonMetersTest.EU_NORTH;
import static ai.carbonbench.micrometer.CarbonMetersTest.US_WEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.router.CarbonAttributes;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

final class CarbonSpanAttributesTest {

    @Test
    void a_routed_call_adds_the_proposed_carbon_attributes_to_the_current_span() {
        CarbonBench cb = CarbonMetersTest.carbonBench();
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
            Tracer tracer = tracing.get("test");
            CarbonRouter<String> router = CarbonRouter.<String>builder(cb).endpoint(US_WEST, "us-west")
                    .endpoint(EU_NORTH, "eu-north").build();
            CarbonSpanAttributes.subscribe(router.ledger(), cb);

            Span span = tracer.spanBuilder("chat test-model").startSpan();
            try (Scope ignored = span.makeCurrent()) {
                router.call(c -> "ok", r -> Usage.of(3000, 1000));
            } finally {
                span.end();
            }

            SpanData data = exporter.getFinishedSpanItems().get(0);
            // 1.6 Wh on SE at 40 g/kWh = 0.064 g; the baseline (US-B, 300 g/kWh) 0.48 g
            assertThat(data.getAttributes().get(AttributeKey.doubleKey(CarbonAttributes.EMISSIONS.key())))
                    .isCloseTo(0.064, within(1e-9));
            assertThat(data.getAttributes().get(AttributeKey.doubleKey(CarbonAttributes.BASELINE_EMISSIONS.key())))
                    .isCloseTo(0.48, within(1e-9));
            assertThat(data.getAttributes().get(AttributeKey.doubleKey(CarbonAttributes.ENERGY.key())))
                    .isCloseTo(1.6, within(1e-6));
            assertThat(data.getAttributes().get(AttributeKey.doubleKey(CarbonAttributes.GRID_INTENSITY.key()))).isEqualTo(40.0);
            assertThat(data.getAttributes().get(AttributeKey.stringKey(CarbonAttributes.GRID_ZONE.key()))).isEqualTo("SE");
            assertThat(data.getAttributes().get(AttributeKey.stringKey(CarbonAttributes.GRID_PROVENANCE.key())))
                    .isEqualTo("default");
            assertThat(data.getAttributes().get(AttributeKey.stringKey(CarbonAttributes.OFFERING.key())))
                    .isEqualTo("alpha/eu-north/test-model");
            assertThat(data.getAttributes().get(AttributeKey.stringKey(CarbonAttributes.BOUNDARY.key()))).isEqualTo("gpu");
            assertThat(data.getAttributes().get(AttributeKey.stringKey(CarbonAttributes.METHOD.key())))
                    .isEqualTo("location-based");
        }
    }

    @Test
    void the_energy_is_at_the_intensity_that_priced_the_call_even_when_the_grid_moved_before_it_was_recorded() {
        CarbonMetersTest.LiveSe grid = new CarbonMetersTest.LiveSe();
        grid.set(40);
        CarbonBench cb = CarbonMetersTest.carbonBenchBuilder().gridSource(grid).build();
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
            CarbonRouter<String> router = CarbonRouter.<String>builder(cb).endpoint(EU_NORTH, "eu-north").build();
            CarbonSpanAttributes.subscribe(router.ledger(), cb);

            Span span = tracing.get("test").spanBuilder("chat test-model").startSpan();
            try (Scope ignored = span.makeCurrent()) {
                router.call(c -> {
                    grid.set(80); // after the router priced the call at 40 g/kWh
                    return "ok";
                }, r -> Usage.of(3000, 1000));
            } finally {
                span.end();
            }

            SpanData data = exporter.getFinishedSpanItems().get(0);
            // priced at 40 g/kWh: 1.6 Wh -> 0.064 g; the energy is the call's 1.6 Wh, not 0.064 g / 80 g/kWh
            assertThat(data.getAttributes().get(AttributeKey.doubleKey(CarbonAttributes.EMISSIONS.key())))
                    .isCloseTo(0.064, within(1e-9));
            assertThat(data.getAttributes().get(AttributeKey.doubleKey(CarbonAttributes.GRID_INTENSITY.key()))).isEqualTo(40.0);
            assertThat(data.getAttributes().get(AttributeKey.doubleKey(CarbonAttributes.ENERGY.key())))
                    .isCloseTo(1.6, within(1e-6));
        }
    }

    @Test
    void without_a_recording_span_nothing_happens_and_nothing_throws() {
        CarbonBench cb = CarbonMetersTest.carbonBench();
        CarbonRouter<String> router = CarbonRouter.<String>builder(cb).endpoint(EU_NORTH, "eu-north").build();
        CarbonSpanAttributes.subscribe(router.ledger(), cb);
        String answer = router.call(c -> "ok", r -> Usage.of(1, 1));
        assertThat(answer).isEqualTo("ok");
    }
}
