package ai.carbonbench.core.catalog;

import java.util.Objects;

/**
 * Where a figure comes from: publisher, dataset, year of the data release and its licence.
 *
 * @param id        the key the catalog uses to refer to this source, e.g. {@code mlenergy-v3}
 * @param publisher who publishes the data
 * @param dataset   which data set or document
 * @param year      year of the data release
 * @param licence   SPDX-style licence of the data
 * @param url       where to find it; may be empty
 */
public record Source(String id, String publisher, String dataset, int year, String licence, String url) {

    public Source {
        Checks.notBlank("id", id);
        Checks.notBlank("publisher", publisher);
        Checks.notBlank("dataset", dataset);
        Checks.notBlank("licence", licence);
        Objects.requireNonNull(url, "url");
    }

    /** One line for humans: {@code ML.ENERGY, ML.ENERGY Benchmark v3 (2026, Apache-2.0)}. */
    public String citation() {
        return publisher + ", " + dataset + " (" + year + ", " + licence + ")";
    }
}
