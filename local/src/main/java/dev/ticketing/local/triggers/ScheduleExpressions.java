package dev.ticketing.local.triggers;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The interval of a schedule expression: EventBridge's {@code rate(5 minutes)}, or an ISO-8601 duration such as
 * {@code PT0.5S}, which only the local stack accepts (it passes {@code --sweep-interval} to the template's
 * {@code SweepInterval} that way, since EventBridge's rates stop at one minute). {@code cron(...)} is not run
 * locally.
 */
final class ScheduleExpressions {
    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

    private ScheduleExpressions() {
    }

    static Duration interval(String expression) {
        String text = expression.trim();
        Matcher rate = RATE.matcher(text.toLowerCase(Locale.ROOT));
        if (rate.matches()) {
            long amount = Long.parseLong(rate.group(1));
            String unit = rate.group(2);
            Duration interval = unit.startsWith("minute") ? Duration.ofMinutes(amount)
                    : unit.startsWith("hour") ? Duration.ofHours(amount) : Duration.ofDays(amount);
            return positive(interval, expression);
        }
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return positive(Duration.parse(text), expression);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a schedule expression: " + expression, e);
            }
        }
        throw new IllegalArgumentException("the local stack runs rate(...) schedules and ISO-8601 intervals, not: " + expression);
    }

    private static Duration positive(Duration interval, String expression) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("a schedule needs a positive interval: " + expression);
        }
        return interval;
    }
}
