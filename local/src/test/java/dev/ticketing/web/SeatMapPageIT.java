package dev.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The seat-map page in a real browser (headless Chromium from the OS packages, driven by Selenium): what one
 * user holds on the page, another user's page shows as reserved within about two seconds, and releasing it on
 * the page gives the seats back to everyone. Skipped where {@code chromium} and {@code chromium-driver} are not
 * installed; {@code .ci/run} installs them.
 */
class SeatMapPageIT {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    /**
     * The page polls every second and the map is promised fresh within one: two seconds, plus a second of slack
     * for a loaded CI machine (measured here: 0.8-1.2 s; the test prints what it saw).
     */
    private static final Duration SEEN_BY_OTHERS = Duration.ofSeconds(3);
    private static final Duration PAGE_ACTION = Duration.ofSeconds(10);
    /** Kept referenced: Selenium warns that it has no DevTools (CDP) bindings for this Chromium; the test needs none. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(Level.SEVERE);
    }

    private final List<WebDriver> browsers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    /** Per test rather than per class, so that the skip and its reason show in the test report. */
    @BeforeEach
    void chromiumIsInstalled() {
        assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "SeatMapPageIT skipped: needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver);"
                        + " install them with: apt-get install -y chromium chromium-driver");
    }

    @AfterEach
    void closeBrowsers() throws IOException {
        browsers.forEach(WebDriver::quit);
        for (Path profile : profiles) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    void seatsHeldOnThePageAreSeenReservedByOthersWithinTwoSecondsAndReleasingFreesThem() {
        LocalSystem stack = TestStack.get();
        Api api = TestStack.api();
        String event = api.createEvent(6, 8);
        String alice = "alice-" + UUID.randomUUID().toString().substring(0, 8);
        String bob = "bob-" + UUID.randomUUID().toString().substring(0, 8);

        WebDriver bobsPage = openSignedIn(stack, bob, event);
        WebDriver alicesPage = openSignedIn(stack, alice, event);
        assertThat(state(bobsPage, "3-4")).isEqualTo("available");

        // Alice picks two seats: shown as selected, with what they cost (rows 3-6 are 20.00 EUR)
        seat(alicesPage, "3-4").click();
        seat(alicesPage, "3-5").click();
        assertThat(state(alicesPage, "3-4")).isEqualTo("selected");
        assertThat(seat(alicesPage, "3-4").getAttribute("aria-label")).isEqualTo("Row 3 seat 4, available, selected, 20.00 EUR");
        assertThat(seat(alicesPage, "3-4").getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(text(alicesPage, "#selection-summary")).contains("2 seats").contains("40.00 EUR");

        // ... and holds them: the hold panel counts down and shows the amount; the seats are hers on the map
        alicesPage.findElement(By.id("hold-selected")).click();
        waitFor(alicesPage, PAGE_ACTION).until(ExpectedConditions.visibilityOfElementLocated(By.id("hold-panel")));
        long held = System.nanoTime();
        assertThat(text(alicesPage, "#hold-amount")).isEqualTo("40.00 EUR");
        assertThat(text(alicesPage, "#hold-seats")).contains("Row 3 seat 4").contains("Row 3 seat 5");
        String firstCountdown = text(alicesPage, "#countdown");
        assertThat(firstCountdown).matches("(10|9):\\d\\d");
        waitFor(alicesPage, Duration.ofSeconds(3)).until(page -> !text(page, "#countdown").equals(firstCountdown));
        assertThat(state(alicesPage, "3-4")).isEqualTo("mine");
        assertThat(state(alicesPage, "3-5")).isEqualTo("mine");
        assertThat(seat(alicesPage, "3-5").getAttribute("aria-label")).isEqualTo("Row 3 seat 5, held by you, 20.00 EUR");

        // Bob's page, polling, shows them reserved within about two seconds
        waitFor(bobsPage, SEEN_BY_OTHERS).until(page -> "reserved".equals(state(page, "3-4")) && "reserved".equals(state(page, "3-5")));
        Duration seenReserved = Duration.ofNanos(System.nanoTime() - held);
        assertThat(seat(bobsPage, "3-4").getAttribute("aria-disabled")).isEqualTo("true");

        // A second hold by Alice for this event is refused; the page shows the server's reason
        alicesPage.findElement(By.id("hold-together")).click();
        waitFor(alicesPage, PAGE_ACTION).until(ExpectedConditions.visibilityOfElementLocated(By.id("alert")));
        assertThat(text(alicesPage, "#alert-text")).contains("You already hold seats for this event");

        // Alice releases on the page: available again for her at once, and for Bob within about two seconds
        alicesPage.findElement(By.id("release")).click();
        waitFor(alicesPage, PAGE_ACTION).until(ExpectedConditions.invisibilityOfElementLocated(By.id("hold-panel")));
        long released = System.nanoTime();
        waitFor(alicesPage, SEEN_BY_OTHERS).until(page -> "available".equals(state(page, "3-4")) && "available".equals(state(page, "3-5")));
        waitFor(bobsPage, SEEN_BY_OTHERS).until(page -> "available".equals(state(page, "3-4")) && "available".equals(state(page, "3-5")));
        Duration seenAvailable = Duration.ofNanos(System.nanoTime() - released);
        assertThat(api.seatStatuses(event, api.newUser("carol"))).containsEntry("3-4", "AVAILABLE").containsEntry("3-5", "AVAILABLE");

        System.out.printf("SeatMapPageIT: Bob's page showed the hold after %d ms and the release after %d ms%n",
                seenReserved.toMillis(), seenAvailable.toMillis());
    }

    /** A fresh browser on the page, signed in as {@code user}, showing {@code event}'s seat map. */
    private WebDriver openSignedIn(LocalSystem stack, String user, String event) {
        WebDriver page = browser();
        page.get(stack.baseUrl() + "/");
        page.findElement(By.id("user-name")).sendKeys(user);
        page.findElement(By.id("sign-in-button")).click();
        waitFor(page, PAGE_ACTION).until(ExpectedConditions.textToBe(By.id("who"), user));
        WebElement events = waitFor(page, PAGE_ACTION).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#event-select option[value='" + event + "']")));
        assertThat(events.getText()).startsWith("Test show");
        new Select(page.findElement(By.id("event-select"))).selectByValue(event);
        waitFor(page, PAGE_ACTION).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("button.seat[data-seat='6-8']")));
        return page;
    }

    private WebDriver browser() {
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        profiles.add(profile);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.getPath());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        // The driver named explicitly: Selenium Manager is never asked to find or download anything.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        return driver;
    }

    private static WebDriverWait waitFor(WebDriver page, Duration deadline) {
        return new WebDriverWait(page, deadline, Duration.ofMillis(50));
    }

    private static WebElement seat(WebDriver page, String seatId) {
        return page.findElement(By.cssSelector("button.seat[data-seat='" + seatId + "']"));
    }

    private static String state(WebDriver page, String seatId) {
        return seat(page, seatId).getAttribute("data-state");
    }

    private static String text(WebDriver page, String selector) {
        return page.findElement(By.cssSelector(selector)).getText();
    }
}
