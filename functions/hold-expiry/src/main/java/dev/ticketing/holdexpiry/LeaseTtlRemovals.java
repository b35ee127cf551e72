package dev.ticketing.holdexpiry;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.ticketing.store.Keys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a DynamoDB stream record as "TTL deleted this hold's lease, so its time is up": a {@code REMOVE} of a
 * {@code HOLD#<id>} / {@code LEASE} item by the DynamoDB service itself. A lease deleted by a release or a sale
 * is a REMOVE too, but without that identity, and means nothing here. The event source mapping's filter in
 * template.yaml lets only TTL removals through; this check is the same rule again, so a record that reaches the
 * function some other way (a test, {@code sam local invoke}, a changed filter) cannot end a hold by mistake.
 */
final class LeaseTtlRemovals {
    static final String SERVICE = "Service";
    static final String DYNAMODB = "dynamodb.amazonaws.com";

    private LeaseTtlRemovals() {
    }

    /** The id of the hold whose lease TTL deleted, or empty for any other record. */
    static Optional<String> expiredHoldOf(DynamodbStreamRecord record) {
        if (!"REMOVE".equals(record.getEventName()) || !byTtl(record.getUserIdentity())) {
            return Optional.empty();
        }
        StreamRecord change = record.getDynamodb();
        Map<String, AttributeValue> keys = change == null ? null : change.getKeys();
        if (keys == null || !Keys.LEASE.equals(string(keys.get(Keys.SK)))) {
            return Optional.empty();
        }
        String pk = string(keys.get(Keys.PK));
        String prefix = Keys.hold("");
        if (pk == null || !pk.startsWith(prefix) || pk.length() == prefix.length()) {
            return Optional.empty();
        }
        return Optional.of(pk.substring(prefix.length()));
    }

    /**
     * A batch of one record: TTL's deletion of the lease of hold {@code holdId}, as the table's stream delivers it
     * (what SnapStart priming sends, with a hold that does not exist).
     */
    static DynamodbEvent sample(String holdId) {
        Map<String, AttributeValue> keys = new HashMap<>();
        keys.put(Keys.PK, new AttributeValue().withS(Keys.hold(holdId)));
        keys.put(Keys.SK, new AttributeValue().withS(Keys.LEASE));
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventID("snapstart-priming");
        record.setEventName("REMOVE");
        record.setUserIdentity(new Identity().withType(SERVICE).withPrincipalId(DYNAMODB));
        record.setDynamodb(new StreamRecord().withKeys(keys).withSequenceNumber("0"));
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record));
        return event;
    }

    private static boolean byTtl(Identity identity) {
        return identity != null && SERVICE.equals(identity.getType()) && DYNAMODB.equals(identity.getPrincipalId());
    }

    private static String string(AttributeValue value) {
        return value == null ? null : value.getS();
    }
}
