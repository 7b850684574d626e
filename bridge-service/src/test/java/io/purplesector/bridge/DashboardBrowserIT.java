package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.purplesector.testsupport.ServiceProcess;
import io.purplesector.testsupport.TestKafka;
import io.purplesector.testsupport.WithTestKafka;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in a real browser (Debian's Chromium, headless) shows the live frames of a demo
 * collector running as its own process. The screenshot is kept as target/dashboard.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.bridge.auth.enabled=false",
        "purplesector.bridge.commands-topic=browser-commands"})
@WithTestKafka
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort
    int port;

    @TempDir
    Path profile;

    @Test
    void dashboardShowsLiveFramesTrackMapAndLaps() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are needed (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try (ServiceProcess collector = CollectorDemo.start(Path.of("target", "collector-demo-browser.log"),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(), "--server.port=0",
                "--purplesector.demo.users=browser", "--purplesector.demo.time-scale=10",
                "--purplesector.demo.commands-topic=browser-commands")) {
            browser.get("http://localhost:" + port + "/?userId=browser");

            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
            wait.until(page -> page.findElement(By.id("status")).getText().startsWith("connected"));
            wait.until(page -> Integer.parseInt(page.findElement(By.id("speed")).getText()) > 0);
            wait.until(page -> Integer.parseInt(page.findElement(By.id("track-map")).getDomAttribute("data-points")) > 500);
            wait.until(page -> !page.findElements(By.cssSelector("#laps li")).isEmpty());

            assertThat(browser.getCurrentUrl()).endsWith("/dashboard/?userId=browser");
            assertThat(browser.findElement(By.id("session")).getText()).startsWith("demo-");
            assertThat(browser.findElement(By.id("gear")).getText()).matches("[RN1-6]");
            assertThat(browser.findElement(By.cssSelector("#laps li")).getText()).startsWith("Lap 1:");
            File screenshot = browser.getScreenshotAs(OutputType.FILE);
            Files.copy(screenshot.toPath(), Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.quit();
        }
    }
}
