package dev.ticketing.local.triggers;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * A DynamoDB Streams record (as GetRecords returns it) in the JSON shape Lambda gives a function, which is also
 * what Lambda's filter patterns are matched against; and a batch of those as the {@link DynamodbEvent} a Java
 * handler receives, read by Lambda's own event deserializer.
 */
final class StreamRecordJson {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<DynamodbEvent> EVENTS =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, StreamRecordJson.class.getClassLoader());

    private StreamRecordJson() {
    }

    static ObjectNode of(Record record, String streamArn) {
        ObjectNode json = JSON.createObjectNode();
        json.put("eventID", record.eventID());
        json.put("eventName", record.eventNameAsString());
        json.put("eventVersion", record.eventVersion());
        json.put("eventSource", record.eventSource());
        json.put("awsRegion", record.awsRegion());
        StreamRecord change = record.dynamodb();
        ObjectNode dynamodb = json.putObject("dynamodb");
        if (change.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", change.approximateCreationDateTime().getEpochSecond());
        }
        putImage(dynamodb, "Keys", change.hasKeys() ? change.keys() : null);
        putImage(dynamodb, "NewImage", change.hasNewImage() ? change.newImage() : null);
        putImage(dynamodb, "OldImage", change.hasOldImage() ? change.oldImage() : null);
        dynamodb.put("SequenceNumber", change.sequenceNumber());
        if (change.sizeBytes() != null) {
            dynamodb.put("SizeBytes", change.sizeBytes());
        }
        dynamodb.put("StreamViewType", change.streamViewTypeAsString());
        Identity identity = record.userIdentity();
        if (identity != null) {
            json.putObject("userIdentity").put("type", identity.type()).put("principalId", identity.principalId());
        }
        json.put("eventSourceARN", streamArn);
        return json;
    }

    static String sequenceNumber(JsonNode record) {
        return record.path("dynamodb").path("SequenceNumber").asText();
    }

    /** {@code {"Records": [...]}}, as the handler's {@link DynamodbEvent}. */
    static DynamodbEvent event(List<? extends JsonNode> records) {
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").addAll(records.stream().map(JsonNode.class::cast).toList());
        return EVENTS.fromJson(event.toString());
    }

    private static void putImage(ObjectNode parent, String name, Map<String, AttributeValue> image) {
        if (image != null) {
            ObjectNode node = parent.putObject(name);
            image.forEach((attribute, value) -> node.set(attribute, value(value)));
        }
    }

    private static ObjectNode value(AttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", base64(value.b()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode bytes = node.putArray("BS");
                value.bs().forEach(b -> bytes.add(base64(b)));
            }
            case M -> {
                ObjectNode map = node.putObject("M");
                value.m().forEach((key, inner) -> map.set(key, value(inner)));
            }
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(inner -> list.add(value(inner)));
            }
            default -> throw new IllegalArgumentException("unknown attribute value " + value);
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
