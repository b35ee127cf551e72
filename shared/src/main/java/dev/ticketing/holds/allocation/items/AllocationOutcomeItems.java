package dev.ticketing.holds.allocation.items;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.num;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.problems.RecordedProblem;
import dev.ticketing.problems.TooManyRequestsException;
import dev.ticketing.problems.TicketingException;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import dev.ticketing.store.Ttl;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * How the answer to a best-available request is stored, and the one write to it: {@code ALLOCATION#<requestId>} /
 * {@code OUTCOME} -> who asked ({@code user_id}: only they may read it), the hold it got ({@code hold_id}, {@code attempts}), or the problem it was refused with
 * ({@code status}, {@code type}, {@code title}, {@code detail}, {@code extensions} as JSON). Written once, in the
 * transaction that takes the request out of the queue; kept an hour by TTL.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class AllocationOutcomeItems {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_ID = "user_id";
    private static final String HOLD_ID = "hold_id";
    private static final String ATTEMPTS = "attempts";
    private static final String STATUS = "status";
    private static final String TYPE = "type";
    private static final String TITLE = "title";
    private static final String DETAIL = "detail";
    private static final String EXTENSIONS = "extensions";
    private static final String RETRY_AFTER = "retry_after_ms";

    /** What a request got: a hold (after {@code attempts} tries) or a problem. */
    public record Outcome(String holdId, int attempts, TicketingException problem) {
        public static Outcome held(String holdId, int attempts) {
            return new Outcome(holdId, attempts, null);
        }

        public static Outcome refused(TicketingException problem) {
            return new Outcome(null, 0, problem);
        }
    }

    private final Table table;

    public AllocationOutcomeItems(Table table) {
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String requestId) {
        return Map.of(Keys.PK, s(Keys.of("ALLOCATION", requestId)), Keys.SK, s("OUTCOME"));
    }

    /** Record: the answer to {@code userId}'s request; fails if it already has one. */
    public TransactWriteItem record(String requestId, String userId, Outcome outcome, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(requestId));
        item.put(USER_ID, s(userId));
        item.put(Keys.TTL, n(Ttl.atOrAfter(now.plus(Duration.ofHours(1)))));
        if (outcome.holdId() != null) {
            item.put(HOLD_ID, s(outcome.holdId()));
            item.put(ATTEMPTS, n(outcome.attempts()));
        } else {
            TicketingException problem = outcome.problem();
            item.put(STATUS, n(problem.status()));
            item.put(TYPE, s(problem.type()));
            item.put(TITLE, s(problem.title()));
            item.put(DETAIL, s(problem.detail()));
            if (problem instanceof TooManyRequestsException tooMany && tooMany.retryAfter().isPresent()) {
                // a rate limit's answer says when to try again (Retry-After), as it would have in the asking process
                item.put(RETRY_AFTER, n(tooMany.retryAfter().get().toMillis()));
            }
            try {
                item.put(EXTENSIONS, s(JSON.writeValueAsString(problem.extensions())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot record the extensions of " + problem.type(), e);
            }
        }
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** The strongly consistent read of a request's answer. */
    public GetItemRequest read(String requestId) {
        return GetItemRequest.builder().tableName(table.name()).key(key(requestId)).consistentRead(true).build();
    }

    /** Who asked the request whose recorded answer is {@code item} (null when it does not say). */
    public static String askerOf(Map<String, AttributeValue> item) {
        return item == null ? null : str(item, USER_ID);
    }

    public static Optional<Outcome> outcomeOf(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        if (item.containsKey(HOLD_ID)) {
            return Optional.of(Outcome.held(str(item, HOLD_ID), (int) num(item, ATTEMPTS)));
        }
        Map<String, Object> extensions;
        try {
            extensions = JSON.readValue(str(item, EXTENSIONS), new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable allocation outcome", e);
        }
        int status = (int) num(item, STATUS);
        if (status == 429) {
            return Optional.of(Outcome.refused(new TooManyRequestsException(str(item, TYPE), str(item, TITLE),
                    str(item, DETAIL), extensions,
                    item.containsKey(RETRY_AFTER) ? Duration.ofMillis(num(item, RETRY_AFTER)) : null)));
        }
        return Optional.of(Outcome.refused(new RecordedProblem(status, str(item, TYPE),
                str(item, TITLE), str(item, DETAIL), extensions)));
    }
}
