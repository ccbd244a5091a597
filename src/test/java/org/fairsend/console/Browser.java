package org.fairsend.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} with {@code chromium-driver}) driven through Selenium,
 * against the test server; screenshots go to {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path SHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final String base;
    private final String test;
    private int shot;

    Browser(int port, String test, int width, int height) {
        this.base = "http://127.0.0.1:" + port;
        this.test = test;
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=en-GB", "--disable-extensions");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** The text of an element that htmx may swap meanwhile (found again when it went stale). */
    String text(String css) {
        for (int i = 0; ; i++) {
            try {
                return find(css).getText();
            } catch (StaleElementReferenceException e) {
                if (i > 20) throw e;
            }
        }
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    <T> T await(ExpectedCondition<T> condition, Duration max) {
        return new WebDriverWait(driver, max, Duration.ofMillis(100)).ignoring(StaleElementReferenceException.class).until(condition);
    }

    void awaitText(String css, String text, Duration max) {
        await(d -> {
            var els = d.findElements(By.cssSelector(css));
            return !els.isEmpty() && els.getFirst().getText().contains(text);
        }, max);
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SHOTS);
            Path f = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(f, SHOTS.resolve(test + "-" + String.format("%02d", ++shot) + "-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Full-page screenshot (Chromium's DevTools capture beyond the viewport). */
    void fullScreenshot(String name) {
        try {
            Files.createDirectories(SHOTS);
            Object r = driver.executeCdpCommand("Page.captureScreenshot", Map.of("captureBeyondViewport", true, "format", "png"));
            byte[] png = java.util.Base64.getDecoder().decode(((Map<?, ?>) r).get("data").toString());
            Files.write(SHOTS.resolve(test + "-" + String.format("%02d", ++shot) + "-" + name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the page logged: content-security-policy violations show up here. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
    }

    void signIn(String email, String password) {
        open("/console/login");
        find("#email").sendKeys(email);
        find("#password").sendKeys(password);
        find("button[type=submit]").click();
        await(d -> !d.getCurrentUrl().contains("/console/login"), Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
