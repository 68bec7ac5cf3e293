package ai.carbonbench.core.catalog;

import java.time.LocalDate;
import java.util.Objects;

/**
 * List price of an offering, USD per million tokens.
 *
 * @param usdPerMillionInput  price of prompt tokens
 * @param usdPerMillionOutput price of generated tokens
 * @param source              price table
 * @param date                when the price was checked
 * @param entry               the entry of the price table the figures come from (its key there), or empty
 *                            for prices a user supplies without one
 */
public record Price(double usdPerMillionInput, double usdPerMillionOutput, Source source, LocalDate date, String entry) {

    public Price {
        Checks.nonNegative("usdPerMillionInput", usdPerMillionInput);
        Checks.nonNegative("usdPerMillionOutput", usdPerMillionOutput);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(entry, "entry");
    }

    /** A price without a named source entry. */
    public Price(double usdPerMillionInput, double usdPerMillionOutput, Source source, LocalDate date) {
        this(usdPerMillionInput, usdPerMillionOutput, source, date, "");
    }
}
