/**
 * CarbonBench in monitoring systems: {@link ai.carbonbench.micrometer.CarbonMeters}, Micrometer meters over
 * the emissions ledger and grid intensities (Prometheus: {@code carbonbench_emissions_grams_total}, …), and
 * {@link ai.carbonbench.micrometer.CarbonSpanAttributes}, the carbon of each call as OpenTelemetry span
 * attributes ({@code gen_ai.carbon.*}, {@code gen_ai.energy.*}).
 */
@NullMarked
package ai.carbonbench.micrometer;

import org.jspecify.annotations.NullMarked;
