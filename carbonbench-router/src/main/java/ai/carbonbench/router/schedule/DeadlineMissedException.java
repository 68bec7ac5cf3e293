package ai.carbonbench.router.schedule;

import ai.carbonbench.core.CarbonBenchException;

/**
 * A scheduled job that can no longer finish by its deadline (e.g. the process was down at its latest start),
 * and that the scheduler therefore did not start. Not retriable.
 */
public class DeadlineMissedException extends CarbonBenchException {

    private static final long serialVersionUID = 1L;

    public DeadlineMissedException(String message) {
        super(message, false);
    }
}
