package ai.carbonbench.router.budget;

/**
 * The caller's word, per call, on whether another model may answer. CarbonBench measures grams only: whether
 * a smaller model's answer is good enough for a task is the caller's judgment, never the library's.
 */
public enum QualityFloor {
    /** Only the requested model may answer (the default). */
    REQUESTED_MODEL,
    /** An allowed substitute of the requested model may answer, under a {@link SubstitutionPolicy}. */
    SUBSTITUTES_ACCEPTABLE
}
