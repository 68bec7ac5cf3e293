package ai.carbonbench.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.Region;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: Debian's headless Chromium driven by its chromedriver, against the server
 * on the embedded catalog. Nothing is downloaded: both binaries are given explicitly, so Selenium
 * Manager is never asked. Without them the test is skipped with an assumption that says how to install
 * them ({@code .ci/run} installs them, so CI runs it). Screenshots of every state land in
 * {@code target/screenshots/}.
 */
final class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path SCREENSHOTS = TARGET.resolve("screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestServer server;
    private static ChromeDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                        + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver (.ci/run installs them)");
        Files.createDirectories(SCREENSHOTS);
        Path profile = Files.createTempDirectory(Files.createDirectories(TARGET), "chromium-profile-");
        // Belt and braces: the explicit paths below already keep Selenium Manager out of the way.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        server = TestServer.on(CarbonBench.builder().catalog(withSpeeds()).clock(TestServer.NOON).build());
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        // A table re-rendered while a condition reads its rows: read again rather than fail (slow, loaded machines).
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    /**
     * The embedded catalog, plus published-looking speeds for llama-3.1-70b's offerings when the catalog
     * has no speed at all yet, so that sorting by speed has something to sort.
     */
    private static Catalog withSpeeds() throws IOException {
        Catalog embedded = Catalog.embedded();
        if (embedded.offerings().stream().anyMatch(o -> o.speed().isPresent())) {
            return embedded;
        }
        JsonNode tree;
        try (InputStream in = Catalog.class.getResourceAsStream("/ai/carbonbench/core/catalog/catalog.json")) {
            tree = JSON.readTree(in);
        }
        ObjectNode overlay = JSON.createObjectNode();
        overlay.put("schemaVersion", tree.get("schemaVersion").asInt());
        overlay.put("dataVersion", tree.get("dataVersion").asText());
        ArrayNode offerings = overlay.putArray("offerings");
        double tps = 40;
        for (JsonNode o : tree.get("offerings")) {
            if (o.get("model").asText().equals("llama-3.1-70b")) {
                ObjectNode copy = o.deepCopy();
                ObjectNode speed = copy.putObject("speed");
                speed.put("tokensPerSecond", tps);
                speed.put("source", o.get("price").get("source").asText());
                speed.put("date", "2026-08");
                tps += 35; // the cleanest option is not the fastest
                offerings.add(copy);
            }
        }
        Path file = Files.createDirectories(TARGET).resolve("speeds-overlay.json");
        JSON.writeValue(file.toFile(), overlay);
        return embedded.overlay(file);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
        driver.manage().window().setSize(new Dimension(1440, 900));
        open();
    }

    private static void open() {
        driver.get(server.server.uri().toString());
        wait.until(d -> rows().size() > 10);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#family option[value=llama]")));
    }

    @Test
    void filters_sorts_charts_a_region_and_recommends_in_a_real_browser() {
        assertThat(driver.findElement(By.cssSelector("#leaderboard caption")).getText()).startsWith("Options ranked by carbon");
        assertThat(driver.findElements(By.cssSelector("#leaderboard thead th[scope=col]"))).hasSize(8);
        assertThat(header("carbon").getAttribute("aria-sort")).isEqualTo("ascending");
        screenshot("01-leaderboard");

        // Filter by a family.
        new Select(driver.findElement(By.id("family"))).selectByValue("llama");
        wait.until(d -> d.findElement(By.id("board-caption")).getText().contains("family llama"));
        wait.until(d -> !rows().isEmpty() && rows().stream().allMatch(r -> "llama".equals(r.getAttribute("data-family"))));

        // Sort by cost, then back by carbon, with the buttons in the column headers.
        header("cost").findElement(By.tagName("button")).click();
        wait.until(d -> "ascending".equals(header("cost").getAttribute("aria-sort")));
        wait.until(d -> sortedAscending(values("data-usd")));
        assertThat(header("carbon").getAttribute("aria-sort")).isEqualTo("none");
        header("carbon").findElement(By.tagName("button")).click();
        wait.until(d -> "ascending".equals(header("carbon").getAttribute("aria-sort"))
                && d.findElement(By.id("board-caption")).getText().startsWith("Options ranked by carbon"));
        wait.until(d -> sortedAscending(values("data-grams")));
        assertThat(rows()).allSatisfy(r -> assertThat(r.getAttribute("data-family")).isEqualTo("llama"));
        screenshot("02-llama-by-carbon");

        // Click a single-region row whose zone has hourly data: that region's 24-hour chart, lowest hour marked.
        WebElement first = rows().stream().filter(r -> r.getAttribute("data-served-from").isEmpty()
                && !region(r).zone().profile().flat()).findFirst().orElseThrow();
        String region = first.getAttribute("data-region");
        first.click();
        WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#chart svg[data-region='" + region + "']")));
        List<WebElement> bars = chart.findElements(By.cssSelector("rect.bar"));
        assertThat(bars).hasSize(24);
        List<WebElement> lowest = chart.findElements(By.cssSelector("rect.bar.lowest"));
        assertThat(lowest).hasSize(1);
        assertThat(lowest.get(0).getAttribute("data-hour")).isEqualTo(chart.getAttribute("data-minimum-hour"));
        double min = bars.stream().mapToDouble(b -> Double.parseDouble(b.getAttribute("data-grams"))).min().orElseThrow();
        assertThat(Double.parseDouble(lowest.get(0).getAttribute("data-grams"))).isEqualTo(min);
        assertThat(chart.findElement(By.cssSelector("text.lowest-label")).getText()).startsWith("▼ lowest");
        assertThat(driver.findElement(By.cssSelector(".chart-facts")).getText()).startsWith("Lowest ");
        assertThat(first.getAttribute("class")).contains("selected");
        screenshot("03-chart");

        // The keyboard works too: Enter on a row in another grid zone opens that region's chart.
        String zone = first.getAttribute("data-zone");
        WebElement other = rows().stream().filter(r -> !zone.equals(r.getAttribute("data-zone"))).findFirst()
                .orElseThrow();
        String otherRegion = other.getAttribute("data-region");
        other.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart svg[data-region='" + otherRegion + "']")));
        screenshot("04-chart-by-keyboard");

        // Ask for a recommendation: "Best" only when the ranges do not overlap, as the insight words it.
        recommend("llama-3.1-70b");
        WebElement best = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rec-result .best")));
        JsonNode rec = server.get("/api/recommend?model=llama-3.1-70b").json();
        assertThat(best.getText()).startsWith(rec.get("rangesOverlap").asBoolean() ? "Lowest central estimate: " : "Best: ");
        assertThat(driver.findElements(By.cssSelector("#rec-result ol.alternatives li")))
                .hasSize(rec.get("alternatives").size());
        String insight = driver.findElement(By.cssSelector("#rec-result .insight")).getText();
        assertThat(insight).startsWith("Run Llama 3.1 70B");
        // One number format: the box shows the best option's grams to the same three digits as the insight.
        String grams = best.getText().replaceAll("(?s).*\\n([0-9.,]+) gCO₂e per M tokens.*", "$1");
        String said = insight.replaceAll("(?s).*about ([0-9.,]+) gCO2e.*", "$1");
        assertThat(Double.parseDouble(grams.replace(",", ""))).isEqualTo(Double.parseDouble(said.replace(",", "")));
        assertThat(grams.replaceAll("[^0-9]", "").replaceFirst("^0+", "")).hasSize(3);
        screenshot("05-recommendation");

        // An unknown model shows the closest ids; choosing one recommends it and keeps focus in the form.
        recommend("llama-3.1-7b");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rec-result .error")));
        assertThat(error.getText()).startsWith("Unknown model 'llama-3.1-7b'");
        List<WebElement> suggestions = driver.findElements(By.cssSelector("#rec-result button.suggestion"));
        assertThat(suggestions).extracting(WebElement::getText).contains("llama-3.1-70b");
        screenshot("06-unknown-model");
        suggestions.stream().filter(b -> b.getText().equals("llama-3.1-70b")).findFirst().orElseThrow().click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rec-result .best")));
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("rec-model");

        // Markup typed into the box stays text: nothing is injected, nothing runs.
        recommend("<img src=x onerror=\"window.pwned=1\">");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rec-result .error")));
        assertThat(driver.findElements(By.cssSelector("#rec-result img"))).isEmpty();
        assertThat(driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void every_row_is_reachable_by_paging_and_on_one_page() {
        int total = server.get("/api/leaderboard").json().size();
        assertThat(total).isGreaterThan(50);
        Set<String> seen = new HashSet<>();
        int pages = 0;
        while (true) {
            pages++;
            rows().forEach(r -> seen.add(r.getAttribute("data-model") + "@" + r.getAttribute("data-region")));
            WebElement next = driver.findElement(By.id("page-next"));
            if (!next.isEnabled()) {
                break;
            }
            String info = driver.findElement(By.id("page-info")).getText();
            next.click();
            wait.until(d -> !d.findElement(By.id("page-info")).getText().equals(info));
        }
        assertThat(seen).hasSize(total);
        assertThat(pages).isEqualTo((total + 49) / 50);
        assertThat(driver.findElement(By.id("page-info")).getText()).endsWith("of " + total + " (page " + pages + " of " + pages + ")");
        screenshot("07-last-page");
        new Select(driver.findElement(By.id("page-size"))).selectByValue("0");
        wait.until(d -> rows().size() == total);
        assertThat(driver.findElement(By.id("board-status")).getText()).startsWith("Showing " + total + " options");
    }

    @Test
    void a_cross_region_row_charts_the_blend_of_its_regions_and_labels_each() {
        new Select(driver.findElement(By.id("page-size"))).selectByValue("0");
        wait.until(d -> rows().size() > 50);
        WebElement cross = rows().stream().filter(r -> r.getAttribute("data-served-from").split(" ").length > 1)
                .findFirst().orElseThrow();
        String region = cross.getAttribute("data-region");
        String[] members = cross.getAttribute("data-served-from").split(" ");
        cross.click();
        WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#chart svg[data-region='" + region + "'][data-blend=true]")));
        // The current hour's bar is the row's intensity: the mean over the regions the call may run in.
        double now = Double.parseDouble(chart.findElements(By.cssSelector("rect.bar")).get(0).getAttribute("data-grams"));
        double row = Double.parseDouble(cross.getAttribute("data-intensity"));
        assertThat(now).isCloseTo(row, within(row * 0.005));
        assertThat(chart.findElements(By.cssSelector("polyline.member"))).hasSize(members.length);
        List<WebElement> labels = driver.findElements(By.cssSelector(".chart-members li"));
        assertThat(labels).extracting(WebElement::getText).allSatisfy(t -> assertThat(t).startsWith("may run in "));
        assertThat(labels).extracting(l -> l.getAttribute("data-member")).containsExactly(members);
        screenshot("08-cross-region-blend");
    }

    @Test
    void a_flat_region_says_no_hourly_data_and_marks_no_lowest_hour() {
        new Select(driver.findElement(By.id("page-size"))).selectByValue("0");
        wait.until(d -> rows().size() > 50);
        WebElement flat = rows().stream().filter(r -> r.getAttribute("data-served-from").isEmpty()
                && region(r).zone().profile().flat()).findFirst().orElseThrow();
        String region = flat.getAttribute("data-region");
        flat.click();
        WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#chart svg[data-region='" + region + "']")));
        assertThat(chart.getAttribute("data-flat")).isEqualTo("true");
        assertThat(chart.findElements(By.cssSelector("rect.bar.lowest"))).isEmpty();
        assertThat(chart.findElements(By.cssSelector("text.lowest-label"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector(".chart-facts")).getText()).startsWith("No hourly data");
        screenshot("09-flat-region");
    }

    @Test
    void sorting_by_speed_changes_the_order_and_notes_unknown_speeds() {
        List<String> byCarbon = keys();
        header("speed").findElement(By.tagName("button")).click();
        wait.until(d -> "descending".equals(header("speed").getAttribute("aria-sort")));
        wait.until(d -> d.findElement(By.id("board-caption")).getText().contains("speed (fastest first)"));
        wait.until(d -> !keys().equals(byCarbon));
        screenshot("10-by-speed");
        new Select(driver.findElement(By.id("page-size"))).selectByValue("0");
        int total = server.get("/api/leaderboard").json().size();
        wait.until(d -> rows().size() == total);
        List<String> speeds = rows().stream().map(r -> r.getAttribute("data-speed")).toList();
        List<Double> known = speeds.stream().filter(s -> !s.isEmpty()).map(Double::parseDouble).toList();
        assertThat(known).isNotEmpty().isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(speeds.get(0)).isNotEmpty();
        long unknown = speeds.stream().filter(String::isEmpty).count();
        // unknown speeds sort last, show a marked dash, and the status line counts them
        assertThat(speeds.subList(known.size(), speeds.size())).allMatch(String::isEmpty);
        assertThat(driver.findElements(By.cssSelector("td.speed .unknown[title]"))).hasSize((int) unknown);
        if (unknown > 0) {
            assertThat(driver.findElement(By.id("board-status")).getText()).contains("speed unknown for " + unknown);
        }
    }

    @Test
    void display_names_and_aliases_are_accepted_and_the_autocomplete_offers_only_models_that_run() {
        recommend("Llama 3.1 70B Instruct");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rec-result .best")));
        assertThat(driver.findElement(By.cssSelector("#rec-result .insight")).getText()).startsWith("Run Llama 3.1 70B");
        recommend("meta.llama3-1-70b-instruct-v1:0");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rec-result .best")));
        Set<String> offered = new HashSet<>();
        server.bench.catalog().offerings().forEach(o -> offered.add(o.model().id()));
        List<String> listed = driver.findElements(By.cssSelector("#model-list option")).stream()
                .map(o -> o.getAttribute("value")).toList();
        server.bench.catalog().models().stream().filter(m -> !offered.contains(m.id()))
                .forEach(m -> assertThat(listed).doesNotContain(m.id(), m.name()));
        assertThat(listed).contains("llama-3.1-70b");
        screenshot("11-display-name");
    }

    @Test
    void the_footer_names_the_data_its_sources_licences_boundary_and_provenance_words() {
        WebElement footer = driver.findElement(By.id("about"));
        wait.until(d -> !d.findElement(By.id("data-version")).getText().isEmpty());
        assertThat(driver.findElement(By.id("data-version")).getText())
                .contains(server.bench.catalog().dataVersion().toString());
        assertThat(driver.findElement(By.id("boundary")).getText()).startsWith("Boundary: ");
        assertThat(driver.findElement(By.id("data-status")).getText()).contains("default");
        footer.findElements(By.tagName("summary")).forEach(WebElement::click);
        assertThat(driver.findElements(By.cssSelector("#sources li"))).hasSize(server.bench.catalog().sources().size());
        assertThat(driver.findElement(By.id("sources")).getText()).contains("Licence: ");
        assertThat(driver.findElement(By.id("legend")).getText()).contains("default", "stale", "live");
        screenshot("12-footer");
    }

    @Test
    void the_dark_theme_follows_prefers_color_scheme() {
        String light = background();
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        wait.until(d -> !background().equals(light));
        assertThat(luminance(background())).isLessThan(0.2);
        assertThat(luminance(light)).isGreaterThan(0.8);
        screenshot("13-dark");
    }

    @Test
    void nothing_is_clipped_from_1280_px_up() {
        for (int width : List.of(1280, 1366, 1920)) {
            driver.manage().window().setSize(new Dimension(width, 900));
            wait.until(d -> ((Number) js("return window.innerWidth")).intValue() <= width);
            assertThat(noHorizontalOverflow()).as("at " + width + " px").isTrue();
            screenshot("14-width-" + width);
        }
    }

    @Test
    void a_phone_shows_model_grams_and_price_without_sideways_scrolling_and_scrolls_to_the_chart() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        open();
        assertThat(((Number) js("return window.innerWidth")).intValue()).isEqualTo(390);
        assertThat(noHorizontalOverflow()).isTrue();
        WebElement first = rows().get(0);
        List<WebElement> cells = first.findElements(By.tagName("td"));
        assertThat(cells.get(1).isDisplayed()).as("model").isTrue();
        assertThat(cells.get(4).isDisplayed()).as("g/M tok").isTrue();
        assertThat(cells.get(6).isDisplayed()).as("price").isTrue();
        assertThat(cells.get(1).getText()).contains(first.getAttribute("data-region"));
        screenshot("15-phone");
        first.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart svg")));
        wait.until(d -> inViewport(d.findElement(By.id("chart-panel"))));
        screenshot("16-phone-chart");
    }

    @Test
    void a_skip_link_and_a_favicon() {
        WebElement skip = driver.findElement(By.cssSelector("a.skip-link"));
        assertThat(skip.getAttribute("href")).endsWith("#board");
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(driver.switchTo().activeElement().getAttribute("class")).contains("skip-link");
        assertThat(driver.findElement(By.cssSelector("link[rel=icon]")).getAttribute("href")).endsWith("/favicon.svg");
        assertThat(server.get("/favicon.ico").status()).isEqualTo(200);
    }

    @Test
    void the_boundary_selector_rescores_the_table_box_and_insight_and_the_footer_names_it() {
        WebElement footer = driver.findElement(By.id("boundary"));
        wait.until(d -> footer.getText().startsWith("Boundary: server (default)"));
        Select selector = new Select(driver.findElement(By.id("boundary-select")));
        assertThat(selector.getFirstSelectedOption().getText()).isEqualTo("Server (default)");
        assertThat(selector.getOptions()).extracting(WebElement::getText).containsExactly("GPU", "Server (default)", "Lifecycle");
        String serverHelp = driver.findElement(By.id("boundary-help")).getText();
        assertThat(serverHelp).isNotEmpty();
        String serverFirst = firstGrams().getText();
        double serverValue = Double.parseDouble(rows().get(0).getAttribute("data-grams"));
        recommend("llama-3.1-70b");
        wait.until(d -> "server".equals(box().getAttribute("data-boundary")));
        String serverInsight = driver.findElement(By.cssSelector("#rec-result .insight")).getText();

        selector.selectByValue("gpu");
        wait.until(d -> "gpu".equals(d.findElement(By.id("leaderboard")).getAttribute("data-boundary")));
        wait.until(d -> !firstGrams().getText().equals(serverFirst));
        assertThat(Double.parseDouble(rows().get(0).getAttribute("data-grams"))).isLessThan(serverValue);
        assertThat(driver.findElement(By.id("board-caption")).getText()).contains("gpu boundary");
        wait.until(d -> footer.getText().startsWith("Boundary: gpu. "));
        assertThat(driver.findElement(By.id("boundary-help")).getText()).isNotEmpty().isNotEqualTo(serverHelp);
        wait.until(d -> "gpu".equals(box().getAttribute("data-boundary")));
        wait.until(d -> !d.findElement(By.cssSelector("#rec-result .insight")).getText().equals(serverInsight));
        screenshot("17-boundary-gpu");

        selector.selectByValue("lifecycle");
        wait.until(d -> "lifecycle".equals(d.findElement(By.id("leaderboard")).getAttribute("data-boundary")));
        assertThat(Double.parseDouble(rows().get(0).getAttribute("data-grams"))).isGreaterThan(serverValue);
        wait.until(d -> footer.getText().startsWith("Boundary: lifecycle. "));
        wait.until(d -> "lifecycle".equals(box().getAttribute("data-boundary")));
        screenshot("18-boundary-lifecycle");
    }

    /** The first row's g/M tok cell, as shown. */
    private static WebElement firstGrams() {
        return rows().get(0).findElements(By.tagName("td")).get(4);
    }

    private static WebElement box() {
        return driver.findElement(By.cssSelector("#rec-result .best"));
    }

    private static Region region(WebElement row) {
        return server.bench.catalog().region(row.getAttribute("data-region"));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static boolean noHorizontalOverflow() {
        return (Boolean) js("var d = document.documentElement, w = document.querySelector('.table-wrap');"
                + "return d.scrollWidth <= window.innerWidth + 1 && w.scrollWidth <= w.clientWidth + 1;");
    }

    private static boolean inViewport(WebElement e) {
        return (Boolean) ((JavascriptExecutor) driver).executeScript(
                "var r = arguments[0].getBoundingClientRect(); return r.top >= -1 && r.top < window.innerHeight;", e);
    }

    private static String background() {
        return (String) js("return getComputedStyle(document.body).backgroundColor");
    }

    /** Relative luminance, 0 (black) to 1 (white), of a computed {@code rgb(r, g, b)} colour. */
    private static double luminance(String rgb) {
        String[] parts = rgb.replaceAll("[^0-9,]", "").split(",");
        double r = Integer.parseInt(parts[0]) / 255.0;
        double g = Integer.parseInt(parts[1]) / 255.0;
        double b = Integer.parseInt(parts[2]) / 255.0;
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    private static List<WebElement> rows() {
        return driver.findElements(By.cssSelector("#leaderboard tbody tr"));
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        rows().forEach(r -> keys.add(r.getAttribute("data-model") + "@" + r.getAttribute("data-region")));
        return keys;
    }

    private static WebElement header(String sort) {
        return driver.findElement(By.cssSelector("#leaderboard th[data-sort=" + sort + "]"));
    }

    private static List<Double> values(String attribute) {
        return rows().stream().map(r -> Double.parseDouble(r.getAttribute(attribute))).toList();
    }

    private static boolean sortedAscending(List<Double> values) {
        return !values.isEmpty() && values.stream().sorted(Comparator.naturalOrder()).toList().equals(values);
    }

    private static void recommend(String model) {
        WebElement input = driver.findElement(By.id("rec-model"));
        input.clear();
        input.sendKeys(model);
        driver.findElement(By.id("rec-submit")).click();
    }

    private static void screenshot(String name) {
        Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        try {
            Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
