package io.fieldline.api.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's headless Chromium through its matching chromedriver (no driver download). On a
 * machine without them, the calling test is skipped with the command that installs them.
 */
final class Chromium {
    // Overridable (e.g. -Dfieldline.chromium=/missing) to check the skip path.
    static final Path BROWSER =
            Path.of(System.getProperty("fieldline.chromium", "/usr/bin/chromium"));
    static final Path DRIVER =
            Path.of(System.getProperty("fieldline.chromedriver", "/usr/bin/chromedriver"));
    static final String INSTALL =
            "Browser tests need Debian's Chromium and its driver at "
                    + BROWSER
                    + " and "
                    + DRIVER
                    + "; install them with: apt-get update && apt-get install -y chromium"
                    + " chromium-driver";

    private Chromium() {}

    /** Skips the test (JUnit assumption) when Chromium or chromedriver is missing. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER), INSTALL);
    }

    static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1400,1100");
        ChromeDriverService service =
                new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1400, 1100));
        return driver;
    }
}
