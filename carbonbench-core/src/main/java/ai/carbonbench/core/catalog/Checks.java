package ai.carbonbench.core.catalog;

import java.util.Objects;

/**
 * The argument checks of every CarbonBench module, with one message format that names the field and the
 * value ({@code "pue must be a finite number >= 1, was NaN"}). NaN and infinities never pass a numeric
 * check. Stateless; every method returns its argument so that it can be used in an assignment.
 */
public final class Checks {

    private Checks() {
    }

    /** {@code value}, a finite number {@code >= 0}; else {@link IllegalArgumentException}. */
    public static double nonNegative(String field, double value) {
        return atLeast(field, value, 0);
    }

    /** {@code value}, a count {@code >= 0} (tokens, micrograms); else {@link IllegalArgumentException}. */
    public static long count(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    /** {@code value}, a finite number {@code > 0}; else {@link IllegalArgumentException}. */
    public static double positive(String field, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException(field + " must be a finite number > 0, was " + value);
        }
        return value;
    }

    /** {@code value}, a finite number {@code >= min}; else {@link IllegalArgumentException}. */
    static double atLeast(String field, double value, double min) {
        if (!Double.isFinite(value) || value < min) {
            throw new IllegalArgumentException(field + " must be a finite number >= " + number(min) + ", was " + value);
        }
        return value;
    }

    /** {@code value}, a finite number within {@code min..max}; else {@link IllegalArgumentException}. */
    public static double within(String field, double value, double min, double max) {
        if (!Double.isFinite(value) || value < min || value > max) {
            throw new IllegalArgumentException(field + " must be within " + number(min) + ".." + number(max) + ", was "
                    + value);
        }
        return value;
    }

    /** {@code value}, not null and not blank; else {@link NullPointerException} or {@link IllegalArgumentException}. */
    public static String notBlank(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    /**
     * Checks a record's reference components at once: {@code names} lists them in the order of {@code values},
     * separated by commas ({@code "model, provider, region"}). The first null one is reported as
     * {@code Objects.requireNonNull(value, name)} would report it, with a {@link NullPointerException} whose
     * message is its name.
     */
    public static void nonNull(String names, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                String[] split = names.split(",");
                throw new NullPointerException(i < split.length ? split[i].strip() : "component " + i + " of " + names);
            }
        }
    }

    /** {@code 1} for 1.0, {@code 0.5} for 0.5: bounds as people write them. */
    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
