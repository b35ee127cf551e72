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

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The buyer's map drawn from a venue plan, in headless Chromium on a desktop (1280x800) and a phone (390x844): a
 * ~1,200-seat theatre (stalls and balcony on curved rows, a centre aisle, wheelchair places with companions, three
 * categories) shown whole with its stage, sections and category legend; the price filter dims the dearer seats;
 * zooming shows an overview with the part shown marked and keeps row labels pinned at the edge; seats picked by
 * mouse, finger and keyboard and held by id; best available asked with a category and for wheelchair places. Every
 * seat state's colour has 3:1 against the map (and, on the rectangle's map, against every price band). A
 * ~20,000-seat arena is drawn and the time it takes printed (a measurement, not an assertion: bench/results/).
 *
 * <p>The page runs against {@link FakeBoxOffice}, which answers the routes of plan events by their contract while
 * the server side is being built. Screenshots land in target/screenshots (theatre-desktop, theatre-phone).
 */
class PlanMapPageIT {
    private static FakeBoxOffice office;
    private static PlanFixtures.Fixture theatre;
    private static String theatreEvent;
    private static String arenaEvent;

    private final Browsers browsers = new Browsers();

    @BeforeAll
    static void startTheFakeBoxOffice() throws IOException {
        office = new FakeBoxOffice();
        theatre = PlanFixtures.theatre();
        theatreEvent = office.addEvent("theatre-gala", theatre, "Premium", "60.00", "Standard", "40.00", "Balcony", "25.00");
        arenaEvent = office.addEvent("arena-night", PlanFixtures.arena(), "Floor ring", "90.00", "Middle ring", "55.00", "Upper ring", "30.00");
    }

    @AfterAll
    static void stopTheFakeBoxOffice() {
        office.close();
    }

    @BeforeEach
    void chromiumIsInstalled() {
        assumeTrue(Browsers.installed(), "PlanMapPageIT skipped: " + Browsers.SKIPPED);
    }

    @AfterEach
    void closeBrowsers() throws IOException {
        browsers.close();
    }

    @Test
    void onADesktopTheTheatreIsDrawnFromItsPlanAndSeatsArePickedZoomedAndFiltered() {
        WebDriver page = browsers.desktop();
        open(page, office.baseUrl(), theatreEvent, "bc-J-56");

        assertThat(script(page, "return document.getElementById('map-frame').seatMap.constructor.name")).isEqualTo("PlanMap");
        assertThat(text(page, "#event-when")).contains("Teatro Verdi", String.format("%,d seats", theatre.seats()));
        for (String seat : new String[] {"st-A-1", "st-A-18", "bc-J-1", "bc-J-56"}) {
            assertInWindow(page, seatBox(page, seat), "seat " + seat);
        }
        assertNoHorizontalScroll(page);
        Map<String, Number> stage = stageBox(page);
        assertThat(stage.get("bottom").doubleValue()).as("the stage in front of row A").isLessThan(seatBox(page, "st-A-9").get("top").doubleValue());
        assertThat(page.findElements(By.xpath("//*"))).as("nothing in the page per seat").hasSizeLessThan(400);
        assertThat((Long) script(page, "return new Set(document.getElementById('map-frame').seatMap.labelsShown.map((l) => l.row)).size"))
                .as("rows labelled at fit (a label that would overlap another is left out)").isGreaterThan(10L);

        // legend: each category with its price; flags explained; the filter dims what costs more
        List<String> legend = page.findElements(By.cssSelector("#price-legend li")).stream().map(WebElement::getText).toList();
        assertThat(legend).containsExactly("Premium · €60.00", "Standard · €40.00", "Balcony · €25.00");
        assertThat(text(page, ".legend")).contains("Wheelchair place", "Companion seat", "Restricted view");
        new Select(page.findElement(By.id("price-filter"))).selectByVisibleText("€40.00");
        waitFor(page).until(p -> Boolean.TRUE.equals(script(p, "return document.getElementById('map-frame').seatMap.dimmed('st-A-14')")));
        assertThat(script(page, "return document.getElementById('map-frame').seatMap.dimmed('st-H-14')")).isEqualTo(false);
        assertThat(page.findElement(By.cssSelector("#price-legend li[data-category='Premium']")).getAttribute("class")).contains("dimmed");
        contrasts(page).forEach((what, ratio) -> assertThat(ratio.doubleValue()).as("contrast of %s", what).isGreaterThanOrEqualTo(3.0));

        // zoom: the overview appears with the part shown marked; a click on it moves there; row labels stay in view
        assertThat(page.findElement(By.cssSelector(".plan-overview")).isDisplayed()).isFalse();
        page.findElement(By.id("zoom-in")).click();
        page.findElement(By.id("zoom-in")).click();
        page.findElement(By.id("zoom-in")).click();
        waitFor(page).until(p -> "zoomed".equals(p.findElement(By.id("map-frame")).getAttribute("data-zoom")));
        Map<String, Object> overview = overview(page);
        @SuppressWarnings("unchecked")
        Map<String, Number> mark = (Map<String, Number>) overview.get("mark");
        assertThat(mark.get("width").doubleValue()).isLessThan(((Number) overview.get("width")).doubleValue());
        Map<?, ?> before = (Map<?, ?>) script(page, "return document.getElementById('map-frame').seatMap.viewBox()");
        WebElement mini = page.findElement(By.cssSelector(".plan-overview"));
        new org.openqa.selenium.interactions.Actions(page).moveToElement(mini, 0, mini.getSize().height / 4).click().perform();
        waitFor(page).until(p -> !before.equals(script(p, "return document.getElementById('map-frame').seatMap.viewBox()")));
        waitFor(page).until(p -> ((List<?>) script(p, "return document.getElementById('map-frame').seatMap.labelsShown || []")).stream()
                .anyMatch(label -> Boolean.TRUE.equals(((Map<?, ?>) label).get("pinned"))));
        screenshot(page, "theatre-desktop-zoomed");
        page.findElement(By.id("zoom-fit")).click();
        waitFor(page).until(p -> "fit".equals(p.findElement(By.id("map-frame")).getAttribute("data-zoom")));
        new Select(page.findElement(By.id("price-filter"))).selectByVisibleText("Any price");

        // pick: a click (the map zooms in first when seats are small), the keyboard; hold by the plan's ids
        signIn(page, "paola");
        String first = freeSeat(page, "st-H-");
        clickSeat(page, first);
        if (!"selected".equals(state(page, first))) {
            clickSeat(page, first);
        }
        waitFor(page).until(p -> "selected".equals(state(p, first)));
        page.findElement(By.id("zoom-fit")).click();
        ((JavascriptExecutor) page).executeScript("document.getElementById('map-frame').seatMap.focus()");
        WebElement cursor = page.switchTo().activeElement();
        assertThat(cursor.getAttribute("aria-label")).matches(".+, Row [A-Z], Seat \\d+, .+");
        String second = moveToAFreeSeat(page);
        cursor = page.switchTo().activeElement();
        cursor.sendKeys(Keys.ENTER);
        waitFor(page).until(p -> "selected".equals(state(p, second)));
        assertThat(text(page, "#selection-summary")).contains("Row H");
        page.findElement(By.id("hold-selected")).click();
        waitFor(page).until(p -> office.holdRequests.size() == 1);
        assertThat(office.holdRequests.get(0).get("seats")).extracting(JsonNode::asText).containsExactlyInAnyOrder(first, second);
        waitFor(page).until(p -> "mine".equals(state(p, first)));
        assertThat(text(page, "#hold-seat-names")).contains("Stalls, Row H, Seat");
        screenshot(page, "theatre-desktop");
        page.findElement(By.id("release")).click();
        waitFor(page).until(p -> p.findElement(By.id("selection-panel")).isDisplayed());

        // best available with a category and for wheelchair places
        new Select(page.findElement(By.id("together-category"))).selectByVisibleText("Standard · €40.00");
        page.findElement(By.id("together-accessible")).click();
        page.findElement(By.id("hold-together")).click();
        waitFor(page).until(p -> office.holdRequests.size() == 2);
        JsonNode together = office.holdRequests.get(1);
        assertThat(together.get("quantity").asInt()).isEqualTo(2);
        assertThat(together.get("together").asBoolean()).isTrue();
        assertThat(together.get("category").asText()).isEqualTo("Standard");
        assertThat(together.get("accessible").asBoolean()).isTrue();
    }

    @Test
    void onAPhoneTheTheatreFitsTheWidthATapZoomsInAndTheNextPicks() {
        WebDriver page = browsers.phone();
        open(page, office.baseUrl(), theatreEvent, "bc-J-56");
        assertNoHorizontalScroll(page);
        for (String seat : new String[] {"st-A-1", "bc-J-1", "bc-J-56"}) {
            assertInWindow(page, seatBox(page, seat), "seat " + seat);
        }
        screenshot(page, "theatre-phone");
        signIn(page, "piero");
        String seat = freeSeat(page, "st-K-");
        tapSeat(page, seat);   // too small for a finger: zooms in around it
        waitFor(page).until(p -> "zoomed".equals(p.findElement(By.id("map-frame")).getAttribute("data-zoom")));
        assertThat(page.findElement(By.cssSelector(".plan-overview")).isDisplayed()).isTrue();
        assertThat(seatBox(page, seat).get("width").doubleValue()).as("a seat wide enough for a finger").isGreaterThanOrEqualTo(30);
        tapSeat(page, seat);
        waitFor(page).until(p -> "selected".equals(state(p, seat)));
        assertNoHorizontalScroll(page);
        tap(page, page.findElement(By.id("zoom-fit")));
        waitFor(page).until(p -> "fit".equals(p.findElement(By.id("map-frame")).getAttribute("data-zoom")));
        screenshot(page, "theatre-phone-selected");
    }

    @Test
    void aTwentyThousandSeatArenaIsDrawnOnADesktopAndAPhone() {
        List<String> lines = new ArrayList<>();
        for (boolean phone : new boolean[] {false, true}) {
            for (int run = 1; run <= 3; run++) {
                WebDriver page = phone ? browsers.phone() : browsers.desktop();
                open(page, office.baseUrl(), arenaEvent, "s116-1-1");
                waitFor(page).until(p -> measure(p, "planmap-paint") != null);
                double build = measure(page, "planmap-build");
                double paint = measure(page, "planmap-paint");
                double zoom = frameAfter(page, "document.getElementById('zoom-in').click()");
                double fit = frameAfter(page, "document.getElementById('zoom-fit').click()");
                long seats = ((Number) script(page, "return document.getElementById('map-frame').seatMap.seats.count")).longValue();
                assertThat(seats).isEqualTo(20_000);
                lines.add(String.format("PlanMapPageIT: %s run %d: 20,000-seat plan built (laid out and drawn) in %.0f ms, first frame painted after %.0f ms;"
                        + " frame after a zoom step %.0f ms, back to the whole hall %.0f ms", phone ? "phone 390x844" : "desktop 1280x800", run, build, paint, zoom, fit));
                if (run == 1) {
                    screenshot(page, phone ? "arena-phone" : "arena-desktop");
                }
                page.quit();
            }
        }
        lines.forEach(System.out::println);
    }

    /** The seat states' and the categories' contrast with the map's background (and the rectangle's price bands). */
    @SuppressWarnings("unchecked")
    private static Map<String, Number> contrasts(WebDriver page) {
        return (Map<String, Number>) ((JavascriptExecutor) page).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('/web/seat-marks.js').then(({ contrast, readSeatColours, STATES }) => {"
                        + "  const frame = document.getElementById('map-frame'); const css = getComputedStyle(frame);"
                        + "  const colours = readSeatColours(frame); const out = {};"
                        + "  const grounds = { map: colours.background, area: css.getPropertyValue('--section-area').trim() };"
                        + "  for (let i = 0; i < 5; i++) grounds['band ' + i] = css.getPropertyValue('--tier-' + i).trim();"
                        + "  for (const state of STATES) for (const [g, c] of Object.entries(grounds)) out[state + ' on ' + g] = contrast(colours[state], c);"
                        + "  for (const category of frame.seatMap.categories()) { out[category.name + ' on map'] = contrast(category.colour, colours.background);"
                        + "    out[category.name + ' on area'] = contrast(category.colour, grounds.area); }"
                        + "  done(out); });");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> overview(WebDriver page) {
        return (Map<String, Object>) script(page, "return document.getElementById('map-frame').seatMap.overviewBox()");
    }

    /** A free seat whose id starts with {@code prefix}, away from the row's ends. */
    private static String freeSeat(WebDriver page, String prefix) {
        return (String) script(page, "const map = document.getElementById('map-frame').seatMap;"
                + "return map.seats.ids.find((id, i) => id.startsWith(arguments[0]) && !/-(1|2|3)$/.test(id) && map.stateOf(id) === 'available'"
                + " && !map.flagsOf(id).wheelchair && !map.flagsOf(id).companion) || null;", prefix);
    }

    /** Moves the focused seat cursor with the keys alone to a free seat of stalls row H; answers that seat's id. */
    private static String moveToAFreeSeat(WebDriver page) {
        Keys along = Keys.ARROW_RIGHT;
        String last = null;
        for (int step = 0; step < 80; step++) {
            WebElement cursor = page.switchTo().activeElement();
            String seat = cursor.getAttribute("data-seat");
            char row = seat.charAt(3);
            if (seat.startsWith("st-") && row == 'H' && "available".equals(cursor.getAttribute("data-state"))) {
                return seat;
            }
            if (seat.equals(last)) {
                along = Keys.ARROW_LEFT;   // the row's end: back the other way
            }
            last = seat;
            cursor.sendKeys(seat.startsWith("bc-") ? Keys.PAGE_UP : row < 'H' ? Keys.ARROW_DOWN : row > 'H' ? Keys.ARROW_UP : along);
        }
        throw new AssertionError("no free seat in row H reached with the keyboard");
    }

    private static Double measure(WebDriver page, String name) {
        Object duration = script(page, "const m = performance.getEntriesByName(arguments[0], 'measure'); return m.length ? m[m.length - 1].duration : null;", name);
        return duration == null ? null : ((Number) duration).doubleValue();
    }

    private static double frameAfter(WebDriver page, String action) {
        Object ms = ((JavascriptExecutor) page).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const t0 = performance.now();" + action + ";"
                        + "requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));");
        return ((Number) ms).doubleValue();
    }
}
