package cn.jinhua.ducha.web.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, both named explicitly so that Selenium Manager never
 * looks for (or downloads) a browser or a driver: the machines reach no CDN.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final String base;
    private final Path downloads;

    /** A browser of {@code base} with its profile in {@code profile} and its downloads in a folder beside it. */
    Browser(String base, Path profile) {
        this.base = base;
        this.downloads = profile.toAbsolutePath().resolveSibling(profile.getFileName() + "-downloads");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath(), "--lang=zh-CN",
                "--window-size=1440,1000");
        // a Chinese user's browser: Accept-Language decides the language until the user picks one (web.Languages)
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "intl.accept_languages", "zh-CN,zh"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().window().setSize(new Dimension(1440, 1000));
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens a page and waits until it has loaded: get() was seen to return while the new page was still parsing. */
    void open(String path) {
        List<WebElement> old = driver.findElements(By.tagName("html"));
        driver.get(base + path);
        if (!old.isEmpty()) {
            waitFor(ExpectedConditions.stalenessOf(old.get(0)));
        }
        waitFor(d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    /** Signs out (by forgetting the session, not the language) and signs in through the login form. */
    void login(String username, String password) {
        driver.manage().deleteCookieNamed("JSESSIONID");
        open("/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        follow(driver.findElement(By.id("login")));
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("who")));
    }

    /**
     * Clicks a link or button that leads to another page and waits until that page has loaded: a click returns
     * before the browser leaves the old page, and reading it then would read the old page.
     */
    void follow(WebElement link) {
        WebElement old = driver.findElement(By.tagName("html"));
        link.click();
        waitFor(ExpectedConditions.stalenessOf(old));
        waitFor(d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    /** Follows the element that {@code css} finds. */
    void follow(String css) {
        follow(find(css));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    <T> T waitFor(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition);
    }

    /** Writes the window as it is to target/screenshots/NAME.png, at {@code height} pixels tall. */
    Path screenshot(String name, int height) {
        driver.manage().window().setSize(new Dimension(1440, height));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(1440, 1000));
        }
    }

    /** Prints the page as the browser would on paper (its print CSS asks for A4 landscape) to target/screenshots. */
    Path print(String name) {
        PrintOptions options = new PrintOptions();
        options.setPageSize(new PageSize(21.0, 29.7));
        options.setOrientation(PrintOptions.Orientation.LANDSCAPE);
        options.setBackground(true);
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".pdf");
            Files.write(file, OutputType.BYTES.convertFromBase64Png(driver.print(options).getContent()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for the download named {@code name} to be complete in the browser's download folder (Chromium writes
     * NAME.crdownload first and renames it when done) and answers it.
     */
    Path downloaded(String name) {
        Path file = downloads.resolve(name);
        waitFor(d -> Files.isRegularFile(file));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
