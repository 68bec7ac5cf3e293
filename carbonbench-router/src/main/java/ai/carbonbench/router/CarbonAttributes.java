package ai.carbonbench.router;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The attribute names CarbonBench proposes for the carbon and energy of one generative-AI call, next to
 * OpenTelemetry's GenAI conventions ({@code gen_ai.usage.input_tokens}, …), and the one place that turns a
 * {@link CallReceipt} into them. The OpenTelemetry span listener, the Spring AI observation filter and the
 * adapters all emit exactly these names; {@code docs/semantic-conventions.md} defines them (units, boundary,
 * provenance).
 *
 * <p>Units are not in the names (as in OpenTelemetry's conventions) but fixed: grams of CO2e, gCO2e/kWh,
 * watt-hours.
 */
public final class CarbonAttributes {

    /** {@code double}, g CO2e: central estimate of the call's emissions. */
    public static final String EMISSIONS = "gen_ai.carbon.emissions";
    /** {@code double}, g CO2e: low end of the estimate's range. */
    public static final String EMISSIONS_LOW = "gen_ai.carbon.emissions_low";
    /** {@code double}, g CO2e: high end of the estimate's range. */
    public static final String EMISSIONS_HIGH = "gen_ai.carbon.emissions_high";
    /** {@code double}, g CO2e: what the same tokens would have emitted on the baseline offering. */
    public static final String BASELINE_EMISSIONS = "gen_ai.carbon.baseline_emissions";
    /** {@code string}: the offering that served the call, {@code provider/region/model} in catalog ids. */
    public static final String OFFERING = "gen_ai.carbon.offering";
    /** {@code int}: how many offerings failed (retriably) before this one answered. */
    public static final String FAILOVERS = "gen_ai.carbon.failovers";
    /** {@code double}, gCO2e/kWh: the grid intensity used. */
    public static final String GRID_INTENSITY = "gen_ai.carbon.grid.intensity";
    /** {@code string}: the grid zone, Electricity Maps zone ids ({@code SE-SE3}, {@code US-MIDA-PJM}). */
    public static final String GRID_ZONE = "gen_ai.carbon.grid.zone";
    /** {@code string}: where the intensity came from: {@code live}, {@code forecast}, {@code history}, {@code stale}, {@code default}. */
    public static final String GRID_PROVENANCE = "gen_ai.carbon.grid.provenance";
    /** {@code string}: the accounting method, {@code location-based}. */
    public static final String METHOD = "gen_ai.carbon.method";
    /** {@code string}: the accounting boundary: {@code gpu}, {@code server} or {@code lifecycle}. */
    public static final String BOUNDARY = "gen_ai.carbon.boundary";
    /** {@code double}, Wh: the call's energy at the boundary (emissions ÷ intensity). */
    public static final String ENERGY = "gen_ai.energy.consumption";

    private CarbonAttributes() {
    }

    /** The attributes of one call, in the order above; values are {@code Double}, {@code Long} or {@code String}. */
    public static Map<String, Object> of(CallReceipt r) {
        Objects.requireNonNull(r, "r");
        Map<String, Object> a = new LinkedHashMap<>();
        a.put(EMISSIONS, r.grams().central());
        a.put(EMISSIONS_LOW, r.grams().low());
        a.put(EMISSIONS_HIGH, r.grams().high());
        a.put(BASELINE_EMISSIONS, r.baselineGrams());
        a.put(OFFERING, r.endpoint().toString());
        a.put(FAILOVERS, (long) r.failedOver().size());
        a.put(GRID_INTENSITY, r.intensityGramsPerKwh().central());
        a.put(GRID_ZONE, r.zone());
        a.put(GRID_PROVENANCE, r.provenance().name().toLowerCase(Locale.ROOT));
        a.put(METHOD, EmissionsLedger.METHOD);
        a.put(BOUNDARY, r.boundary().id());
        a.put(ENERGY, r.energyWattHours());
        return a;
    }
}
