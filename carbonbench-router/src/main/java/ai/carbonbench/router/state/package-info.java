/**
 * {@code StateStore}: the persistence SPI budgets and the scheduler share, with in-memory and directory
 * implementations.
 */
package ai.carbonbench.router.state;
