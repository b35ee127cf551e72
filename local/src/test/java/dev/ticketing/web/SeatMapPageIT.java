package dev.ticketing.web;

import static dev.ticketing.web.Browsers.assertInWindow;
import static dev.ticketing.web.Browsers.assertNoHorizontalScroll;
import static dev.ticketing.web.Browsers.box;
import static dev.ticketing.web.Browsers.messages;
import static dev.ticketing.web.Browsers.open;
import static dev.ticketing.web.Browsers.screenshot;
import static dev.ticketing.web.Browsers.script;
import static dev.ticketing.web.Browsers.clickSeat;
import static dev.ticketing.web.Browsers.seatBox;
import static dev.ticketing.web.Browsers.shown;
import static dev.ticketing.web.Browsers.shownQrCode;
import static dev.ticketing.web.Browsers.signIn;
import static dev.ticketing.web.Browsers.stageBox;
import static dev.ticketing.web.Browsers.tapSeat;
import static dev.ticketing.web.Browsers.state;
import static dev.ticketing.web.Browsers.switchToNewWindow;
import static dev.ticketing.web.Browsers.tap;
import static dev.ticketing.web.Browsers.text;
import static dev.ticketing.web.Browsers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The seat-map page in a real browser (headless Chromium, desktop 1280x800 and phone 390x844) on a 30 x 40 hall:
 * the whole hall in view without scrolling sideways, live for everyone before signing in; a hold seen by others
 * within about two seconds and by the holder's other tabs; a phone's bottom bar; a PayPal round trip through a
 * second tab that ends signed in with the tickets; a purchase with the keyboard alone. Skipped where chromium and
 * chromium-driver are not installed ({@code .ci/run} installs them). Screenshots land in target/screenshots.
 */
class SeatMapPageIT {
    /**
     * The page polls every second and the map is promised fresh within one: two seconds, plus a second of slack
     * for a loaded CI machine (measured here: 0.8-1.2 s; the test prints what it saw).
     */
    private static final Duration SEEN_BY_OTHERS = Duration.ofSeconds(3);
    private static final Duration PAYMENT = Duration.ofSeconds(15);
    private static final Duration SHORT_HOLD = Duration.ofSeconds(20);
    private static LocalSystem shortHolds;
    private static final String[] CORNERS = {"1-1", "1-40", "30-1", "30-40"};

    private final Browsers browsers = new Browsers();
    private final Api api = TestStack.api();
    private final PaymentsApi payments = TestStack.payments();
    private final String base = TestStack.get().baseUrl().toString();

    /** Per test rather than per class, so that the skip and its reason show in the test report. */
    @BeforeEach
    void chromiumIsInstalled() {
        assumeTrue(Browsers.installed(), "SeatMapPageIT skipped: " + Browsers.SKIPPED);
    }

    @AfterEach
    void closeBrowsers() throws IOException {
        browsers.close();
    }

    @Test
    void onADesktopTheWholeHallIsLiveBeforeSignInAndAHoldIsSeenByOthersAndInTheHoldersNewTab() {
        String event = api.createEvent(30, 40);
        String alice = user("alice");
        String bob = user("bob");
        WebDriver bobsPage = browsers.desktop();
        open(bobsPage, base, event, "30-40");
        signIn(bobsPage, bob);
        WebDriver alicesPage = browsers.desktop();
        open(alicesPage, base, event, "30-40");

        // Before signing in: the live map, whole, read-only, and an invitation to sign in
        assertThat(script(alicesPage, "return [innerWidth, innerHeight]")).isEqualTo(java.util.List.of(1280L, 800L));
        for (String corner : CORNERS) {
            assertInWindow(alicesPage, seatBox(alicesPage, corner), "seat " + corner);
        }
        assertNoHorizontalScroll(alicesPage);
        Map<String, Number> stage = stageBox(alicesPage);
        double seatsCentre = (seatBox(alicesPage, "1-1").get("left").doubleValue()
                + seatBox(alicesPage, "1-40").get("right").doubleValue()) / 2;
        assertThat((stage.get("left").doubleValue() + stage.get("right").doubleValue()) / 2).as("stage centre").isCloseTo(seatsCentre, within(1.0));
        assertThat(text(alicesPage, "#price-legend")).contains("Rows 1–2 · €50.00").contains("Rows 3–30 · €20.00");
        // the event list has an option per event of the shared stack (as many as the tests before made): not counted
        assertThat(alicesPage.findElements(By.xpath("//*[not(self::option)]"))).as("nothing in the page per seat (1,200 here)")
                .hasSizeLessThan(300);
        assertThat(text(alicesPage, "#guest-panel")).contains("Sign in to hold seats");
        clickSeat(alicesPage, "15-20");
        waitFor(alicesPage).until(page -> messages(page).contains("Row 15 seat 20, €20.00: sign in to hold seats."));
        assertThat(state(alicesPage, "15-20")).isEqualTo("available");

        // Signed in: said once, and the keyboard focus is on the map
        signIn(alicesPage, alice);
        assertThat(text(alicesPage, "body").split("Signed in as", -1)).as("'Signed in as' appears once").hasSize(2);
        waitFor(alicesPage).until(page -> focusedClass(page).contains("seat-cursor"));

        // Bob has picked two seats; Alice picks two, sees what they cost, and holds them
        clickSeat(bobsPage, "16-5");
        clickSeat(bobsPage, "16-6");
        clickSeat(alicesPage, "15-20");
        clickSeat(alicesPage, "15-21");
        assertThat(state(alicesPage, "15-20")).isEqualTo("selected");
        assertThat(text(alicesPage, "#selection-summary")).isEqualTo("2 seats: Row 15 seat 20, Row 15 seat 21");
        assertThat(text(alicesPage, "#selection-total")).isEqualTo("€40.00");
        alicesPage.findElement(By.id("hold-selected")).click();
        waitFor(alicesPage).until(ExpectedConditions.visibilityOfElementLocated(By.id("hold-panel")));
        long held = System.nanoTime();
        assertThat(focusedId(alicesPage)).as("focus moves to the buyer's name before Pay, not to the page").isEqualTo("buyer-name");
        assertThat(text(alicesPage, "#hold-amount")).isEqualTo("€40.00");
        assertThat(messages(alicesPage)).contains("Held Row 15 seat 20 and Row 15 seat 21 for €40.00 until");
        String firstCountdown = text(alicesPage, "#countdown");
        assertThat(firstCountdown).matches("(10|9):\\d\\d");
        waitFor(alicesPage, Duration.ofSeconds(3)).until(page -> !text(page, "#countdown").equals(firstCountdown));
        assertThat(state(alicesPage, "15-20")).isEqualTo("mine");
        assertThat(state(alicesPage, "15-21")).isEqualTo("mine");

        // Bob's page shows them reserved within about two seconds
        waitFor(bobsPage, SEEN_BY_OTHERS).until(page -> "reserved".equals(state(page, "15-20")) && "reserved".equals(state(page, "15-21")));
        Duration seenReserved = Duration.ofNanos(System.nanoTime() - held);

        // Someone takes a seat Bob had picked: it leaves his selection and the dock says so, in view, by name
        assertThat(api.hold(event, api.newUser("carol"), "16-5").status()).isEqualTo(201);
        waitFor(bobsPage, SEEN_BY_OTHERS).until(page -> "reserved".equals(state(page, "16-5")));
        assertThat(messages(bobsPage)).contains("Row 16 seat 5 was just taken by someone else and left your selection.");
        assertInWindow(bobsPage, bobsPage.findElement(By.id("alert")), "the message");
        assertThat(text(bobsPage, "#selection-summary")).isEqualTo("1 seat: Row 16 seat 6");

        // A seat taken between Bob's last look and his Hold: the page names it as it names seats, never "17-1"
        clickSeat(bobsPage, "17-1");
        assertThat(api.hold(event, api.newUser("dave"), "17-1").status()).isEqualTo(201);
        bobsPage.findElement(By.id("hold-selected")).click();
        waitFor(bobsPage).until(page -> messages(page).contains("Row 17 seat 1 was just taken by someone else"));
        assertThat(messages(bobsPage)).doesNotContain("17-1");

        // Someone else's purchase shows sold on Alice's map (and in the picture the test leaves for the README)
        String frank = api.newUser("frank");
        String franksHold = payments.hold(event, frank, "5-10", "5-11", "5-12");
        payments.approveAtPayPal(payments.startPayPal(franksHold, frank).get("providerOrderId").asText());
        waitFor(alicesPage, PAYMENT).until(page -> "sold".equals(state(page, "5-12")));
        screenshot(alicesPage, "desktop-1280x800");

        // Alice opens the page in a new tab: signed in, on her event, her hold and its countdown, "held by you"
        String firstTab = alicesPage.getWindowHandle();
        String holdId = alicesPage.findElement(By.id("hold-panel")).getAttribute("data-hold-id");
        alicesPage.switchTo().newWindow(WindowType.TAB);
        alicesPage.get(base + "/");   // no event named: the page opens the one she holds seats for
        waitFor(alicesPage).until(page -> state(page, "30-40") != null);
        assertThat(alicesPage.getCurrentUrl()).endsWith("?event=" + event);
        waitFor(alicesPage).until(ExpectedConditions.visibilityOfElementLocated(By.id("hold-panel")));
        assertThat(alicesPage.findElement(By.id("hold-panel")).getAttribute("data-hold-id")).isEqualTo(holdId);
        assertThat(text(alicesPage, "#who")).isEqualTo(alice);
        assertThat(text(alicesPage, "#countdown")).matches("(10|9):\\d\\d");
        waitFor(alicesPage).until(page -> "mine".equals(state(page, "15-20")) && "mine".equals(state(page, "15-21")));

        // She releases it there: the first tab and Bob follow
        alicesPage.findElement(By.id("release")).click();
        waitFor(alicesPage).until(ExpectedConditions.invisibilityOfElementLocated(By.id("hold-panel")));
        long released = System.nanoTime();
        waitFor(bobsPage, SEEN_BY_OTHERS).until(page -> "available".equals(state(page, "15-20")) && "available".equals(state(page, "15-21")));
        Duration seenAvailable = Duration.ofNanos(System.nanoTime() - released);
        alicesPage.switchTo().window(firstTab);
        waitFor(alicesPage, SEEN_BY_OTHERS).until(page -> !shown(page, "#hold-panel") && "available".equals(state(page, "15-20")));

        System.out.printf("SeatMapPageIT: Bob's page showed the hold after %d ms and the release after %d ms%n",
                seenReserved.toMillis(), seenAvailable.toMillis());
    }

    @Test
    void onAPhoneTheBarStaysInViewAndAPayPalRoundTripThroughASecondTabEndsSignedInWithTheTickets() {
        String event = api.createEvent(30, 40);
        String dana = user("dana");
        WebDriver phone = browsers.phone();
        open(phone, base, event, "30-40");
        assertThat(script(phone, "return [innerWidth, innerHeight]")).isEqualTo(java.util.List.of(390L, 844L));
        signIn(phone, dana);

        // The whole hall at once, above the bar, and nothing to scroll sideways
        WebElement dock = phone.findElement(By.id("dock"));
        double barTop = box(phone, dock).get("top").doubleValue();
        for (String corner : CORNERS) {
            assertInWindow(phone, seatBox(phone, corner), "seat " + corner);
            assertThat(seatBox(phone, corner).get("bottom").doubleValue()).as("seat %s above the bar", corner).isLessThanOrEqualTo(barTop);
        }
        assertNoHorizontalScroll(phone);

        // Seats too small for a finger: the first tap zooms in, then each seat is at least 40 px wide
        tapSeat(phone, "10-20");
        waitFor(phone).until(page -> "zoomed".equals(page.findElement(By.id("map-frame")).getAttribute("data-zoom")));
        assertThat(state(phone, "10-20")).as("a zooming tap picks nothing").isEqualTo("available");
        assertThat(seatBox(phone, "10-20").get("width").doubleValue()).isGreaterThanOrEqualTo(40);
        tapSeat(phone, "10-20");
        tapSeat(phone, "10-21");
        waitFor(phone).until(page -> "selected".equals(state(page, "10-20")) && "selected".equals(state(page, "10-21")));

        // The bar: in view wherever the page is scrolled, with the selection, its total and Hold
        for (String scroll : new String[] {"scrollTo(0, document.body.scrollHeight)", "scrollTo(0, 0)"}) {
            script(phone, scroll);
            assertInWindow(phone, dock, "the bar");
            assertInWindow(phone, phone.findElement(By.id("hold-selected")), "Hold");
        }
        assertThat(text(phone, "#selection-total")).isEqualTo("€40.00");
        assertThat(text(phone, "#hold-selected")).isEqualTo("Hold 2 seats");
        assertThat(box(phone, phone.findElement(By.id("hold-selected"))).get("height").doubleValue()).isGreaterThanOrEqualTo(40);
        tap(phone, phone.findElement(By.id("hold-selected")));
        waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("hold-panel")));
        WebElement pay = phone.findElement(By.id("pay-button"));
        assertInWindow(phone, pay, "Pay");
        assertThat(box(phone, pay).get("height").doubleValue()).isGreaterThanOrEqualTo(40);
        assertThat(messages(phone)).contains("Held Row 10 seat 20 and Row 10 seat 21 for €40.00");
        tap(phone, phone.findElement(By.id("zoom-fit")));
        waitFor(phone).until(page -> "fit".equals(page.findElement(By.id("map-frame")).getAttribute("data-zoom")));
        screenshot(phone, "phone-390x844");

        // Pay with PayPal: its page opens in a second tab; Cancel there comes back to the hold, signed in
        String firstTab = phone.getWindowHandle();
        Set<String> known = phone.getWindowHandles();
        phone.findElement(By.cssSelector("input[name='provider'][value='PAYPAL']")).click();
        tap(phone, pay);
        waitFor(phone).until(page -> messages(page).contains("Enter your full name for the order."));
        assertThat(focusedId(phone)).isEqualTo("buyer-name");
        fillBuyer(phone, "Dana Scully", "dana@example.com");
        tap(phone, pay);
        switchToNewWindow(phone, known);
        waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.id("cancel"))).click();
        waitFor(phone, PAYMENT).until(page -> messages(page).contains("You cancelled the payment at PayPal. Your seats are still held until"));
        // the message, the panel's clock time and its countdown tell one end: the hold's, its payment grace included
        String until = text(phone, "#hold-until");
        assertThat(messages(phone)).contains("held until " + until + ":");
        assertThat(script(phone, "return document.getElementById('countdown').textContent")).asString().matches("1[45]:\\d\\d");
        assertThat(script(phone, "const [m, s] = document.getElementById('countdown').textContent.split(':').map(Number);"
                + " const at = (d) => new Date(Date.now() + (m * 60 + s) * 1000 + d).toLocaleTimeString(undefined, {hour: 'numeric', minute: '2-digit'});"
                + " return [at(-1500), at(0), at(1500)]")).asList().as("the countdown ends at the time shown").contains(until);
        assertThat(text(phone, "#who")).isEqualTo(dana);
        assertThat(phone.getCurrentUrl()).doesNotContain("payment=");
        assertThat(shown(phone, "#hold-panel")).isTrue();
        assertThat(text(phone, "#payment-text")).doesNotContain("Approve");

        // Pay again from this tab and approve: the page that comes back shows the result and the tickets
        known = phone.getWindowHandles();
        phone.findElement(By.id("pay-button")).click();
        switchToNewWindow(phone, known);
        waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        waitFor(phone, PAYMENT).until(page -> messages(page).contains("Paid €40.00 for Row 10 seat 20 and Row 10 seat 21. Your order code is "));
        assertThat(text(phone, "#who")).isEqualTo(dana);
        // the order's code, in the message and the panel; the order is the buyer's, by the name and e-mail typed
        String code = text(phone, "#order-code");
        assertThat(code).matches("[0-9A-Z]{3}-[0-9A-Z]{3}");
        assertThat(messages(phone)).contains("Your order code is " + code + ".");
        JsonNode order = api.get("/orders/" + code, api.tokenOf(dana)).json();
        assertThat(order.path("buyer").path("name").asText()).isEqualTo("Dana Scully");
        assertThat(order.path("buyer").path("email").asText()).isEqualTo("dana@example.com");
        assertThat(order.path("tickets")).hasSize(2);
        waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tickets .purchase[data-status='PAID']")));
        String purchase = text(phone, "#tickets .purchase[data-status='PAID']");
        assertThat(purchase).contains("Test show").contains("Row 10 seat 20").contains("Row 10 seat 21").contains("€20.00")
                .contains("€40.00").contains("Paid");
        // the page's language went with the buyer (the order's mails are written in it), and the PDF is offered again
        assertThat(order.path("buyer").path("language").asText()).isIn("en", "it");
        assertThat(text(phone, "#tickets .purchase[data-status='PAID'] button.download-pdf"))
                .isIn("Download tickets (PDF)", "Scarica i biglietti (PDF)");
        String before = messages(phone);
        WebElement download = phone.findElement(By.cssSelector("#tickets .purchase[data-status='PAID'] button.download-pdf"));
        ((JavascriptExecutor) phone).executeScript("window.__pdfFetched = 0; const fetched = window.fetch;"
                + "window.fetch = async (...args) => { const answer = await fetched(...args);"
                + " if (String(args[0]).endsWith('.pdf') && answer.ok"
                + " && answer.headers.get('Content-Type') === 'application/pdf') { window.__pdfFetched++; } return answer; };");
        download.click();
        waitFor(phone).until(page -> Long.valueOf(1).equals(((JavascriptExecutor) page).executeScript("return window.__pdfFetched;")));
        assertThat(messages(phone)).as("no error shown").isEqualTo(before);
        waitFor(phone).until(page -> "yours".equals(state(page, "10-20")));
        assertThat(phone.findElements(By.cssSelector("#tickets .purchase")))
                .as("the cancelled first attempt is not a purchase of its own").hasSize(1);
        screenshot(phone, "phone-tickets");

        // A ticket's QR on the phone: in view, large (at least 250 px a side), and it reads as the ticket's code
        JsonNode ticket = ticketAt(dana, 10, 20);
        tap(phone, phone.findElement(By.cssSelector("#tickets button.show-ticket[data-ticket='" + ticket.path("id").asText() + "']")));
        assertThat(shownQrCode(phone)).isEqualTo(ticket.path("code").asText());
        WebElement qr = phone.findElement(By.cssSelector("#ticket-qr canvas"));
        assertInWindow(phone, qr, "the QR code");
        assertThat(box(phone, qr).get("width").doubleValue()).isGreaterThanOrEqualTo(250);
        screenshot(phone, "phone-ticket-qr");
        tap(phone, phone.findElement(By.id("ticket-qr-close")));
        waitFor(phone).until(p -> !shown(p, "#ticket-qr"));

        // The tab where it began knows too
        phone.switchTo().window(firstTab);
        waitFor(phone, PAYMENT).until(page -> "PAID".equals(page.findElement(By.id("hold-panel")).getAttribute("data-status")));
    }

    @Test
    void aPurchaseWithTheKeyboardAlone() {
        String event = api.createEvent(30, 40);
        String erin = user("erin");
        WebDriver page = browsers.desktop();
        open(page, base, event, "30-40");

        tabTo(page, "user-name");
        keys(page, erin, Keys.ENTER);
        waitFor(page).until(ExpectedConditions.textToBe(By.id("who"), erin));
        waitFor(page).until(p -> focusedClass(p).contains("seat-cursor"));

        keys(page, Keys.HOME);
        assertThat(focusedLabel(page)).startsWith("Row 10 seat 1,");
        keys(page, Keys.PAGE_DOWN);
        assertThat(focusedLabel(page)).isEqualTo("Row 15 seat 1, available, €20.00");
        keys(page, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ENTER);
        waitFor(page).until(p -> focusedLabel(p).equals("Row 15 seat 5, available, selected, €20.00"));
        keys(page, Keys.ARROW_RIGHT, Keys.SPACE);
        waitFor(page).until(p -> "selected".equals(state(p, "15-6")));
        keys(page, Keys.PAGE_UP, Keys.ARROW_DOWN);
        assertThat(focusedLabel(page)).startsWith("Row 11 seat 6,");
        assertThat(state(page, "15-5")).isEqualTo("selected");

        tabTo(page, "hold-selected");
        keys(page, Keys.ENTER);
        waitFor(page).until(p -> "buyer-name".equals(focusedId(p)));
        keys(page, "Erin Brockovich", Keys.TAB, "erin@example.com", Keys.TAB);
        // the card checkout: arrow to the card, forward to Pay
        assertThat(focused(page).getAttribute("name")).isEqualTo("provider");
        keys(page, Keys.ARROW_DOWN);
        assertThat(page.findElement(By.cssSelector("input[name='provider'][value='OTHER']")).isSelected()).isTrue();
        tabTo(page, "pay-button");
        Set<String> known = page.getWindowHandles();
        keys(page, Keys.ENTER);
        switchToNewWindow(page, known);
        waitFor(page).until(ExpectedConditions.elementToBeClickable(By.id("pay")));
        tabTo(page, "pay");
        keys(page, Keys.ENTER);

        waitFor(page, PAYMENT).until(p -> messages(p).contains("Paid €40.00 for Row 15 seat 5 and Row 15 seat 6."));
        waitFor(page).until(p -> "tickets-title".equals(focusedId(p)));
        waitFor(page).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tickets .purchase[data-status='PAID']")));
        assertThat(text(page, "#tickets .purchase[data-status='PAID']")).contains("Row 15 seat 5").contains("Row 15 seat 6");

        // Each paid ticket shows as a QR for the door: Tab to the first seat's Show ticket, Enter; the QR says the
        // ticket's code as GET /me/orders gives it, which is also there as text; Escape gives the focus back
        JsonNode ticket = ticketAt(erin, 15, 5);
        for (int i = 0; i < 8 && !ticket.path("id").asText().equals(focused(page).getAttribute("data-ticket")); i++) {
            keys(page, Keys.TAB);
        }
        assertThat(focusedLabel(page)).isEqualTo("Show the ticket for Row 15 seat 5 (QR code)");
        keys(page, Keys.ENTER);
        assertThat(shownQrCode(page)).isEqualTo(ticket.path("code").asText());
        assertThat(text(page, "#ticket-qr-title")).isEqualTo("Row 15 seat 5");
        assertThat(text(page, "#ticket-qr-body")).contains("Order " + ticket.path("orderCode").asText());
        assertThat(page.findElement(By.id("ticket-qr-text")).getAttribute("textContent")).isEqualTo(ticket.path("code").asText());
        assertThat(page.findElement(By.cssSelector("#ticket-qr canvas")).getAttribute("aria-label"))
                .isEqualTo("QR code of the ticket for Row 15 seat 5");
        screenshot(page, "desktop-ticket-qr");
        keys(page, Keys.ESCAPE);
        waitFor(page).until(p -> !shown(p, "#ticket-qr"));
        assertThat(focused(page).getAttribute("data-ticket")).isEqualTo(ticket.path("id").asText());
    }

    /** The user's ticket at row and seat, as {@code GET /me/orders} lists it, with its order's code as orderCode. */
    private JsonNode ticketAt(String user, int row, int seat) {
        for (JsonNode order : api.get("/me/orders", api.tokenOf(user)).json().path("orders")) {
            for (JsonNode ticket : order.path("tickets")) {
                if (ticket.path("row").asInt() == row && ticket.path("seat").asInt() == seat) {
                    return ((ObjectNode) ticket.deepCopy()).put("orderCode", order.path("code").asText());
                }
            }
        }
        throw new AssertionError("no ticket at row " + row + " seat " + seat + " for " + user);
    }

    /**
     * A stack whose holds last {@link #SHORT_HOLD}, so a countdown runs out while the test watches (the page counts
     * on the browser's clock, which a test clock cannot move); its own, so no other test's holds are touched.
     */
    private static LocalSystem shortHolds() throws Exception {
        if (shortHolds == null) {
            shortHolds = LocalSystem.start(TestStack.options().withHoldDuration(SHORT_HOLD), Clock.systemUTC());
        }
        return shortHolds;
    }

    @AfterAll
    static void closeShortHolds() {
        if (shortHolds != null) {
            shortHolds.close();
        }
    }

    @Test
    void payingNearTheEndShowsTheHoldExtendedByThePaymentGraceNotExpired() throws Exception {
        LocalSystem stack = shortHolds();
        Api own = new Api(stack);
        String event = own.createEvent(30, 40);
        String gina = user("gina");
        WebDriver page = browsers.desktop();
        open(page, stack.baseUrl().toString(), event, "30-40");
        signIn(page, gina);
        clickSeat(page, "12-3");
        page.findElement(By.id("hold-selected")).click();
        waitFor(page).until(p -> "buyer-name".equals(focusedId(p)));
        fillBuyer(page, "Gina Linetti", "gina@example.com");

        // Pay with a few seconds left: the server adds the payment grace (5 minutes) and the page shows it
        waitFor(page, SHORT_HOLD).until(p -> text(p, "#countdown").matches("0:0[1-6]"));
        page.findElement(By.id("pay-button")).click();
        waitFor(page, PAYMENT).until(p -> text(p, "#countdown").matches("[45]:\\d\\d"));
        assertThat(page.findElement(By.id("hold-panel")).getAttribute("data-status")).isEqualTo("ACTIVE");
        assertThat(text(page, "#hold-status")).isEqualTo("Active");
        assertThat(messages(page)).doesNotContain("expired");
        String holdId = page.findElement(By.id("hold-panel")).getAttribute("data-hold-id");
        assertThat(own.get("/holds/" + holdId, own.tokenOf(gina)).json().path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void afterAnExpiryOneMessageSaysSoAndNewPicksWorkAtOnce() throws Exception {
        LocalSystem stack = shortHolds();
        String event = new Api(stack).createEvent(30, 40);
        WebDriver page = browsers.desktop();
        open(page, stack.baseUrl().toString(), event, "30-40");
        signIn(page, user("hank"));
        clickSeat(page, "8-8");
        page.findElement(By.id("hold-selected")).click();
        waitFor(page).until(ExpectedConditions.visibilityOfElementLocated(By.id("hold-panel")));

        waitFor(page, SHORT_HOLD.plusSeconds(10)).until(p -> messages(p).contains(
                "Your hold on Row 8 seat 8 expired at"));
        assertThat(messages(page)).contains("Pick seats on the map to hold them again.");
        assertThat(shown(page, "#hold-panel")).as("no hold panel to close").isFalse();
        waitFor(page).until(p -> "available".equals(state(p, "8-8")));
        clickSeat(page, "8-8");
        clickSeat(page, "8-9");
        waitFor(page).until(p -> "selected".equals(state(p, "8-9")));
        assertThat(text(page, "#selection-summary")).isEqualTo("2 seats: Row 8 seat 8, Row 8 seat 9");
        assertThat(page.findElement(By.id("hold-selected")).isEnabled()).isTrue();
    }

    private static void fillBuyer(WebDriver page, String name, String email) {
        page.findElement(By.id("buyer-name")).clear();
        page.findElement(By.id("buyer-name")).sendKeys(name);
        page.findElement(By.id("buyer-email")).clear();
        page.findElement(By.id("buyer-email")).sendKeys(email);
    }

    private static String user(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void keys(WebDriver page, CharSequence... keys) {
        new Actions(page).sendKeys(keys).perform();
    }

    /** Presses Tab until {@code id} has the focus (at most 12 times). */
    private static void tabTo(WebDriver page, String id) {
        for (int i = 0; i < 12 && !id.equals(focusedId(page)); i++) {
            keys(page, Keys.TAB);
        }
        assertThat(focusedId(page)).as("focus reached with Tab").isEqualTo(id);
    }

    private static WebElement focused(WebDriver page) {
        return page.switchTo().activeElement();
    }

    private static String focusedId(WebDriver page) {
        return focused(page).getAttribute("id");
    }

    private static String focusedClass(WebDriver page) {
        String value = focused(page).getAttribute("class");
        return value == null ? "" : value;
    }

    private static String focusedLabel(WebDriver page) {
        String label = focused(page).getAttribute("aria-label");
        return label == null ? "" : label;
    }
}
