package ai.carbonbench.core.catalog;

import ai.carbonbench.core.CarbonBenchException;

/**
 * A catalog file that cannot be used: unreadable, malformed, or failing validation. The message
 * names the file, the JSON path and the reason, for example
 * {@code catalog.json: $.offerings[12].region: unknown region 'us-east-9' of provider 'aws-bedrock'}.
 */
public final class CatalogException extends CarbonBenchException {

    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message, false);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
