package dev.ticketing.web;

import static dev.ticketing.web.Browsers.assertInWindow;
import static dev.ticketing.web.Browsers.assertNoHorizontalScroll;
import static dev.ticketing.web.Browsers.clickSeat;
import static dev.ticketing.web.Browsers.open;
import static dev.ticketing.web.Browsers.screenshot;
import static dev.ticketing.web.Browsers.script;
import static dev.ticketing.web.Browsers.seatBox;
import static dev.ticketing.web.Browsers.signIn;
import static dev.ticketing.web.Browsers.stageBox;
import static dev.ticketing.web.Browsers.state;
import static dev.ticketing.web.Browsers.tap;
import static dev.ticketing.web.Browsers.tapSeat;
import static dev.ticketing.web.Browsers.text;
import static dev.ticketing.web.Browsers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.venues.formats.SamplePlans;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The drawn plan on the real local stack (issue 20, items 3 and 5): an organiser makes a venue from the ~1,200-seat
 * theatre of the project's own form ({@code SamplePlans.theatre}) and an event on it priced by category; the buyer's
 * page draws it from {@code GET /events/{id}/plan} and the compact map, on a desktop and a 390 px phone: the whole
 * hall and its stage in view, the category legend with the prices, the price filter, zoom with the overview, a hold
 * of seats picked by mouse and keyboard by the plan's ids, "2 together", a pick by finger; and the organiser's page
 * blocking seats on the same drawn plan. (Category and wheelchair
 * choices of best available are tried against {@link FakeBoxOffice} in {@link PlanMapPageIT} until the server takes
 * them: issue 20, item 4.)
 */
class PlanEventPageIT {
    private final Browsers browsers = new Browsers();
    private final Api api = TestStack.api();
    private final String base = TestStack.get().baseUrl().toString();

    @BeforeEach
    void chromiumIsInstalled() {
        assumeTrue(Browsers.installed(), "PlanEventPageIT skipped: " + Browsers.SKIPPED);
    }

    @AfterEach
    void closeBrowsers() throws IOException {
        browsers.close();
    }

    @Test
    void onADesktopTheTheatreEventIsDrawnFromItsPlanAndHeldByThePlansIds() {
        String event = theatreEvent();
        api.hold(event, api.newUser("rita"), "th-S-C-5");
        WebDriver page = browsers.desktop();
        open(page, base, event, "th-B-J-55");

        assertThat(script(page, "return document.getElementById('map-frame').seatMap.constructor.name")).isEqualTo("PlanMap");
        for (String seat : new String[] {"th-S-A-1", "th-S-T-32", "th-B-J-1", "th-B-J-55"}) {
            assertInWindow(page, seatBox(page, seat), "seat " + seat);
        }
        assertNoHorizontalScroll(page);
        assertThat(stageBox(page).get("bottom").doubleValue()).as("the stage in front of the stalls")
                .isLessThan(seatBox(page, "th-S-A-15").get("top").doubleValue());
        assertThat(state(page, "th-S-C-5")).isEqualTo("reserved");
        List<String> legend = page.findElements(By.cssSelector("#price-legend li")).stream().map(WebElement::getText).toList();
        assertThat(legend).containsExactly("A · €80.00", "B · €55.00", "C · €30.00");

        new Select(page.findElement(By.id("price-filter"))).selectByVisibleText("€55.00");
        waitFor(page).until(p -> Boolean.TRUE.equals(script(p, "return document.getElementById('map-frame').seatMap.dimmed('th-S-A-10')")));
        assertThat(script(page, "return document.getElementById('map-frame').seatMap.dimmed('th-S-K-10')")).isEqualTo(false);
        new Select(page.findElement(By.id("price-filter"))).selectByVisibleText("Any price");

        page.findElement(By.id("zoom-in")).click();
        page.findElement(By.id("zoom-in")).click();
        waitFor(page).until(p -> p.findElement(By.cssSelector(".plan-overview")).isDisplayed());
        screenshot(page, "theatre-event-desktop-zoomed");
        page.findElement(By.id("zoom-fit")).click();
        waitFor(page).until(p -> !p.findElement(By.cssSelector(".plan-overview")).isDisplayed());

        signIn(page, "sara-" + UUID.randomUUID().toString().substring(0, 8));
        clickSeat(page, "th-S-E-10");
        if (!"selected".equals(state(page, "th-S-E-10"))) {
            clickSeat(page, "th-S-E-10");   // the first click zoomed in: seats too small to aim at
        }
        waitFor(page).until(p -> "selected".equals(state(p, "th-S-E-10")));
        script(page, "document.getElementById('map-frame').seatMap.focus()");
        WebElement cursor = page.switchTo().activeElement();
        assertThat(cursor.getAttribute("data-seat")).isEqualTo("th-S-E-10");
        assertThat(cursor.getAttribute("aria-label")).startsWith("Stalls, row E, Seat 10, available, selected, €80.00");
        cursor.sendKeys(Keys.ARROW_RIGHT);
        cursor = page.switchTo().activeElement();
        assertThat(cursor.getAttribute("data-seat")).isEqualTo("th-S-E-11");
        cursor.sendKeys(Keys.ENTER);
        waitFor(page).until(p -> "selected".equals(state(p, "th-S-E-11")));
        page.findElement(By.id("hold-selected")).click();
        waitFor(page).until(p -> "mine".equals(state(p, "th-S-E-10")) && "mine".equals(state(p, "th-S-E-11")));
        assertThat(text(page, "#hold-seat-names")).contains("Stalls, row E, Seat 10", "Stalls, row E, Seat 11");
        assertThat(text(page, "#hold-amount")).isEqualTo("€160.00");
        page.findElement(By.id("zoom-fit")).click();
        waitFor(page).until(p -> "fit".equals(p.findElement(By.id("map-frame")).getAttribute("data-zoom")));
        screenshot(page, "theatre-event-desktop");

        page.findElement(By.id("release")).click();
        waitFor(page).until(p -> p.findElement(By.id("selection-panel")).isDisplayed());
        page.findElement(By.id("hold-together")).click();
        waitFor(page).until(p -> p.findElement(By.id("hold-panel")).isDisplayed());
        List<String> held = page.findElements(By.cssSelector("#hold-seats li")).stream().map(li -> li.getAttribute("data-seat")).toList();
        assertThat(held).hasSize(2).allSatisfy(id -> assertThat(id).startsWith("th-"));
        assertThat(held).allSatisfy(id -> assertThat(state(page, id)).isEqualTo("mine"));
    }

    @Test
    void onAPhoneTheTheatreFitsAndATapZoomsInThenPicks() {
        String event = theatreEvent();
        WebDriver page = browsers.phone();
        open(page, base, event, "th-B-J-55");
        assertNoHorizontalScroll(page);
        for (String seat : new String[] {"th-S-A-1", "th-B-J-1", "th-B-J-55"}) {
            assertInWindow(page, seatBox(page, seat), "seat " + seat);
        }
        signIn(page, "tina-" + UUID.randomUUID().toString().substring(0, 8));
        tapSeat(page, "th-S-H-12");
        waitFor(page).until(p -> "zoomed".equals(p.findElement(By.id("map-frame")).getAttribute("data-zoom")));
        assertThat(page.findElement(By.cssSelector(".plan-overview")).isDisplayed()).isTrue();
        tapSeat(page, "th-S-H-12");
        waitFor(page).until(p -> "selected".equals(state(p, "th-S-H-12")));
        assertNoHorizontalScroll(page);
        tap(page, page.findElement(By.id("zoom-fit")));
        waitFor(page).until(p -> "fit".equals(p.findElement(By.id("map-frame")).getAttribute("data-zoom")));
        screenshot(page, "theatre-event-phone");
    }

    @Test
    void theOrganiserBlocksSeatsOnTheDrawnPlan() {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String event = theatreEvent(org);
        WebDriver page = browsers.desktop();
        page.get(base + "/web/organiser.html");
        waitFor(page).until(p -> "true".equals(p.findElement(By.tagName("body")).getAttribute("data-ready")));
        page.findElement(By.id("user-name")).sendKeys("olga-" + org.substring(4));
        page.findElement(By.id("organisation")).sendKeys(org);
        page.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        waitFor(page).until(p -> text(p, "#who").startsWith("olga-"));
        page.get(base + "/web/organiser.html?event=" + event);
        waitFor(page).until(p -> state(p, "th-B-J-55") != null);
        assertThat(script(page, "return document.getElementById('map-frame').seatMap.constructor.name")).isEqualTo("PlanMap");
        assertThat(text(page, "#event-when")).contains("1,197 seats on a venue plan");
        script(page, "document.getElementById('map-frame').scrollIntoView({block: 'start'})");
        for (String seat : new String[] {"th-S-K-3", "th-S-K-4"}) {
            clickSeat(page, seat);
            if (!"selected".equals(state(page, seat))) {
                clickSeat(page, seat);   // the first click zoomed in: seats too small to aim at
            }
            waitFor(page).until(p -> "selected".equals(state(p, seat)));
        }
        assertThat(text(page, "#selection-summary")).contains("Stalls, row K, Seat 3");
        page.findElement(By.id("block")).click();
        waitFor(page).until(p -> "blocked".equals(state(p, "th-S-K-3")) && "blocked".equals(state(p, "th-S-K-4")));
        assertThat(api.seatStatuses(event, null)).containsEntry("th-S-K-3", "BLOCKED").containsEntry("th-S-K-4", "BLOCKED");
        screenshot(page, "theatre-organiser");
    }

    private String theatreEvent() {
        return theatreEvent("org-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A venue of organisation {@code org} made from the theatre plan, and an event on it: A 80.00, B 55.00, C 30.00. */
    private String theatreEvent(String org) {
        String organiser = api.organiser("olga", org);
        String venue = api.post("/venues", organiser, SamplePlans.theatre()).json().get("id").asText();
        return api.createEventOnVenue(organiser, venue, Api.THEATRE_PRICES);
    }
}
