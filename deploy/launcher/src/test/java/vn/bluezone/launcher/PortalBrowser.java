package vn.bluezone.launcher;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The officials' portal as an official sees it: Debian's Chromium, headless, through its ChromeDriver. */
final class PortalBrowser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final String portal;

    private PortalBrowser(WebDriver driver, String portal) {
        this.driver = driver;
        this.portal = portal;
    }

    /** @param gatewayUrl the system's public address; the portal is opened as localhost (a secure context) */
    static PortalBrowser start(String gatewayUrl) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // No network beyond the system under test: nothing in the background may reach out.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1400,1100", "--lang=vi-VN",
                "--user-data-dir=" + Files.createTempDirectory("bluezone-chromium-"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        return new PortalBrowser(new ChromeDriver(service, options), gatewayUrl.replace("127.0.0.1", "localhost") + "/portal/");
    }

    void signIn(String username, String password) {
        driver.get(portal);
        await().until(ExpectedConditions.urlContains("/portal/login"));
        driver.findElement(By.name("username")).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        try {
            await().until(ExpectedConditions.urlContains("/portal/cases"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("Not signed in; the browser shows " + driver.getCurrentUrl() + ":\n"
                    + driver.getPageSource(), e);
        }
    }

    /** Confirms a case of the province in the form and returns the code the page shows. */
    String confirmCase(String province) {
        new Select(driver.findElement(By.cssSelector("#new-case [name=provinceCode]"))).selectByValue(province);
        driver.findElement(By.cssSelector("#new-case button[type=submit]")).click();
        WebElement code = await().until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-code")));
        await().until(browser -> !code.getText().isBlank());
        await().until(browser -> (Boolean) script("return document.getElementById('issued-qr').complete "
                + "&& document.getElementById('issued-qr').naturalWidth > 0"));
        return code.getText().replace(" ", "");
    }

    void openIssuedCase() {
        driver.findElement(By.id("issued-link")).click();
        await().until(ExpectedConditions.urlMatches("/portal/cases/[0-9a-f-]{36}$"));
        await().until(browser -> script("return window.bluezoneGraph ? 1 : null") != null);
    }

    /** Set by the page's script when it loads: a reload would change it. */
    String pageLoadMark() {
        return driver.findElement(By.id("main")).getDomAttribute("data-loaded-at");
    }

    void awaitText(String id, String text, Duration timeout) {
        new WebDriverWait(driver, timeout).until(ExpectedConditions.textToBe(By.id(id), text));
    }

    void awaitGraphNodes(int nodes, Duration timeout) {
        new WebDriverWait(driver, timeout).until(browser ->
                ((Number) script("return window.bluezoneGraph.nodes().length")).intValue() == nodes);
    }

    void awaitTimelineStep(String step) {
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline li.done[data-step=" + step + "]")));
    }

    void openAdoption() {
        driver.get(portal + "adoption");
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#adoption-table tr[data-province]")));
    }

    String provinceRow(String code) {
        return driver.findElement(By.cssSelector("#adoption-table tr[data-province='" + code + "']")).getText();
    }

    void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** What the browser's console reported against the Content-Security-Policy. */
    List<String> contentSecurityPolicyViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy")).toList();
    }

    private Object script(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private WebDriverWait await() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
