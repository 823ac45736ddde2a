package org.preemptsim.report;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.preemptsim.metrics.Compare;
import org.preemptsim.metrics.Measure;
import org.preemptsim.workload.scenario.CompiledScenario;
import org.preemptsim.workload.scenario.ScenarioCompiler;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report opens in a real browser: Debian's chromium, driven headless through its
 * chromedriver (/usr/bin/chromedriver, never downloaded). The browser console has no error (an
 * invalid SVG attribute, a failed load, a script error would all be logged there) and every chart
 * and table is in the rendered page, with a size and something drawn in it. Under CI=true a
 * missing chromium or chromedriver fails the test (.ci/run installs them); elsewhere it is skipped.
 */
class HtmlReportBrowserTest {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    static ChromeDriver driver;
    static ChromeDriverService service;

    @BeforeAll
    static void startBrowser() {
        // Selenium warns that it has no DevTools bindings for this chromium: the test needs none.
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            String why = "chromium or chromium-driver is not installed (apt-get install chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why + "; skipped outside CI");
        }
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    static Results results(String example) {
        CompiledScenario cs = ScenarioCompiler.load(Path.of("examples", example));
        Results raw = Compare.run(cs.machine(), cs.models(), cs.measure().withAnalysis(Measure.DEFAULT_WORST), 2, i -> { });
        return new Results(raw.tool(), raw.scenario(), raw.kernel(), raw.seed(), raw.durationNs(), raw.runs());
    }

    /** Opens the page and returns the console's warnings and errors. */
    static List<LogEntry> open(Path html) {
        driver.get(html.toUri().toString());
        assertThat(driver.getTitle()).startsWith("preemptsim · ");
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /**
     * irq-load.yaml: IRQ lines with softirqs and an NMI under none, full and rt, so the page has
     * every part: across models four charts and five tables; per model four charts and two tables.
     */
    @Test
    void shouldOpenWithoutConsoleErrorsAndShowEveryChartAndTable(@TempDir Path dir) throws Exception {
        Results r = results("irq-load.yaml");
        Path html = dir.resolve("report.html");
        HtmlReport.write(r, html);
        String page = Files.readString(html);
        // self-contained: nothing to fetch (the SVG namespace is a name, not a resource)
        assertThat(page.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
            .doesNotContain("http://", "https://", "<script", "<link", "@import", "url(", "<img");

        List<LogEntry> console = open(html);
        assertThat(console).as("browser console").noneMatch(e -> e.getLevel().intValue() >= Level.WARNING.intValue());

        for (String chart : List.of("latency-throughput", "blame-models", "spectrum", "cpu-time")) {
            assertThat(charts("svg.chart[data-chart='" + chart + "']:not([data-model])")).as(chart).hasSize(1);
        }
        for (String id : List.of("summary", "tracers", "accounting", "counters", "bound")) {
            WebElement t = driver.findElement(By.id(id));
            assertThat(t.isDisplayed()).as(id).isTrue();
            assertThat(t.findElements(By.cssSelector("tbody tr"))).as(id).isNotEmpty();
        }
        assertThat(driver.findElement(By.id("bound")).getText()).contains("rt 0 cyclictest/0", "rt 1 cyclictest/1");
        for (var run : r.runs()) {
            String m = run.model();
            WebElement section = driver.findElement(By.id("model-" + m));
            assertThat(section.isDisplayed()).isTrue();
            for (String chart : List.of("histogram", "spectrum", "blame", "worst")) {
                List<WebElement> found = charts("svg.chart[data-chart='" + chart + "'][data-model='" + m + "']");
                assertThat(found).as(m + " " + chart).hasSize(1);
                WebElement svg = found.get(0);
                assertThat(svg.getRect().getWidth()).as(m + " " + chart + " width").isGreaterThan(300);
                assertThat(svg.getRect().getHeight()).as(m + " " + chart + " height").isGreaterThan(100);
                assertThat(svg.findElements(By.cssSelector("rect, path, circle"))).as(m + " " + chart + " drawn").isNotEmpty();
            }
            assertThat(section.findElements(By.cssSelector("table.worst tbody tr"))).hasSize(Measure.DEFAULT_WORST);
            assertThat(section.findElements(By.cssSelector("table.tasks tbody tr"))).hasSize(run.tasks().size());
        }
        // every bar of a histogram is there: one rect per bucket with samples
        var none = r.runs().get(0).histograms().get(0).thread();
        long buckets = java.util.Arrays.stream(none.counts()).filter(c -> c > 0).count();
        WebElement hist = charts("svg.chart[data-chart='histogram'][data-model='none']").get(0);
        assertThat(hist.findElements(By.cssSelector("rect[fill='" + Html.THREAD + "']"))).hasSize((int) buckets + 1); // + legend
    }

    /** A model the kernel stopped shows its report instead of charts, and the page is still clean. */
    @Test
    void shouldShowAKernelBugWithoutErrors(@TempDir Path dir) throws Exception {
        Results r = results("kernel-bug.yaml");
        Path html = dir.resolve("bug.html");
        HtmlReport.write(r, html);
        List<LogEntry> console = open(html);
        assertThat(console).as("browser console").noneMatch(e -> e.getLevel().intValue() >= Level.WARNING.intValue());
        assertThat(driver.findElement(By.cssSelector("section.model pre")).getText()).contains("kernel-bug.yaml:17");
        assertThat(charts("svg.chart:not([data-model])")).hasSize(4);
        assertThat(driver.findElement(By.id("bound")).getText()).contains("no PREEMPT_RT model");
    }

    private static List<WebElement> charts(String css) {
        return driver.findElements(By.cssSelector(css));
    }
}
