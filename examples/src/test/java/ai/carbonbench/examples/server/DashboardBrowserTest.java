package ai.carbonbench.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
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
 * Manager is never asked. Without them this test fails (CI installs them in {@code .ci/run}).
 * Screenshots land in {@code target/screenshots/}.
 */
final class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path SCREENSHOTS = TARGET.resolve("screenshots");

    private static TestServer server;
    private static WebDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .withFailMessage("The browser test needs Debian's chromium and chromium-driver (%s, %s): "
                        + "apt-get install -y chromium chromium-driver (.ci/run installs them when missing)",
                        CHROMIUM, CHROMEDRIVER)
                .isTrue();
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
        server = TestServer.onEmbedded();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
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

    @Test
    void filters_sorts_charts_a_region_and_recommends_in_a_real_browser() {
        driver.get(server.server.uri().toString());
        wait.until(d -> rows().size() > 10);
        assertThat(driver.findElement(By.cssSelector("#leaderboard caption")).getText()).startsWith("Options ranked by carbon");
        assertThat(driver.findElements(By.cssSelector("#leaderboard thead th[scope=col]"))).hasSize(8);
        assertThat(header("carbon").getAttribute("aria-sort")).isEqualTo("ascending");
        screenshot("01-leaderboard");

        // Filter by a family.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#family option[value=llama]")));
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

        // Click a row whose zone has hourly data: that region's 24-hour chart, lowest hour marked
        // (flat zones have no lowest hour).
        WebElement first = rows().stream().filter(r -> !ai.carbonbench.core.catalog.Catalog.embedded()
                .region(r.getAttribute("data-region")).zone().profile().flat()).findFirst().orElseThrow();
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

        // Ask for a recommendation.
        recommend("llama-3.1-70b");
        WebElement best = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rec-result .best")));
        assertThat(best.getText()).startsWith("Best: ");
        assertThat(driver.findElements(By.cssSelector("#rec-result ol.alternatives li")))
                .hasSize(server.get("/api/recommend?model=llama-3.1-70b").json().get("alternatives").size());
        assertThat(driver.findElement(By.cssSelector("#rec-result .insight")).getText()).startsWith("Run Llama 3.1 70B");
        screenshot("05-recommendation");

        // An unknown model shows the closest ids; choosing one recommends it.
        recommend("llama-3.1-7b");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rec-result .error")));
        assertThat(error.getText()).startsWith("Unknown model 'llama-3.1-7b'");
        List<WebElement> suggestions = driver.findElements(By.cssSelector("#rec-result button.suggestion"));
        assertThat(suggestions).extracting(WebElement::getText).contains("llama-3.1-70b");
        screenshot("06-unknown-model");
        suggestions.stream().filter(b -> b.getText().equals("llama-3.1-70b")).findFirst().orElseThrow().click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rec-result .best")));

        // Markup typed into the box stays text: nothing is injected, nothing runs.
        recommend("<img src=x onerror=\"window.pwned=1\">");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rec-result .error")));
        assertThat(driver.findElements(By.cssSelector("#rec-result img"))).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return window.pwned === undefined")).isEqualTo(true);
    }

    private static List<WebElement> rows() {
        return driver.findElements(By.cssSelector("#leaderboard tbody tr"));
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
