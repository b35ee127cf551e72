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
 * on its own clock. Here the box office's clock (the shared stack's) is moved two hours ahead of the browser's.
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
}
