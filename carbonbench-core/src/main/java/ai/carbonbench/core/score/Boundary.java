package ai.carbonbench.core.score;

import java.util.Locale;
import java.util.Objects;

/**
 * What an emission figure counts: the accounting boundary of every {@link Score}, receipt and ledger
 * record. The catalog's energy figures are accelerator (GPU) energy; the boundary says what is added to
 * them. The constants live in the catalog's {@code boundary-v1} method (docs/data.md §3.6).
 *
 * <table>
 * <caption>What each boundary includes</caption>
 * <tr><th>boundary</th><th>gCO2e per million tokens</th><th>comparable with</th></tr>
 * <tr><td>{@link #GPU}</td><td>E × PUE × I</td><td>ML.ENERGY, AI Energy Score, CarbonBench 0.1</td></tr>
 * <tr><td>{@link #SERVER}</td><td>E × 1.603 × PUE × I</td><td>Google's per-prompt figure, Microsoft's and OpenAI's
 *     per-query figures, EcoLogits' energy</td></tr>
 * <tr><td>{@link #LIFECYCLE}</td><td>{@code SERVER} + E × embodied g/kWh</td><td>Mistral's life-cycle analysis,
 *     EcoLogits' GWP with embodied impacts</td></tr>
 * </table>
 *
 * <p>E is the model's Wh per 1,000 tokens, I the grid intensity in gCO2e/kWh, PUE the provider's power
 * usage effectiveness. Data-centre overhead is counted once, by the PUE.
 */
public enum Boundary {

    /** Accelerator energy only, times PUE: the formula of version 0.1. */
    GPU,

    /**
     * The default: the accelerator plus host CPU and memory and idle provisioned capacity, times PUE. The
     * factor is Google's full-stack split (58 % accelerator, 25 % host, 10 % idle; its 8 % overhead is
     * left to the PUE).
     */
    SERVER,

    /** {@link #SERVER} plus the embodied emissions of the accelerator and its server share, per kWh of accelerator energy. */
    LIFECYCLE;

    /** The lower-case name used in JSON and on the command line: {@code gpu}, {@code server}, {@code lifecycle}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The boundary with this id, case-insensitive; an {@link IllegalArgumentException} naming the valid ids otherwise. */
    public static Boundary of(String id) {
        Objects.requireNonNull(id, "id");
        for (Boundary b : values()) {
            if (b.id().equalsIgnoreCase(id.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown boundary '" + id + "'; expected gpu, server or lifecycle");
    }
}
