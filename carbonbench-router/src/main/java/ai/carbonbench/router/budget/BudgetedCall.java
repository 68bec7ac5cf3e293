package ai.carbonbench.router.budget;

import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.router.Usage;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link BudgetedRouter} needs to know about one call: the budget key it is charged to, an optional
 * upper estimate of its tokens, the model requested (default: the router's baseline endpoint's model) and the
 * caller's {@link QualityFloor}. Immutable; start with {@link #of(String)}.
 *
 * @param key          the budget key: tenant, team, feature or any other string
 * @param estimate     the reservation's token estimate (at most so many tokens in and out); empty means the budget's default for the model
 * @param model        the requested model (canonical id); empty means the baseline endpoint's model
 * @param qualityFloor whether substitutes may answer
 */
public record BudgetedCall(String key, Optional<Usage> estimate, Optional<String> model,
        QualityFloor qualityFloor) {

    public BudgetedCall {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(model, "model");
        model = model.map(m -> m.trim().toLowerCase(Locale.ROOT));
        Objects.requireNonNull(qualityFloor, "qualityFloor");
    }

    /** A call charged to {@code key}, with the default estimate, the baseline's model and no substitutes. */
    public static BudgetedCall of(String key) {
        return new BudgetedCall(key, Optional.empty(), Optional.empty(), QualityFloor.REQUESTED_MODEL);
    }

    /** This call with an upper estimate of its tokens. */
    public BudgetedCall withEstimate(long inputTokens, long maxOutputTokens) {
        // named as the caller knows them (Usage would say outputTokens), in the order the parameters come
        Checks.count("inputTokens", inputTokens);
        Checks.count("maxOutputTokens", maxOutputTokens);
        return new BudgetedCall(key, Optional.of(new Usage(inputTokens, maxOutputTokens)), model, qualityFloor);
    }

    /** This call requesting {@code modelId}. */
    public BudgetedCall withModel(String modelId) {
        return new BudgetedCall(key, estimate, Optional.of(modelId), qualityFloor);
    }

    /** This call with the caller's quality floor. */
    public BudgetedCall withQualityFloor(QualityFloor floor) {
        return new BudgetedCall(key, estimate, model, floor);
    }
}
