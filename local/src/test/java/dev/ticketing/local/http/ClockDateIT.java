package dev.ticketing.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ticketing.local.payments.LocalPayments;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every answer of the local front carries one {@code Date}, the stack's clock's, as API Gateway's carry AWS's: the
 * pages correct a device's clock by it. Here the stack's clock runs an hour ahead of real time, and every kind of
 * answer is asked for: a function's (200, 201, 304, 404), the front's own (no route, no token), the web pages', a
 * mock provider's. (A function's answer once came with its own real-time Date beside the front's, which a page reads
 * as one joined value.)
 */
class ClockDateIT {
    private final Api api = TestStack.api();

    @Test
    void everyAnswerHasOneDateTheStacksClocks() {
        TestStack.clock().advance(Duration.ofHours(1));
        String event = api.createEvent(2, 3);
        String alice = api.newUser("alice");
        Api.Response compact = api.get("/events/" + event + "/seats?format=compact", null);

        Map<String, Api.Response> answers = new LinkedHashMap<>();
        answers.put("a function's 200", compact);
        answers.put("a function's 201", api.hold(event, alice, "1-1"));
        answers.put("a function's 304", api.send("GET", "/events/" + event + "/seats?format=compact", null, null,
                Map.of("If-None-Match", compact.headers().firstValue("ETag").orElseThrow())));
        answers.put("a function's 404", api.get("/holds/no-such-hold", alice));
        answers.put("no route", api.get("/no-such-route", alice));
        answers.put("no token", api.get("/me/tickets", null));
        answers.put("a web page", api.get("/web/app.js", null));
        answers.put("a mock provider's page", api.get(LocalPayments.PAYPAL_PATH + "/no-such-page", null));

        Instant now = TestStack.clock().instant();
        answers.forEach((kind, answer) -> {
            List<String> dates = answer.headers().allValues("Date");
            assertThat(dates).as("%s (%s): its Date headers", kind, answer.status()).hasSize(1);
            Instant date = ZonedDateTime.parse(dates.get(0), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            assertThat(date).as("%s: its Date, the stack's clock", kind).isCloseTo(now, within(5, ChronoUnit.SECONDS));
        });
        assertThat(answers.get("a function's 304").status()).isEqualTo(304);
    }
}
