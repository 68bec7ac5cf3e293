package ai.carbonbench.router.schedule;

import ai.carbonbench.core.catalog.OfferingKey;

/**
 * Runs one deferred job when a {@link CarbonScheduler} starts it: the caller's descriptor (what to do, as data
 * that survives a restart) and the endpoint the scheduler chose.
 *
 * @param <D> the job descriptor type
 * @param <R> the result type
 */
@FunctionalInterface
public interface JobRunner<D, R> {

    /** Runs the job on {@code endpoint}; an exception fails the job's future with it. */
    R run(D job, OfferingKey endpoint) throws Exception;
}
