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
 */
public record Price(double usdPerMillionInput, double usdPerMillionOutput, Source source, LocalDate date) {

    public Price {
        Checks.nonNegative("usdPerMillionInput", usdPerMillionInput);
        Checks.nonNegative("usdPerMillionOutput", usdPerMillionOutput);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(date, "date");
    }
}
