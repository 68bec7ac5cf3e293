/**
 * {@code StateStore}: the persistence SPI budgets and the scheduler share, with in-memory and directory
 * implementations.
 */
@NullMarked
package ai.carbonbench.router.state;

import org.jspecify.annotations.NullMarked;
