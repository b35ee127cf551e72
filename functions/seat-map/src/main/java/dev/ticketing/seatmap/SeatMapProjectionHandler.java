package dev.ticketing.seatmap;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.ticketing.lambda.CurrentInvocation;
import dev.ticketing.lambda.Priming;
import dev.ticketing.lambda.StreamRecords;
import dev.ticketing.lambda.TicketingHandler;
import dev.ticketing.seats.map.SeatMapProjection;
import dev.ticketing.store.Keys;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table's stream, filtered to changes of seat items (template.yaml): each batch's seat changes go into their
 * blocks' compact map items ({@link SeatMapProjection}). If applying fails, the whole batch is reported as failed
 * from its first record, so the event source mapping retries all of it (and, after its retries, sends it to the
 * dead-letter queue): applying a change again, or an older one after a newer, changes nothing.
 *
 * <p>SnapStart: {@link #priming} runs a batch whose one change is of an item that is not a seat (an event's), which
 * the projection reads and leaves alone: no write.
 */
public class SeatMapProjectionHandler extends TicketingHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(SeatMapProjectionHandler.class);

    @Inject
    SeatMapProjection projection;

    /** For Lambda. */
    public SeatMapProjectionHandler() {
    }

    /** For a caller that builds the context, such as the local stack. */
    public SeatMapProjectionHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Priming priming() {
        return Priming.of(getClass())
                .step("a change of an item that is not a seat", () -> {
                    StreamRecords.requireNoFailures(execute(notASeat()));
                });
    }

    /** A batch of one MODIFY record of an event item, as the stream would deliver it if the filter let it through. */
    private static DynamodbEvent notASeat() {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new HashMap<>();
        image.put(Keys.PK, new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue()
                .withS(Keys.event(Priming.NO_SUCH_ID)));
        image.put(Keys.SK, new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue()
                .withS(Keys.META));
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventID("snapstart-priming");
        record.setEventName("MODIFY");
        record.setDynamodb(new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord()
                .withKeys(image).withNewImage(image).withSequenceNumber("0"));
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record));
        return event;
    }

    @Override
    protected StreamsEventResponse handle(DynamodbEvent event, CurrentInvocation invocation) {
        List<DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<Map<String, AttributeValue>> images = new ArrayList<>(records.size());
        for (DynamodbStreamRecord record : records) {
            if (record.getDynamodb() != null && record.getDynamodb().getNewImage() != null) {
                images.add(image(record.getDynamodb().getNewImage()));
            }
        }
        try {
            int applied = projection.apply(images);
            LOG.debug("{} seat change(s) of {} record(s) applied to the seat map", applied, records.size());
            return new StreamsEventResponse(List.of());
        } catch (RuntimeException e) {
            String first = records.get(0).getDynamodb().getSequenceNumber();
            LOG.warn("could not apply {} record(s) to the seat map; reporting the batch from {} for a retry",
                    records.size(), first, e);
            return new StreamsEventResponse(List.of(new BatchItemFailure(first)));
        }
    }

    /** The attributes a seat change is read from (strings and numbers) in the AWS SDK's form. */
    private static Map<String, AttributeValue> image(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        Map<String, AttributeValue> converted = new HashMap<>();
        image.forEach((name, value) -> {
            if (value.getS() != null) {
                converted.put(name, AttributeValue.fromS(value.getS()));
            } else if (value.getN() != null) {
                converted.put(name, AttributeValue.fromN(value.getN()));
            }
        });
        return converted;
    }
}
