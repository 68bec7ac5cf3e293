package ai.carbonbench.router;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The attributes CarbonBench proposes for the carbon and energy of one generative-AI call, next to
 * OpenTelemetry's GenAI conventions ({@code gen_ai.usage.input_tokens}, …): each with its name ({@link #key()})
 * and how a {@link CallReceipt} gives its value, so that names and values are listed once. The OpenTelemetry span
 * listener, the Spring AI observation filter and the adapters all emit exactly these; {@code
 * docs/semantic-conventions.md} defines them (units, boundary, provenance).
 *
 * <p>Units are not in the names (as in OpenTelemetry's conventions) but fixed: grams of CO2e, gCO2e/kWh,
 * watt-hours. Values are {@code Double}, {@code Long} or {@code String}.
 */
public enum CarbonAttributes {

    /** {@code double}, g CO2e: central estimate of the call's emissions. */
    EMISSIONS("gen_ai.carbon.emissions", r -> r.grams().central()),
    /** {@code double}, g CO2e: low end of the estimate's range. */
    EMISSIONS_LOW("gen_ai.carbon.emissions_low", r -> r.grams().low()),
    /** {@code double}, g CO2e: high end of the estimate's range. */
    EMISSIONS_HIGH("gen_ai.carbon.emissions_high", r -> r.grams().high()),
    /** {@code double}, g CO2e: what the same tokens would have emitted on the baseline offering. */
    BASELINE_EMISSIONS("gen_ai.carbon.baseline_emissions", CallReceipt::baselineGrams),
    /** {@code string}: the offering that served the call, {@code provider/region/model} in catalog ids. */
    OFFERING("gen_ai.carbon.offering", r -> r.endpoint().toString()),
    /** {@code int}: how many offerings failed (retriably) before this one answered. */
    FAILOVERS("gen_ai.carbon.failovers", r -> (long) r.failedOver().size()),
    /** {@code double}, gCO2e/kWh: the grid intensity used. */
    GRID_INTENSITY("gen_ai.carbon.grid.intensity", r -> r.intensityGramsPerKwh().central()),
    /** {@code string}: the grid zone, Electricity Maps zone ids ({@code SE-SE3}, {@code US-MIDA-PJM}). */
    GRID_ZONE("gen_ai.carbon.grid.zone", CallReceipt::zone),
    /** {@code string}: where the intensity came from: {@code live}, {@code forecast}, {@code history}, {@code stale}, {@code default}. */
    GRID_PROVENANCE("gen_ai.carbon.grid.provenance", r -> r.provenance().name().toLowerCase(Locale.ROOT)),
    /** {@code string}: the accounting method, {@code location-based}. */
    METHOD("gen_ai.carbon.method", r -> EmissionsLedger.METHOD),
    /** {@code string}: the accounting boundary: {@code gpu}, {@code server} or {@code lifecycle}. */
    BOUNDARY("gen_ai.carbon.boundary", r -> r.boundary().id()),
    /** {@code double}, Wh: the call's energy at the boundary (emissions ÷ intensity). */
    ENERGY("gen_ai.energy.consumption", CallReceipt::energyWattHours);

    private static final CarbonAttributes[] ALL = values();

    private final String key;
    private final Function<CallReceipt, Object> value;

    CarbonAttributes(String key, Function<CallReceipt, Object> value) {
        this.key = key;
        this.value = value;
    }

    /** The attribute's name, e.g. {@code gen_ai.carbon.emissions}. */
    public String key() {
        return key;
    }

    /** The attributes of one call by name, in the order above. */
    public static Map<String, Object> of(CallReceipt r) {
        Objects.requireNonNull(r, "r");
        Map<String, Object> a = new LinkedHashMap<>();
        for (CarbonAttributes attribute : ALL) {
            a.put(attribute.key, attribute.value.apply(r));
        }
        return a;
    }
}
