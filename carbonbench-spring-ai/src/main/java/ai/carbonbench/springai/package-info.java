/**
 * CarbonBench for Spring AI: {@link ai.carbonbench.springai.CarbonAwareChatModel}, a chat model that routes
 * each call to the cleanest healthy candidate and attaches a receipt
 * ({@link ai.carbonbench.springai.CarbonReceipts}); {@link ai.carbonbench.springai.CarbonObservationFilter},
 * which accounts any Spring AI chat model through its observations; {@link ai.carbonbench.springai.LeanerAnswers},
 * opt-in brevity when the chosen offering's grid is dirty.
 */
@NullMarked
package ai.carbonbench.springai;

import org.jspecify.annotations.NullMarked;
