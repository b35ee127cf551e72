package dev.ticketing.web;

import static dev.ticketing.web.Browsers.screenshot;
import static dev.ticketing.web.Browsers.script;
import static dev.ticketing.web.Browsers.text;
import static dev.ticketing.web.Browsers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The door page in a real browser (headless Chromium) against the local stack, with the code typed as a person or
 * a keyboard-like scanner would: a sold ticket is ADMITTED with its seat and name, the same ticket again is ALREADY
 * ADMITTED on this device, a garbage code is REFUSED, and the counter moves with the admission only. The answer is a
 * word and an icon as well as a colour, and is announced. Skipped where chromium is not installed.
 */
class DoorPageIT {
    private final Browsers browsers = new Browsers();
    private final PaymentsApi payments = TestStack.payments();
    private final Api api = payments.api();
    private final String base = TestStack.get().baseUrl().toString();

    @BeforeEach
    void chromiumIsInstalled() {
        assumeTrue(Browsers.installed(), "DoorPageIT skipped: " + Browsers.SKIPPED);
    }

    @AfterEach
    void closeBrowsers() throws IOException {
        browsers.close();
    }

    @Test
    void aSoldTicketIsAdmittedOnceAndAGarbageCodeIsRefusedWhileTheCounterCountsAdmissions() {
        String event = api.createEvent(5, 8);
        String code = soldTicketCode(event, "2-3");
        WebDriver door = browsers.desktop();
        openSignedIn(door, base + "/web/door.html?event=" + event, "door-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(admitted(door)).isEqualTo("0");
        assertThat(text(door, "#answer-word")).isEqualTo("Ready: scan a ticket");

        scan(door, code);
        waitFor(door).until(page -> "admitted".equals(answer(page)));
        assertThat(attribute(door, "#answer", "data-result")).isEqualTo("admitted");
        assertThat(text(door, "#answer-icon")).isEqualTo("✓");
        assertThat(text(door, "#answer-word")).isEqualTo("ADMITTED");
        assertThat(text(door, "#answer-seat")).isEqualTo("Row 2, seat 3");
        assertThat(text(door, "#answer-name")).isEqualTo("Ada Lovelace");
        waitFor(door).until(page -> announced(page).equals("ADMITTED. Row 2, seat 3. Ada Lovelace"));
        waitFor(door).until(page -> "1".equals(admitted(page)));
        screenshot(door, "door-admitted");

        scan(door, code);
        waitFor(door).until(page -> "already-admitted".equals(answer(page)));
        assertThat(attribute(door, "#answer", "data-result")).isEqualTo("refused");
        assertThat(text(door, "#answer-icon")).isEqualTo("✕");
        assertThat(text(door, "#answer-word")).isEqualTo("ALREADY ADMITTED");
        assertThat(text(door, "#answer-seat")).as("the seat this device saw admitted").isEqualTo("Row 2, seat 3");
        assertThat(text(door, "#answer-detail")).startsWith("Admitted at ").endsWith(" on this device.");
        waitFor(door).until(page -> announced(page).startsWith("ALREADY ADMITTED."));

        scan(door, "not-a-ticket-" + UUID.randomUUID());
        waitFor(door).until(page -> "unknown".equals(answer(page)));
        assertThat(attribute(door, "#answer", "data-result")).isEqualTo("refused");
        assertThat(text(door, "#answer-word")).isEqualTo("REFUSED");
        assertThat(text(door, "#answer-detail")).isEqualTo("Unknown or forged code: this is not a ticket.");
        assertThat(admitted(door)).as("only the admission counted").isEqualTo("1");
        waitFor(door).until(page -> text(page, "#counter").equals("1 of 1 admitted"));
        assertThat(door.findElements(By.cssSelector("#recent li"))).hasSize(3);
        screenshot(door, "door-refused");

        // The same page in Italian: the answer on screen too
        new Select(door.findElement(By.id("lang"))).selectByValue("it");
        assertThat(text(door, "#answer-word")).isEqualTo("RIFIUTATO");
        assertThat(text(door, "#answer-detail")).isEqualTo("Codice sconosciuto o contraffatto: non è un biglietto.");
        // admitted of sold, from the server's check-in report: the event sold one ticket
        waitFor(door).until(page -> text(page, "#counter").equals("1 entrati su 1"));
        assertThat(attribute(door, "html", "lang")).isEqualTo("it");
    }

    /** Buys {@code seat} as a new buyer named Ada Lovelace, and answers its ticket's code from GET /me/orders. */
    private String soldTicketCode(String event, String seat) {
        String buyer = api.newUser("ada");
        String holdId = payments.hold(event, buyer, seat);
        Api.Response started = api.post("/holds/" + holdId + "/payments", buyer, Map.of("provider", "PAYPAL",
                "buyer", Map.of("name", "Ada Lovelace", "email", "ada@example.com")));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        payments.approveAtPayPal(started.json().get("providerOrderId").asText());
        payments.awaitStatus(started.json().get("id").asText(), buyer, "SUCCESS");
        JsonNode orders = api.get("/me/orders", buyer).json().get("orders");
        return orders.get(0).get("tickets").get(0).get("code").asText();
    }

    /** Opens the door page at {@code url}, in English, and signs in as {@code staff} with its form. */
    static void openSignedIn(WebDriver door, String url, String staff) {
        door.get(url);
        waitFor(door).until(page -> "true".equals(attribute(page, "body", "data-ready")));
        new Select(door.findElement(By.id("lang"))).selectByValue("en");
        door.findElement(By.id("staff-name")).sendKeys(staff + "\n");
        waitFor(door).until(ExpectedConditions.textToBe(By.id("who"), staff));
    }

    /** Types the code into the page's field and presses Enter, as a scanner that types does. */
    static void scan(WebDriver door, String code) {
        door.findElement(By.id("code")).sendKeys(code + "\n");
    }

    static String answer(WebDriver door) {
        return attribute(door, "#answer", "data-answer");
    }

    static String admitted(WebDriver door) {
        return attribute(door, "#counter", "data-admitted");
    }

    static String announced(WebDriver door) {
        return (String) script(door, "return document.getElementById('announcer').textContent");
    }

    static String attribute(WebDriver door, String selector, String name) {
        return door.findElement(By.cssSelector(selector)).getAttribute(name);
    }
}
