package io.fieldline.api.browser;

import static io.fieldline.api.TestData.T0_MS;
import static io.fieldline.api.TestData.aggregate;
import static io.fieldline.api.TestData.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.api.ApiHttp;
import io.fieldline.api.SharedKafka;
import io.fieldline.proto.Alert;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Severity;
import io.fieldline.proto.Topics;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium: it loads the fleet, shows an alert arriving over
 * server-sent events, draws the device chart with its alerts, and saves a rule.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest implements TestPropertyProvider {
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "dashboard.png");
    private static final int POINTS = 12;

    @Inject EmbeddedServer server;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "fieldline.kafka.bootstrap",
                SharedKafka.bootstrap(),
                "micronaut.server.host",
                "127.0.0.1");
    }

    @BeforeAll
    void fleet() {
        for (String device : new String[] {"ui-pump-1", "ui-pump-2", "ui-fan-7"}) {
            for (int i = 0; i < POINTS; i++) {
                double wave = 60 + 8 * Math.sin(i / 2.0) + (device.hashCode() % 5);
                publish(aggregate(device, "temperature", T0_MS + i * 10_000L, wave));
            }
        }
        publish(
                alert(
                        "ui-old-1",
                        "ui-pump-1",
                        AlertKind.THRESHOLD,
                        Severity.WARNING,
                        T0_MS + 50_000));
        publish(
                alert(
                        "ui-old-2",
                        "ui-fan-7",
                        AlertKind.SILENCE,
                        Severity.CRITICAL,
                        T0_MS + 90_000));
        ApiHttp http = new ApiHttp(server.getURI());
        org.awaitility.Awaitility.await()
                .atMost(SharedKafka.TIMEOUT)
                .until(() -> http.get("/api/alerts?device=ui-fan-7").body().contains("ui-old-2"));
    }

    /**
     * Per test, so that each one is reported as skipped, with the install hint, without Chromium.
     */
    @BeforeEach
    void browser() {
        Chromium.assumeInstalled();
        if (driver == null) {
            driver = Chromium.start();
            wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        }
    }

    @AfterAll
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void dashboardShowsFleetLiveAlertsChartAndSavesARule() throws Exception {
        driver.get(server.getURI().resolve("/").toString());
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));

        // Fleet overview.
        wait.until(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#devices tr[data-device-id='ui-pump-2']")));
        String fanRow =
                driver.findElement(By.cssSelector("#devices tr[data-device-id='ui-fan-7']"))
                        .getText();
        assertThat(fanRow).contains("critical");

        // Live alert over SSE.
        wait.until(ExpectedConditions.textToBe(By.id("stream-status"), "live"));
        Alert live =
                alert(
                        "ui-live-1",
                        "ui-pump-1",
                        AlertKind.ANOMALY,
                        Severity.CRITICAL,
                        T0_MS + 100_000);
        publish(live);
        wait.until(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#alert-feed li[data-alert-id='ui-live-1']")));
        assertThat(driver.findElement(By.cssSelector("#alert-feed li")).getText())
                .contains("ui-pump-1")
                .contains(live.getMessage())
                .doesNotContain("before it was reported");

        // An alert from a backlog replayed after an outage: it says when it happened.
        Alert replayed =
                alert("ui-replayed-1", "ui-pump-2", AlertKind.THRESHOLD, Severity.WARNING, T0_MS)
                        .toBuilder()
                        .setDetectionTimeMs(T0_MS + 14 * 60_000)
                        .build();
        publish(replayed);
        wait.until(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#alert-feed li[data-alert-id='ui-replayed-1']")));
        assertThat(
                        driver.findElement(
                                        By.cssSelector(
                                                "#alert-feed li[data-alert-id='ui-replayed-1']"))
                                .getText())
                .contains("happened 14 min before it was reported");

        // Chart of the selected device, with its alerts marked.
        driver.findElement(By.cssSelector("#devices tr[data-device-id='ui-pump-1']")).click();
        wait.until(
                d ->
                        ((Number)
                                                script(
                                                        "return Chart.getChart('series-chart').data.datasets[0].data.length"))
                                        .intValue()
                                == POINTS);
        wait.until(
                d ->
                        ((Number)
                                                script(
                                                        "return Chart.getChart('series-chart').data.datasets[3].data.length"))
                                        .intValue()
                                == 2);
        assertThat((Boolean) script("return document.getElementById('series-chart').width > 0"))
                .isTrue();

        // Rule editor.
        driver.findElement(By.id("rule-id")).sendKeys("ui-hot");
        driver.findElement(By.id("rule-metric-glob")).sendKeys("temperature");
        driver.findElement(By.id("rule-upper")).sendKeys("75");
        driver.findElement(By.cssSelector("#rule-form button[type=submit]")).click();
        wait.until(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#rule-table tr[data-rule-id='ui-hot']")));
        assertThat(new ApiHttp(server.getURI()).get("/api/rules/ui-hot").body())
                .contains("\"upper\":75.0");

        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(
                driver.getScreenshotAs(OutputType.FILE).toPath(),
                SCREENSHOT,
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aBadRuleShowsTheProblemNamingTheField() {
        driver.get(server.getURI().resolve("/").toString());
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
        driver.findElement(By.id("rule-id")).sendKeys("ui-bad");
        driver.findElement(By.id("rule-lower")).sendKeys("9");
        driver.findElement(By.id("rule-upper")).sendKeys("1");
        driver.findElement(By.cssSelector("#rule-form button[type=submit]")).click();

        wait.until(
                ExpectedConditions.textMatches(
                        By.id("rule-status"), java.util.regex.Pattern.compile("lower: .+")));
    }

    private Object script(String js) {
        return driver.executeScript(js);
    }

    private static void publish(Alert a) {
        SharedKafka.publish(Topics.ALERTS.name(), a.getDeviceId(), a);
    }

    private static void publish(io.fieldline.proto.WindowAggregate a) {
        SharedKafka.publish(Topics.WINDOW_AGGREGATES.name(), a.getDeviceId(), a);
    }
}
