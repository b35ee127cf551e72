package dev.ticketing.holdexpiry;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import org.junit.jupiter.api.Test;

/** Which stream records mean "this hold's time is up", read from the sample event of events/. */
class LeaseTtlRemovalsTest {

    @Test
    void theTtlDeletionOfALeaseNamesItsHold() {
        assertThat(LeaseTtlRemovals.expiredHoldOf(sample())).contains("3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f");
    }

    @Test
    void aLeaseDeletedByAReleaseOrASaleMeansNothing() {
        DynamodbStreamRecord byRelease = sample();
        byRelease.setUserIdentity(null);
        DynamodbStreamRecord byUser = sample();
        byUser.setUserIdentity(new Identity().withType("User").withPrincipalId("AIDAEXAMPLE"));

        assertThat(LeaseTtlRemovals.expiredHoldOf(byRelease)).isEmpty();
        assertThat(LeaseTtlRemovals.expiredHoldOf(byUser)).isEmpty();
    }

    @Test
    void onlyARemoveOfAHoldLeaseCounts() {
        DynamodbStreamRecord insert = sample();
        insert.setEventName("INSERT");
        DynamodbStreamRecord meta = sample();
        meta.getDynamodb().getKeys().put("sk", new AttributeValue().withS("META"));
        DynamodbStreamRecord otherItem = sample();
        otherItem.getDynamodb().getKeys().put("pk", new AttributeValue().withS("EVENT#e-1"));

        assertThat(LeaseTtlRemovals.expiredHoldOf(insert)).isEmpty();
        assertThat(LeaseTtlRemovals.expiredHoldOf(meta)).isEmpty();
        assertThat(LeaseTtlRemovals.expiredHoldOf(otherItem)).isEmpty();
    }

    static DynamodbStreamRecord sample() {
        DynamodbEvent event = EventLoader.loadDynamoDbEvent("../../events/hold-lease-ttl-remove.json");
        assertThat(event.getRecords()).hasSize(1);
        return event.getRecords().get(0);
    }
}
