package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.purplesector.telemetry.proto.CarStanding;
import io.purplesector.telemetry.proto.Standings;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.HeadlessChromium;
import io.purplesector.testsupport.ServiceProcess;
import io.purplesector.testsupport.TestKafka;
import io.purplesector.testsupport.WithTestKafka;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard in a real browser (Debian's Chromium, headless) shows the live frames of a demo
 * collector running as its own process, and the timing tower of every car when standings come.
 * The screenshots are kept as target/dashboard.png and target/dashboard-tower.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.bridge.auth.enabled=false",
        "purplesector.bridge.commands-topic=browser-commands"})
@WithTestKafka
class DashboardBrowserIT {

    @LocalServerPort
    int port;

    @TempDir
    Path profile;

    @Test
    void dashboardShowsLiveFramesTrackMapAndLaps() throws Exception {
        ChromeDriver browser = browser();
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
            assertThat(browser.findElement(By.id("tower")).isDisplayed()).as("no standings from the demo").isFalse();
            File screenshot = browser.getScreenshotAs(OutputType.FILE);
            Files.copy(screenshot.toPath(), Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.quit();
        }
    }

    /**
     * The bridge the page came from stops (a deploy, a crash) and starts again on the same address
     * eight seconds later: the page says it is reconnecting, opens the connection again by itself
     * and shows the live car again, within seconds of the bridge's return.
     */
    @Test
    void theDashboardReconnectsByItselfWhenItsBridgeComesBackAndShowsTheLiveCarAgain() throws Exception {
        ChromeDriver browser = browser();
        int bridgePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            bridgePort = socket.getLocalPort();
        }
        ConfigurableApplicationContext bridge = bridgeOn(bridgePort);
        try (ServiceProcess collector = CollectorDemo.start(Path.of("target", "collector-demo-reconnect.log"),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(), "--server.port=0",
                "--purplesector.demo.users=reconnect", "--purplesector.demo.commands-topic=browser-commands")) {
            browser.get("http://localhost:" + bridgePort + "/?userId=reconnect");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
            wait.until(page -> page.findElement(By.id("status")).getText().startsWith("connected"));
            wait.until(page -> Integer.parseInt(page.findElement(By.id("rate")).getText()) > 0);

            bridge.close();
            wait.until(page -> page.findElement(By.id("status")).getText().startsWith("reconnecting in"));
            Thread.sleep(8_000);
            assertThat(browser.findElement(By.id("status")).getText()).startsWith("reconnecting in");
            bridge = bridgeOn(bridgePort);
            long back = System.nanoTime();

            new WebDriverWait(browser, Duration.ofSeconds(10)).until(page ->
                    page.findElement(By.id("status")).getText().equals("connected")
                            && Integer.parseInt(page.findElement(By.id("rate")).getText()) > 0);
            System.out.printf("Dashboard live again %d ms after its bridge was back%n",
                    Duration.ofNanos(System.nanoTime() - back).toMillis());
        } finally {
            bridge.close();
            browser.quit();
        }
    }

    private static ConfigurableApplicationContext bridgeOn(int port) {
        return new SpringApplicationBuilder(BridgeApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(), "--server.port=" + port,
                "--purplesector.bridge.auth.enabled=false", "--purplesector.bridge.commands-topic=browser-commands");
    }

    /** Standings of every car (as ACC's collector sends them) fill the timing tower and the map. */
    @Test
    void dashboardShowsTheTimingTowerAndEveryCarOnTheMap() throws Exception {
        ChromeDriver browser = browser();
        String topic = Topics.userTopic("tower");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", TestKafka.bootstrapServers()), new StringSerializer(),
                        new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            browser.get("http://localhost:" + port + "/?userId=tower");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(page -> page.findElement(By.id("status")).getText().startsWith("connected"));
            wait.until(page -> {
                producer.send(new ProducerRecord<>(topic, "acc-1", standings().toByteArray()));
                return page.findElements(By.cssSelector("#tower tbody tr")).size() == 3;
            });

            List<WebElement> rows = browser.findElements(By.cssSelector("#tower tbody tr"));
            assertThat(rows.get(0).getText()).startsWith("1 7 Ada Lovelace 12 1:33.695 1:33.145");
            assertThat(rows.get(1).getText()).endsWith("+1.5");
            assertThat(rows.get(2).getDomAttribute("class")).isEqualTo("focused");
            assertThat(browser.findElement(By.id("track-map")).getDomAttribute("data-cars")).isEqualTo("3");
            File screenshot = browser.getScreenshotAs(OutputType.FILE);
            Files.copy(screenshot.toPath(), Path.of("target", "dashboard-tower.png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.quit();
        }
    }

    private static TelemetryRecord standings() {
        return TelemetryRecord.newBuilder().setStandings(Standings.newBuilder().setSessionId("acc-1")
                .setUserId("tower").setTimestamp(System.currentTimeMillis())
                .addCars(car(1, 7, "Ada Lovelace", 0, -100, 50, false))
                .addCars(car(2, 12, "Grace Hopper", 1_500, 20, -80, false))
                .addCars(car(3, 31, "Sim Driver", 4_200, 120, 10, true))).build();
    }

    private static CarStanding car(int position, int number, String driver, int gapMs, float x, float z,
            boolean focused) {
        return CarStanding.newBuilder().setCarIndex(position - 1).setPosition(position).setRaceNumber(number)
                .setDriver(driver).setLaps(12).setLastLapTime(93_695).setBestLapTime(93_145).setGapToLeader(gapMs)
                .setWorldX(x).setWorldZ(z).setFocused(focused).build();
    }

    private ChromeDriver browser() {
        return HeadlessChromium.start(profile);
    }
}
