package ai.carbonbench.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The energy method recomputed from the raw public files beside the repository
 * ({@code ../shared/data/sources}, docs/data.md): the B200 scaling ratio, the scaled DeepSeek point, the
 * measured fit values and the prefill ratio. Skipped where the raw files are not present.
 */
final class RawEnergyDataTest {

    private static Path sources;
    private static List<Map<String, String>> mle;

    private final Catalog catalog = Catalog.embedded();

    @BeforeAll
    static void locate() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/data/sources").normalize();
            if (Files.isRegularFile(candidate.resolve("mlenergy_v3_llm_configurations_flat.csv"))) {
                sources = candidate;
                break;
            }
        }
        if (sources != null) {
            mle = csv(sources.resolve("mlenergy_v3_llm_configurations_flat.csv"));
        }
    }

    /** A plain CSV reader for these files (no quoted commas in the columns used). */
    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] head = lines.get(0).replace("\uFEFF", "").split(",", -1);
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < head.length && i < cells.length; i++) {
                row.put(head[i], cells[i]);
            }
            out.add(row);
        }
        return out;
    }

    private static double sig(double x, int digits) {
        return new BigDecimal(x).round(new MathContext(digits, RoundingMode.HALF_UP)).doubleValue();
    }

    private static double wh(Map<String, String> r) {
        return Double.parseDouble(r.get("gpu_wh_per_1000_output_tokens"));
    }

    private static Map<String, String> fewestGpus(List<Map<String, String>> rows) {
        return rows.stream().min(Comparator.comparingInt((Map<String, String> r) -> Integer.parseInt(r.get("num_gpus")))
                .thenComparingDouble(RawEnergyDataTest::wh)).orElseThrow();
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Median H100/B200 over every checkpoint and task measured on both at max_num_seqs 64. */
    private static double h100PerB200() {
        Map<String, Map<String, List<Map<String, String>>>> runs = new HashMap<>();
        for (Map<String, String> r : mle) {
            if (r.get("max_num_seqs").equals("64") && !r.get("architecture").equals("Mamba-Transformer Hybrid")) {
                runs.computeIfAbsent(r.get("task") + "|" + r.get("model_id"), k -> new HashMap<>())
                        .computeIfAbsent(r.get("gpu_model"), k -> new ArrayList<>()).add(r);
            }
        }
        List<Double> ratios = new ArrayList<>();
        runs.values().forEach(byGpu -> {
            if (byGpu.containsKey("H100") && byGpu.containsKey("B200")) {
                ratios.add(wh(fewestGpus(byGpu.get("H100"))) / wh(fewestGpus(byGpu.get("B200"))));
            }
        });
        assertThat(ratios).hasSizeGreaterThanOrEqualTo(15);
        return median(ratios);
    }

    @Test
    void the_b200_ratio_and_the_scaled_deepseek_point_follow_from_the_raw_runs() {
        assumeTrue(sources != null, "raw public data not beside the repository");
        double ratio = sig(h100PerB200(), 3);
        assertThat(catalog.method("b200-scaled-v1").orElseThrow().require("coefficients.ratio")).isEqualTo(ratio);
        List<Map<String, String>> ds = mle.stream().filter(r -> r.get("model_id").equals("deepseek-ai/DeepSeek-V3.1")
                && r.get("task").equals("lm-arena-chat") && r.get("gpu_model").equals("B200")
                && r.get("max_num_seqs").equals("64")).toList();
        assertThat(catalog.model("deepseek-v3.1").energy().outputWhPer1kTokens())
                .isEqualTo(sig(wh(fewestGpus(ds)) * ratio, 4));
    }

    @Test
    void every_measured_central_value_is_an_h100_batch_64_run_of_that_model() {
        assumeTrue(sources != null, "raw public data not beside the repository");
        int checked = 0;
        for (Model m : catalog.models()) {
            if (m.energy().basis() != Basis.MEASURED) {
                continue;
            }
            List<String> names = new ArrayList<>(m.aliases());
            boolean found = mle.stream().anyMatch(r -> names.contains(r.get("model_id")) && r.get("gpu_model").equals("H100")
                    && r.get("max_num_seqs").equals("64") && sig(wh(r), 4) == m.energy().outputWhPer1kTokens());
            assertThat(found).as(m.id()).isTrue();
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(15);
    }

    @Test
    void the_prefill_ratio_follows_from_tensorrt_llm_throughput_at_five_lengths() throws IOException {
        assumeTrue(sources != null, "raw public data not beside the repository");
        Map<String, List<double[]>> byModel = new HashMap<>();
        for (Map<String, String> r : csv(sources.resolve("energy/microsoft_aienergy_model_throughput_DB_2025-12.csv"))) {
            String input = r.get("Input Length");
            if (r.get("Source").startsWith("tensorRT-LLM-") && !input.equals("Variable")) {
                byModel.computeIfAbsent(r.get("Model"), k -> new ArrayList<>()).add(new double[] {
                        Double.parseDouble(input) / Double.parseDouble(r.get("Output Length")),
                        1 / Double.parseDouble(r.get("Tokens per Second (TPS)"))});
            }
        }
        List<Double> ratios = new ArrayList<>();
        byModel.forEach((model, points) -> {
            if (points.size() >= 3) {
                // least squares of 1/TPS on [1, input/output]: slope = t_in, intercept = t_out
                double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
                double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
                double sxy = points.stream().mapToDouble(p -> (p[0] - mx) * (p[1] - my)).sum();
                double sxx = points.stream().mapToDouble(p -> (p[0] - mx) * (p[0] - mx)).sum();
                double tIn = sxy / sxx;
                ratios.add(tIn / (my - tIn * mx));
            }
        });
        assertThat(ratios).hasSize(3).allSatisfy(r -> assertThat(r).isBetween(0.5, 0.65));
        assertThat(catalog.method("input-energy-v2").orElseThrow().require("coefficients.prefillRatio"))
                .isCloseTo(sig(median(ratios), 3), within(1e-12));
    }
}
