/**
 * {@code EmissionsReport}: emissions per budget key and period for disclosure, as CSV and JSON; see
 * {@code docs/reporting.md} for how its fields map to scope-3 and ESRS E1 data points.
 */
@NullMarked
package ai.carbonbench.router.report;

import org.jspecify.annotations.NullMarked;
