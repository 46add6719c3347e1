package io.onegrid.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (Selenium never downloads a browser or a
 * driver here). The flags keep it off the network: without them it keeps dialling Google services. Selenium is an
 * optional dependency of this module: a module using this class declares selenium-java itself.
 */
public final class Browser implements AutoCloseable {
    public final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A fresh profile whose browser asks for {@code acceptLanguages} (e.g. "zh-CN,zh" or "en-US,en"). */
    public static Browser start(Path profileDir, String acceptLanguages) throws Exception {
        Path chromium = ThirdPartyPeers.require("chromium", "chromium");
        Path chromedriver = ThirdPartyPeers.require("chromedriver", "chromium-driver");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--autoplay-policy=no-user-gesture-required",
                "--user-data-dir=" + Files.createDirectories(profileDir).toAbsolutePath(),
                "--lang=" + acceptLanguages.split(",")[0]);
        o.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguages));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(10)).pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(d);
    }

    public void open(String url) {
        driver.get(url);
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The element, or null while it is not on the page yet (for Awaitility). */
    public WebElement find(String css) {
        List<WebElement> found = all(css);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The element's text, "" when absent; read again when the page re-rendered it between find and read. */
    public String text(String css) {
        return read(css, WebElement::getText, "");
    }

    /** An attribute of the element, null when absent (re-read like {@link #text}). */
    public String attr(String css, String name) {
        return read(css, e -> e.getAttribute(name), null);
    }

    /**
     * Clicks the element once it is on the page (up to 10 s), finding it again when the page re-rendered it between
     * find and click (the dashboard redraws its shell as data arrives).
     */
    public void click(String css) {
        org.awaitility.Awaitility.await("click " + css).atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(50)).until(() -> {
                    WebElement e = find(css);
                    if (e == null) return false;
                    try {
                        e.click();
                        return true;
                    } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                        return false;
                    }
                });
    }

    private <T> T read(String css, java.util.function.Function<WebElement, T> f, T absent) {
        for (int attempt = 0; ; attempt++) {
            try {
                WebElement e = find(css);
                return e == null ? absent : f.apply(e);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 5) throw e;
            }
        }
    }

    /** Saves a PNG of the window (for the screenshots in docs/). */
    public void screenshot(Path file) throws java.io.IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    public void login(String user, String password) {
        driver.findElement(By.id("login-username")).sendKeys(user);
        driver.findElement(By.id("login-password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
