package dev.ticketing.local.paypal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * PayPal-Request-Id handling: the first successful answer for a key is kept and handed out again for every
 * repeat, and the operation is not done a second time. Failed answers are not kept, so a capture refused with
 * ORDER_NOT_APPROVED can succeed with the same id once the buyer has approved.
 */
final class IdempotentAnswers {
    private final Map<String, MockAnswer> answers = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** {@code key} null means no PayPal-Request-Id was sent: every call does the operation. */
    MockAnswer answer(String key, Supplier<MockAnswer> operation) {
        if (key == null) {
            return operation.get();
        }
        // one lock per key: two concurrent repeats must not both do the operation
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            MockAnswer earlier = answers.get(key);
            if (earlier != null) {
                return earlier;
            }
            MockAnswer answer = operation.get();
            if (answer.isSuccess()) {
                answers.put(key, answer);
            }
            return answer;
        }
    }
}
