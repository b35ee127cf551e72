package dev.ticketing.eventseats;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreatingEventsTest {
    @Test
    void anInsertedOrChangedEventItemNamesItsEvent() {
        assertThat(CreatingEvents.eventOf(record("INSERT", "EVENT#e-1", "META"))).contains("e-1");
        assertThat(CreatingEvents.eventOf(record("MODIFY", "EVENT#e-1", "META"))).contains("e-1");
    }

    @Test
    void otherItemsAndDeletionsNameNoEvent() {
        assertThat(CreatingEvents.eventOf(record("REMOVE", "EVENT#e-1", "META"))).isEmpty();
        assertThat(CreatingEvents.eventOf(record("INSERT", "HOLD#h-1", "META"))).isEmpty();
        assertThat(CreatingEvents.eventOf(record("INSERT", "SEATS#e-1#0", "SEAT#001#001"))).isEmpty();
        assertThat(CreatingEvents.eventOf(record("INSERT", "EVENT#", "META"))).isEmpty();
    }

    private static DynamodbStreamRecord record(String name, String pk, String sk) {
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventName(name);
        record.setDynamodb(new StreamRecord().withKeys(Map.of("pk", new AttributeValue().withS(pk),
                "sk", new AttributeValue().withS(sk))));
        return record;
    }
}
