package dev.ticketing.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketing.problems.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One page of a list that can grow, and the opaque cursor that asks for the next one ({@code null} at the end).
 *
 * <p>A cursor is the query's {@code LastEvaluatedKey}, as base64url of a JSON object of its (string) key attributes.
 * It is checked before it reaches DynamoDB ({@link #startKey}): exactly the key attributes of the query, bounded
 * strings, and the partition it was made for (the caller's own), so a tampered, truncated or another user's cursor
 * is a 400, never a 500 and never a window onto someone else's rows.
 */
public record Page<T>(List<T> items, String next) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    private static final int MAX_CURSOR_LENGTH = 4_096;
    /** DynamoDB's limit for a sort key; a partition key may be twice that, but none of ours comes near. */
    private static final int MAX_KEY_VALUE_LENGTH = 1_024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The {@code limit} query value: absent is {@link #DEFAULT_LIMIT}, else ASCII digits 1..{@link #MAX_LIMIT}. */
    public static int limit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        if (!raw.matches("[0-9]{1,3}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be a whole number 1.." + MAX_LIMIT + " (default "
                    + DEFAULT_LIMIT + ")", Map.of("maxLimit", MAX_LIMIT));
        }
        return Integer.parseInt(raw);
    }

    /** The cursor for a query's {@code LastEvaluatedKey}; null when there is none (the last page). */
    public static String cursorOf(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        ObjectNode json = JSON.createObjectNode();
        lastEvaluatedKey.forEach((name, value) -> json.put(name, value.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@code ExclusiveStartKey} for a cursor from {@link #cursorOf}, or null for no cursor (the first page).
     *
     * @param attributes    exactly the key attributes the query's cursors carry (table and index keys)
     * @param partitionName the index's partition key attribute
     * @param partition     its value for this caller: a cursor made for another partition is refused
     * @param sortName      the index's sort key attribute
     * @param sortPrefix    what the query's key condition asks its values to begin with (DynamoDB refuses a start
     *                      key outside the query's range)
     * @throws InvalidRequestException (400) for anything that is not a cursor of this list for this caller
     */
    public static Map<String, AttributeValue> startKey(String cursor, Set<String> attributes, String partitionName,
                                                       String partition, String sortName, String sortPrefix) {
        if (cursor == null) {
            return null;
        }
        InvalidRequestException invalid = new InvalidRequestException(
                "cursor is not one this list gave you: pass the 'next' of the previous page unchanged");
        if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
            throw invalid;
        }
        JsonNode json;
        try {
            json = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (IllegalArgumentException | java.io.IOException notACursor) {
            throw invalid;
        }
        if (json == null || !json.isObject() || json.size() != attributes.size()) {
            throw invalid;
        }
        Map<String, AttributeValue> key = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!attributes.contains(field.getKey()) || !value.isTextual() || value.textValue().isEmpty()
                    || value.textValue().length() > MAX_KEY_VALUE_LENGTH) {
                throw invalid;
            }
            key.put(field.getKey(), AttributeValue.fromS(value.textValue()));
        }
        if (!key.containsKey(partitionName) || !partition.equals(key.get(partitionName).s())
                || !key.containsKey(sortName) || !key.get(sortName).s().startsWith(sortPrefix)) {
            throw invalid;
        }
        return key;
    }
}
