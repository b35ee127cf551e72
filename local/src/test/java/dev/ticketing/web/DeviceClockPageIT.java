package dev.ticketing.web;

import static dev.ticketing.web.Browsers.clickSeat;
import static dev.ticketing.web.Browsers.open;
import static dev.ticketing.web.Browsers.script;
import static dev.ticketing.web.Browsers.signIn;
import static dev.ticketing.web.Browsers.state;
import static dev.ticketing.web.Browsers.text;
import static dev.ticketing.web.Browsers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A buyer whose device clock is off: the hold's countdown and its end are told from the box office's time (the
 * {@code Date} of its answers), not the device's, so a phone two hours slow still sees its ten minutes, and the end
 * on its own clock. Here the box office's clock (the shared stack's) is moved two hours ahead of the browser's. And
 * the page's estimate of that time ({@code web/server-clock.js}, run in the browser on a clock the test moves) is not
 * moved by a stale copy a CDN kept, and follows a device clock corrected while the page is open.
 */
class DeviceClockPageIT {
    private static final String SHORT_TIME = "return new Date(Date.now() + arguments[0])"
            + ".toLocaleTimeString('en', {hour: 'numeric', minute: '2-digit'})";

    private final Browsers browsers = new Browsers();
    private final Api api = TestStack.api();
    private final String base = TestStack.get().baseUrl().toString();

    @BeforeEach
    void chromiumIsInstalled() {
        assumeTrue(Browsers.installed(), "DeviceClockPageIT skipped: " + Browsers.SKIPPED);
    }

    @AfterEach
    void closeBrowsers() throws IOException {
        browsers.close();
    }

    @Test
    void aDeviceTwoHoursSlowCountsTheHoldsTenMinutesAndShowsItsEndOnItsOwnClock() {
        TestStack.clock().advance(Duration.ofHours(2));
        String event = api.createEvent(5, 8);
        WebDriver page = browsers.desktop();
        open(page, base, event, "5-8");
        signIn(page, "slow-phone-" + UUID.randomUUID().toString().substring(0, 8));
        clickSeat(page, "3-4");
        waitFor(page).until(p -> "selected".equals(state(p, "3-4")));
        String endBefore = (String) script(page, SHORT_TIME, 600_000);
        page.findElement(By.id("hold-selected")).click();
        waitFor(page).until(ExpectedConditions.visibilityOfElementLocated(By.id("hold-panel")));
        String endAfter = (String) script(page, SHORT_TIME, 600_000);

        assertThat(text(page, "#countdown")).as("ten minutes, not two hours and ten").matches("(10|9):\\d\\d");
        assertThat(text(page, "#hold-until")).as("the end on the device's clock").isIn(endBefore, endAfter);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCopyACdnKeptNeverMovesTheServersTimeAndACorrectedDeviceClockIsFollowedWithinHalfAMinute() {
        WebDriver page = browsers.desktop();
        page.get(base + "/");
        Map<String, Number> seen = (Map<String, Number>) script(page, """
                return import('/web/server-clock.js').then(({ ServerClock, WINDOW_MS }) => {
                  const twoHours = 2 * 3_600_000;
                  let browser = 1_000_000;                     // the device's clock, two hours slow
                  const clock = new ServerClock(() => browser);
                  const seen = {};
                  clock.note(browser + twoHours - 40);         // an answer made 40 ms before it arrived
                  seen.fresh = clock.now() - browser;
                  clock.note(browser + twoHours - 600_000);    // CloudFront's copy of a map version, made 10 minutes ago
                  seen.afterStaleCopy = clock.now() - browser;
                  const close = new ServerClock(() => browser);
                  close.note(browser - 900);                   // a device 0.9 s ahead: within a Date's whole seconds
                  seen.closeDevice = close.now() - browser;
                  browser += twoHours;                         // the device's clock is corrected: a jump longer
                  clock.note(browser);                         // than the window drops the earlier answers at once
                  seen.correctedByTwoHours = clock.now() - browser;
                  const slow = new ServerClock(() => browser);
                  slow.note(browser + 10_000);                 // a device 10 s slow...
                  browser += 10_000;                           // ...corrected: the earlier answers still count
                  slow.note(browser);
                  seen.correctedBy10s = slow.now() - browser;
                  browser += WINDOW_MS + 1;                    // until they leave the window
                  slow.note(browser);
                  seen.windowLater = slow.now() - browser;
                  return seen;
                });""");

        long twoHours = Duration.ofHours(2).toMillis();
        assertThat(seen.get("fresh").longValue()).isEqualTo(twoHours - 40);
        assertThat(seen.get("afterStaleCopy").longValue()).as("a stale copy moves nothing").isEqualTo(twoHours - 40);
        assertThat(seen.get("closeDevice").longValue()).as("a device within 2 s is left as it is").isZero();
        assertThat(seen.get("correctedByTwoHours").longValue()).as("followed at once").isZero();
        assertThat(seen.get("correctedBy10s").longValue()).as("the earlier answers still count").isEqualTo(10_000);
        assertThat(seen.get("windowLater").longValue()).as("followed within the window").isZero();
    }
}
