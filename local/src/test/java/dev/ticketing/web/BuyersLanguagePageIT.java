package dev.ticketing.web;

import static dev.ticketing.web.Browsers.clickSeat;
import static dev.ticketing.web.Browsers.messages;
import static dev.ticketing.web.Browsers.open;
import static dev.ticketing.web.Browsers.screenshot;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The buyer's page in the buyer's language, in a real browser (headless Chromium): a browser that speaks Italian gets
 * the page in Italian (texts, `<html lang>`, prices as "59,00 €", the event's date with its time zone named, a
 * problem from the server told by its type); the language switch turns everything shown into English in place, and
 * the choice is remembered over the browser's language.
 */
class BuyersLanguagePageIT {
    private final Browsers browsers = new Browsers();
    private final Api api = TestStack.api();
    private final String base = TestStack.get().baseUrl().toString();

    @BeforeEach
    void chromiumIsInstalled() {
        assumeTrue(Browsers.installed(), "BuyersLanguagePageIT skipped: " + Browsers.SKIPPED);
    }

    @AfterEach
    void closeBrowsers() throws IOException {
        browsers.close();
    }

    @Test
    void anItalianBrowserGetsThePageInItalianAndTheSwitchTurnsItIntoEnglishInPlace() {
        // 10 rows of 8 seats at 59.00 EUR: nine seats side by side cannot be found, which the server says as a problem
        String event = api.createEvent(10, 8, Map.of("prices", List.of(Map.of("fromRow", 1, "toRow", 10, "price", "59.00"))));
        WebDriver page = browsers.desktop("it-IT");
        open(page, base, event, "10-8");

        // Italian from the browser's language: the page's own texts, prices, the date with its zone
        assertThat(script(page, "return document.documentElement.lang")).isEqualTo("it");
        assertThat(new Select(page.findElement(By.id("lang-select"))).getFirstSelectedOption().getText()).isEqualTo("Italiano");
        assertThat(page.getTitle()).isEqualTo("Ticketing · mappa dei posti");
        assertThat(text(page, "#guest-panel")).contains("Accedi per bloccare dei posti");
        assertThat(text(page, "#price-legend")).isEqualTo("File 1–10 · 59,00 €");
        assertThat(text(page, ".legend")).contains("Libero").contains("Venduto").contains("Non in vendita");
        // "lun 1 mar 2027, 20:00 UTC" on a machine in UTC: the time zone is named, whichever it is
        assertThat(text(page, "#event-when")).matches("\\S+ \\d{1,2} (feb|mar) 2027, \\d{1,2}:\\d{2} \\S+ · 10 file da 8 posti");

        signIn(page, "giulia-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(text(page, "#signed-in")).contains("Accesso come").contains("I miei biglietti").contains("Esci");
        clickSeat(page, "3-5");
        waitFor(page).until(p -> "selected".equals(state(p, "3-5")));
        assertThat(messages(page)).contains("Fila 3 posto 5 scelto.");
        assertThat(text(page, "#selection-summary")).isEqualTo("1 posto: Fila 3 posto 5");
        assertThat(text(page, "#selection-total")).isEqualTo("59,00 €");
        assertThat(text(page, "#hold-selected")).isEqualTo("Blocca 1 posto");

        // A problem from the server, told in Italian by its type (not-enough-seats), not in the server's English
        WebElement together = page.findElement(By.id("together-count"));
        together.clear();
        together.sendKeys("9");
        page.findElement(By.id("hold-together")).click();
        waitFor(page).until(p -> text(p, "#alert-text").contains("Non ci sono 9 posti liberi come richiesto"));
        screenshot(page, "desktop-italian");

        // The switch: English in place (same page, same selection), the messages shown told again in English
        script(page, "window.notReloaded = true");
        new Select(page.findElement(By.id("lang-select"))).selectByValue("en");
        waitFor(page).until(p -> "en".equals(script(p, "return document.documentElement.lang")));
        assertThat(script(page, "return window.notReloaded === true")).as("switched in place, not reloaded").isEqualTo(true);
        assertThat(page.getTitle()).isEqualTo("Ticketing · seat map");
        assertThat(text(page, "#price-legend")).isEqualTo("Rows 1–10 · €59.00");
        assertThat(text(page, ".legend")).contains("Available").contains("Sold");
        assertThat(text(page, "#event-when")).endsWith("· 10 rows of 8 seats").contains("2027");
        assertThat(text(page, "#signed-in")).contains("Signed in as").contains("My tickets").contains("Sign out");
        assertThat(text(page, "#alert-text")).isEqualTo("There are not 9 seats available as asked: ask for fewer, or pick seats on the map.");
        assertThat(text(page, "#status")).isEqualTo("Row 3 seat 5 selected.");
        assertThat(text(page, "#selection-summary")).isEqualTo("1 seat: Row 3 seat 5");
        assertThat(text(page, "#selection-total")).isEqualTo("€59.00");
        assertThat(text(page, "#hold-selected")).isEqualTo("Hold 1 seat");
        assertThat(page.findElement(By.id("seat-cursor-a")).getAttribute("aria-label")
                + page.findElement(By.id("seat-cursor-b")).getAttribute("aria-label")).contains("€59.00");

        // Held, in English
        page.findElement(By.id("hold-selected")).click();
        waitFor(page).until(ExpectedConditions.visibilityOfElementLocated(By.id("hold-panel")));
        waitFor(page).until(p -> messages(p).contains("Held Row 3 seat 5 for €59.00 until "));
        assertThat(text(page, "#hold-amount")).isEqualTo("€59.00");
        assertThat(text(page, "#hold-status")).isEqualTo("Active");
        assertThat(text(page, "#hold-timer")).matches("held until \\d{1,2}:\\d{2} [AP]M · (10|9):\\d\\d left");
        assertThat(text(page, "#pay-button")).startsWith("Pay €59.00");

        // Remembered over the browser's Italian: a reload comes back in English, the hold with it
        page.navigate().refresh();
        waitFor(page).until(p -> "true".equals(p.findElement(By.tagName("body")).getAttribute("data-ready")));
        assertThat(script(page, "return document.documentElement.lang")).isEqualTo("en");
        waitFor(page).until(p -> text(p, "#hold-status").equals("Active"));
        assertThat(text(page, "#price-legend")).isEqualTo("Rows 1–10 · €59.00");

        // Back to Italian with the keyboard alone (the switch focused, an arrow key): the hold panel in Italian,
        // its countdown still running
        WebElement languages = page.findElement(By.id("lang-select"));
        script(page, "arguments[0].focus()", languages);
        languages.sendKeys(Keys.ARROW_DOWN);
        waitFor(page).until(p -> "it".equals(script(p, "return document.documentElement.lang")));
        assertThat(text(page, "#price-legend")).isEqualTo("File 1–10 · 59,00 €");
        assertThat(text(page, "#hold-title")).isEqualTo("I tuoi posti bloccati");
        assertThat(text(page, "#hold-amount")).isEqualTo("59,00 €");
        assertThat(text(page, "#hold-status")).isEqualTo("Attivo");
        assertThat(text(page, "#hold-timer")).matches("bloccati fino alle \\d{1,2}:\\d{2} · restano (10|9):\\d\\d");
        String countdown = text(page, "#countdown");
        waitFor(page).until(p -> !text(p, "#countdown").equals(countdown));
        assertThat(text(page, "#pay-button")).startsWith("Paga 59,00 €");
        assertThat(page.findElement(By.cssSelector("label[for='buyer-name']")).getText()).isEqualTo("Nome e cognome");
        assertThat(messages(page)).contains("Hai bloccato Fila 3 posto 5 fino alle ");
        screenshot(page, "desktop-italian-hold");
    }
    @Test
    void aProblemIsToldByItsTypeInTheBuyersLanguageElseByTheServersDetail() {
        WebDriver page = browsers.desktop("it-IT");
        page.get(base + "/");
        waitFor(page).until(p -> "true".equals(p.findElement(By.tagName("body")).getAttribute("data-ready")));
        String tell = "const [{ problemText }, { ApiError }] = await Promise.all([import('/web/messages.js'), import('/web/api.js')]);"
                + " return problemText(new ApiError(arguments[0], JSON.parse(arguments[1])));";
        assertThat(tellAsync(page, tell, 409, "{\"type\": \"https://ticketing.dev/problems/seats-unavailable\","
                + " \"detail\": \"These seats are not available: 3-4, 3-5\", \"unavailableSeats\": [\"3-4\", \"3-5\"]}"))
                .isEqualTo("Fila 3 posto 4 e Fila 3 posto 5 sono appena stati presi da qualcun altro: scegli altri posti.");
        assertThat(tellAsync(page, tell, 429, "{\"type\": \"https://ticketing.dev/problems/hold-rate-limit\","
                + " \"retryAt\": \"2027-03-01T19:00:00.000Z\"}"))
                .startsWith("Hai bloccato posti troppe volte per questo evento in quest'ora: potrai bloccarne di nuovo alle ")
                .doesNotContain("{retryAt}");
        assertThat(tellAsync(page, tell, 409, "{\"type\": \"https://ticketing.dev/problems/something-new\","
                + " \"detail\": \"The server's own words\"}")).as("a type no dictionary knows").isEqualTo("The server's own words");
        assertThat(tellAsync(page, tell, 502, "{}")).isEqualTo("La richiesta non è riuscita (HTTP 502). Riprova tra poco.");
        assertThat(tellAsync(page, tell, 0, "{}")).startsWith("Il server non risponde.");
    }

    /** Runs {@code body} as an async function in the page (so it may import the page's modules) and answers its result. */
    private static String tellAsync(WebDriver page, String body, Object... arguments) {
        return String.valueOf(((JavascriptExecutor) page).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const args = Array.from(arguments).slice(0, -1);"
                        + " (async function () { " + body + " }).apply(null, args).then(done, (e) => done('failed: ' + e));",
                arguments));
    }
}
