package ai.carbonbench.router;

import ai.carbonbench.core.CarbonBenchException;

/**
 * Thrown by {@link CarbonRouter#call(CallFunction, UsageExtractor)} when no endpoint could serve the call:
 * every usable endpoint failed with a retriable failure (each failure is attached, in the order tried, as a
 * {@linkplain #getSuppressed() suppressed} exception), or every endpoint is cooling down or excluded by the
 * policy's constraints (nothing is attached then). Also thrown by {@link CarbonRouter#select()} when no
 * endpoint is usable.
 *
 * <p>{@link #retriable()} is true when waiting may help (failures or cooldowns), false when the policy's
 * constraints exclude every endpoint.
 */
public final class NoEndpointAvailableException extends CarbonBenchException {

    private static final long serialVersionUID = 1L;

    public NoEndpointAvailableException(String message, boolean retriable) {
        super(message, retriable);
    }

    /** With a cause, e.g. the router's own exception when an adapter rewords it. */
    public NoEndpointAvailableException(String message, boolean retriable, Throwable cause) {
        super(message, retriable, cause);
    }
}
