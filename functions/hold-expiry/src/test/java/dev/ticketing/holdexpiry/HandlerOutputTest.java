package dev.ticketing.holdexpiry;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.ticketing.holds.model.SweepReport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Lambda's Java runtime writes for the handlers' answers (it serializes them with this library). */
class HandlerOutputTest {

    @Test
    void batchItemFailuresAreWrittenAsTheEventSourceMappingReadsThem() {
        String json = toJson(new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure("4421584500000000017450439091"))),
                StreamsEventResponse.class);
        assertThat(json).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"4421584500000000017450439091\"}]}");
    }

    @Test
    void aSweepReportIsPlainJson() {
        String json = toJson(new SweepReport(3, 2, 1, 0, 0, 0, false), SweepReport.class);
        assertThat(json).contains("\"found\":3", "\"ended\":2", "\"alreadyEnded\":1", "\"more\":false");
    }

    private static <T> String toJson(T value, Class<T> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JacksonFactory.getInstance().getSerializer(type).toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
