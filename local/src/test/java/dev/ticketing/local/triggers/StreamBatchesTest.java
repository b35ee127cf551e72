package dev.ticketing.local.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The event source mapping's delivery rules: filter, batches, partial failures, bisect, retries, on-failure. */
class StreamBatchesTest {
    private final List<List<String>> calls = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    @Test
    void theTemplatesFilterLetsOnlyTtlDeletionsOfLeasesThrough() throws Exception {
        StreamFilter filter = StreamFilter.of(List.of(DynamoDbStreamReaderIT.templatePattern()));
        ObjectNode ttl = sample("1");
        ObjectNode byClient = sample("2");
        byClient.remove("userIdentity");
        ObjectNode insert = sample("3");
        insert.put("eventName", "INSERT");
        ObjectNode meta = sample("4");
        ((ObjectNode) meta.path("dynamodb").path("Keys").path("sk")).put("S", "META");
        ObjectNode seat = sample("5");
        ((ObjectNode) seat.path("dynamodb").path("Keys").path("pk")).put("S", "SEATS#e#0");

        assertThat(filter.matches(ttl)).isTrue();
        assertThat(filter.matches(byClient)).isFalse();
        assertThat(filter.matches(insert)).isFalse();
        assertThat(filter.matches(meta)).isFalse();
        assertThat(filter.matches(seat)).isFalse();
    }

    @Test
    void recordsGoInOrderInBatchesOfBatchSizeAndFilteredOnesAreDropped() {
        ObjectNode dropped = sample("3");
        dropped.remove("userIdentity");
        StreamBatches batches = batches(2, 0, false, records -> ok());

        batches.deliver("shard-1", List.of(sample("1"), sample("2"), dropped, sample("4"), sample("5")));

        assertThat(calls).containsExactly(List.of("1", "2"), List.of("4", "5"));
        assertThat(failures).isEmpty();
    }

    @Test
    void aPartialFailureIsRetriedFromTheFirstFailedRecord() {
        Set<String> failOnce = new java.util.HashSet<>(Set.of("2"));
        StreamBatches batches = batches(10, 3, false, records -> {
            for (JsonNode record : records) {
                String sequence = StreamRecordJson.sequenceNumber(record);
                if (failOnce.remove(sequence)) {
                    return new StreamsEventResponse(List.of(new BatchItemFailure(sequence)));
                }
            }
            return ok();
        });

        batches.deliver("shard-1", List.of(sample("1"), sample("2"), sample("3")));

        assertThat(calls).containsExactly(List.of("1", "2", "3"), List.of("2", "3"));
        assertThat(failures).isEmpty();
    }

    @Test
    void anErrorSplitsTheBatchUntilThePoisonRecordIsAloneThenItGoesToTheOnFailureDestination() {
        StreamBatches batches = batches(10, 1, true, records -> {
            if (records.stream().anyMatch(record -> StreamRecordJson.sequenceNumber(record).equals("3"))) {
                throw new IllegalStateException("poison");
            }
            return ok();
        });

        batches.deliver("shard-1", List.of(sample("1"), sample("2"), sample("3"), sample("4")));

        assertThat(calls).containsExactly(List.of("1", "2", "3", "4"), List.of("1", "2"), List.of("3", "4"),
                List.of("3"), List.of("3"), List.of("4"));
        assertThat(failures).hasSize(1);
        JsonNode failure = json(failures.get(0));
        assertThat(failure.path("requestContext").path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(2);
        JsonNode info = failure.path("DDBStreamBatchInfo");
        assertThat(info.path("shardId").asText()).isEqualTo("shard-1");
        assertThat(info.path("startSequenceNumber").asText()).isEqualTo("3");
        assertThat(info.path("endSequenceNumber").asText()).isEqualTo("3");
        assertThat(info.path("batchSize").asInt()).isEqualTo(1);
        assertThat(info.path("streamArn").asText()).isEqualTo("arn:stream");
    }

    @Test
    void aFailureThatNamesNoRecordOfTheBatchFailsTheWholeBatch() {
        int[] invocations = {0};
        StreamBatches batches = batches(10, 1, false, records -> {
            invocations[0]++;
            return invocations[0] == 1 ? new StreamsEventResponse(List.of(new BatchItemFailure(""))) : ok();
        });

        batches.deliver("shard-1", List.of(sample("1"), sample("2")));

        assertThat(calls).containsExactly(List.of("1", "2"), List.of("1", "2"));
    }

    private StreamBatches batches(int batchSize, int retries, boolean bisect, Function<List<ObjectNode>, Object> function) {
        return new StreamBatches(new StreamBatches.Settings("HoldExpiryFunction", "arn:stream", batchSize, true, bisect,
                retries, 1, 2), StreamFilter.of(List.of(DynamoDbStreamReaderIT.templatePattern())),
                records -> {
                    calls.add(records.stream().map(StreamRecordJson::sequenceNumber).toList());
                    return function.apply(records);
                },
                failures::add);
    }

    private static StreamsEventResponse ok() {
        return new StreamsEventResponse(List.of());
    }

    /** The TTL REMOVE of events/ with this sequence number. */
    private static ObjectNode sample(String sequenceNumber) {
        try {
            ObjectNode record = (ObjectNode) StreamRecordJson.JSON.readTree(new File("../events/hold-lease-ttl-remove.json"))
                    .path("Records").get(0);
            ((ObjectNode) record.path("dynamodb")).put("SequenceNumber", sequenceNumber);
            return record;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return StreamRecordJson.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }
}
