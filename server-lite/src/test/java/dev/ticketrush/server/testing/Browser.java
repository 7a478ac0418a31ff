package dev.ticketrush.server.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium driven through Selenium and Debian's chromedriver, on a fresh profile with every
 * network feature off (the machine has no network); a test is skipped, with the reason, where either is missing.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;
    private final ChromeDriver driver;

    private Browser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    public static Browser start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + ": install Debian's chromium (.ci/run does) to run the page tests");
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "no chromedriver at " + CHROMEDRIVER + ": install Debian's chromium-driver (.ci/run does)");
        Path profile = Files.createTempDirectory("ticketrush-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1100,700");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(profile, new ChromeDriver(service, options));
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** The element's text as a person sees it (empty when hidden). */
    public String text(By element) {
        try {
            return driver.findElement(element).getText();
        } catch (NoSuchElementException | StaleElementReferenceException notYet) {
            return "";
        }
    }

    /** Waits until the element's visible text satisfies {@code expected}, and answers that text. */
    public String await(By element, Predicate<String> expected, Duration within, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        String seen = text(element);
        while (!expected.test(seen)) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError(what + ": the page still shows '" + seen + "' after " + within.toSeconds() + " s");
            Thread.sleep(50);
            seen = text(element);
        }
        return seen;
    }

    /** Saves what the page shows now as a PNG in the repository's docs/, for the README. */
    public void screenshot(String name) throws IOException {
        Files.write(Repository.root().resolve("docs").resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
