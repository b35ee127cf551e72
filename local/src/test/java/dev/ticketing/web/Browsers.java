package dev.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testing.TicketPdfs;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the OS packages (Debian's {@code chromium} and {@code chromium-driver}), driven by
 * Selenium, as a desktop (1280x800) or a phone (390x844, touch). Closes what it opened. The page's own vocabulary
 * lives here too: where a seat is drawn and what it shows (the map answers for its canvas), the dock's messages.
 */
final class Browsers implements AutoCloseable {
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final Duration PAGE_ACTION = Duration.ofSeconds(10);
    /** Where the test run leaves its screenshots (the module's target folder). */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Kept referenced: Selenium warns that it has no DevTools (CDP) bindings for this Chromium; the tests need none. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(Level.SEVERE);
    }

    private final List<WebDriver> drivers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    static boolean installed() {
        return CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
    }

    static final String SKIPPED = "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver);"
            + " install them with: apt-get install -y chromium chromium-driver";

    /** A desktop whose language is English (the page's texts are asserted in English). */
    WebDriver desktop() {
        return start(false, "en-US");
    }

    /**
     * A desktop whose language is {@code language} (a BCP 47 tag such as {@code it-IT}): the browser's own language
     * and the one it asks pages in ({@code navigator.languages}, {@code Accept-Language}).
     */
    WebDriver desktop(String language) {
        return start(false, language);
    }

    /** A phone in English: 390x844 CSS pixels, device pixel ratio 2, touch events, a phone's user agent. */
    WebDriver phone() {
        return start(true, "en-US");
    }

    private WebDriver start(boolean phone, String language) {
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + profile, phone ? "--window-size=390,844" : "--window-size=1280,800",
                "--lang=" + language);
        // not the machine's locale: a test says which language its browser speaks
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language + "," + language.split("-")[0]));
        if (phone) {
            options.setExperimentalOption("mobileEmulation", Map.of(
                    "deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 2.0, "touch", true),
                    "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                            + "Chrome/130.0 Mobile Safari/537.36"));
        }
        // The driver named explicitly: Selenium Manager is never asked to find or download anything.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        drivers.add(driver);
        if (!phone) {
            // --window-size is the window's outer size: grow it by what the browser keeps, so the page gets 1280x800
            @SuppressWarnings("unchecked")
            List<Number> chrome = (List<Number>) driver.executeScript("return [outerWidth - innerWidth, outerHeight - innerHeight]");
            driver.manage().window().setSize(new Dimension(1280 + chrome.get(0).intValue(), 800 + chrome.get(1).intValue()));
        }
        return driver;
    }

    @Override
    public void close() throws IOException {
        drivers.forEach(WebDriver::quit);
        for (Path profile : profiles) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    // ---- the page --------------------------------------------------------------------------------------------

    /**
     * Waits for a condition, which may find an element the page re-renders as it is read (a list that refreshes
     * itself): a stale element is "not yet", asked again, as a missing one is.
     */
    static WebDriverWait waitFor(WebDriver page, Duration deadline) {
        WebDriverWait wait = new WebDriverWait(page, deadline, Duration.ofMillis(50));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    static WebDriverWait waitFor(WebDriver page) {
        return waitFor(page, PAGE_ACTION);
    }

    /** Opens the page on {@code event}'s map and waits until its last seat is drawn. */
    static void open(WebDriver page, String baseUrl, String event, String lastSeat) {
        page.get(baseUrl + "/?event=" + event);
        waitFor(page).until(p -> state(p, lastSeat) != null);
        waitFor(page).until(p -> "true".equals(p.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    /** Signs in with the page's form (click, type, Enter) and waits until the page says who is signed in. */
    static void signIn(WebDriver page, String user) {
        WebElement name = page.findElement(By.id("user-name"));
        name.sendKeys(user + "\n");
        waitFor(page).until(ExpectedConditions.textToBe(By.id("who"), user));
    }

    /**
     * What the map shows for a seat (available, selected, mine, yours, reserved, sold), or null before it is drawn.
     * The seats are painted on a canvas, so the map itself answers ({@code #map-frame}'s {@code seatMap}).
     */
    static String state(WebDriver page, String seatId) {
        return (String) script(page, "const map = document.getElementById('map-frame').seatMap;"
                + "return map && map.stateOf(arguments[0]) || null;", seatId);
    }

    /** Where the seat is drawn, in the window's coordinates. */
    @SuppressWarnings("unchecked")
    static Map<String, Number> seatBox(WebDriver page, String seatId) {
        return (Map<String, Number>) script(page, "return document.getElementById('map-frame').seatMap.seatBox(arguments[0])", seatId);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Number> stageBox(WebDriver page) {
        return (Map<String, Number>) script(page, "return document.getElementById('map-frame').seatMap.stageBox()");
    }

    /** A mouse click in the middle of the seat as drawn. */
    static void clickSeat(WebDriver page, String seatId) {
        int[] offset = offsetOnCanvas(page, seatId);
        new Actions(page).moveToElement(canvas(page), offset[0], offset[1]).click().perform();
    }

    /** A finger's tap in the middle of the seat as drawn (touch events, as a phone sends them). */
    static void tapSeat(WebDriver page, String seatId) {
        int[] offset = offsetOnCanvas(page, seatId);
        tap(page, PointerInput.Origin.fromElement(canvas(page)), offset[0], offset[1]);
    }

    /** A finger's tap at the element's centre. */
    static void tap(WebDriver page, WebElement element) {
        tap(page, PointerInput.Origin.fromElement(element), 0, 0);
    }

    private static void tap(WebDriver page, PointerInput.Origin origin, int x, int y) {
        PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
        Sequence tap = new Sequence(finger, 0)
                .addAction(finger.createPointerMove(Duration.ZERO, origin, x, y))
                .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
                .addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        ((ChromeDriver) page).perform(List.of(tap));
    }

    /** The map's canvas shown: the rectangle's ({@code #seat-canvas}) or a venue plan's. */
    private static WebElement canvas(WebDriver page) {
        return page.findElement(By.cssSelector("#map-frame canvas.seat-canvas:not([hidden])"));
    }

    /** The seat's centre relative to the canvas's centre (Selenium's origin for an element), in whole pixels. */
    private static int[] offsetOnCanvas(WebDriver page, String seatId) {
        Map<String, Number> seat = seatBox(page, seatId);
        Map<String, Number> canvas = box(page, canvas(page));
        double x = (seat.get("left").doubleValue() + seat.get("right").doubleValue()) / 2
                - (canvas.get("left").doubleValue() + canvas.get("right").doubleValue()) / 2;
        double y = (seat.get("top").doubleValue() + seat.get("bottom").doubleValue()) / 2
                - (canvas.get("top").doubleValue() + canvas.get("bottom").doubleValue()) / 2;
        return new int[] {(int) Math.round(x), (int) Math.round(y)};
    }

    /** The text of the element {@code selector} finds, found again when the page re-rendered it while it was read. */
    static String text(WebDriver page, String selector) {
        for (int attempt = 1; ; attempt++) {
            try {
                return page.findElement(By.cssSelector(selector)).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    static boolean shown(WebDriver page, String selector) {
        List<WebElement> found = page.findElements(By.cssSelector(selector));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    /** The messages of the dock (the alert and the status line), as one text. */
    static String messages(WebDriver page) {
        return text(page, "#messages");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Number> box(WebDriver page, WebElement element) {
        return (Map<String, Number>) ((JavascriptExecutor) page).executeScript(
                "const r = arguments[0].getBoundingClientRect();"
                        + "return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height};",
                element);
    }

    static Object script(WebDriver page, String script, Object... arguments) {
        return ((JavascriptExecutor) page).executeScript(script, arguments);
    }

    /** The element lies wholly inside the window: visible without scrolling either way. */
    static void assertInWindow(WebDriver page, WebElement element, String what) {
        assertInWindow(page, box(page, element), what);
    }

    /** The box (in the window's coordinates) lies wholly inside the window. */
    static void assertInWindow(WebDriver page, Map<String, Number> box, String what) {
        long width = ((Number) script(page, "return window.innerWidth")).longValue();
        long height = ((Number) script(page, "return window.innerHeight")).longValue();
        assertThat(box.get("left").doubleValue()).as("%s left", what).isGreaterThanOrEqualTo(0);
        assertThat(box.get("top").doubleValue()).as("%s top", what).isGreaterThanOrEqualTo(0);
        assertThat(box.get("right").doubleValue()).as("%s right", what).isLessThanOrEqualTo(width);
        assertThat(box.get("bottom").doubleValue()).as("%s bottom", what).isLessThanOrEqualTo(height);
    }

    /** Nothing wider than the window: no horizontal scrolling. */
    static void assertNoHorizontalScroll(WebDriver page) {
        long scrollWidth = ((Number) script(page, "return document.documentElement.scrollWidth")).longValue();
        long width = ((Number) script(page, "return window.innerWidth")).longValue();
        assertThat(scrollWidth).as("page width").isLessThanOrEqualTo(width);
    }

    /** Switches to the window that appears beside {@code known} and answers its handle. */
    static String switchToNewWindow(WebDriver page, Set<String> known) {
        String handle = waitFor(page).until(p -> p.getWindowHandles().stream().filter(h -> !known.contains(h)).findFirst().orElse(null));
        page.switchTo().window(handle);
        return handle;
    }

    /** Saves what the page shows now under target/screenshots/{@code name}.png and answers the file. */
    static Path screenshot(WebDriver page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            File shot = ((TakesScreenshot) page).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the ticket dialog's QR code says, read as a door scanner would: a screenshot of the drawn code alone
     * (Selenium's element screenshot) decoded by ZXing ({@link TicketPdfs#decode}); null when it reads nothing.
     */
    static String shownQrCode(WebDriver page) {
        WebElement qr = waitFor(page).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#ticket-qr canvas.ticket-qr-code")));
        // the canvas can be in view a frame before the code is drawn on it: read it until it holds a code (a deadline,
        // then whatever it reads, null included, goes to the caller's assertion)
        String[] read = {null};
        try {
            waitFor(page).until(p -> (read[0] = decode(qr)) != null);
        } catch (org.openqa.selenium.TimeoutException drawnNothing) {
            // the caller's assertion says what was read
        }
        return read[0];
    }

    private static String decode(WebElement canvas) {
        try {
            return TicketPdfs.decode(ImageIO.read(new ByteArrayInputStream(canvas.getScreenshotAs(OutputType.BYTES))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
