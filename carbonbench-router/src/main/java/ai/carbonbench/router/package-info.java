/**
 * Carbon-aware routing: {@code CarbonRouter} picks the cleanest healthy endpoint for each call, fails
 * over, and accounts the grams of every call in an {@code EmissionsLedger}.
 */
@NullMarked
package ai.carbonbench.router;

import org.jspecify.annotations.NullMarked;
