/**
 * Deferrable work: {@code CarbonScheduler} runs submitted jobs at the cleanest time and place before their
 * deadline, re-plans as forecasts change, and keeps pending jobs across restarts.
 */
@NullMarked
package ai.carbonbench.router.schedule;

import org.jspecify.annotations.NullMarked;
