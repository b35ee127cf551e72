package dev.ticketing.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.events.model.NewEvent;
import dev.ticketing.holds.model.HoldRequest;
import org.junit.jupiter.api.Test;

class StrictJsonTest {
    private final ObjectMapper json = StrictJson.configure(new ObjectMapper());

    @Test
    void aValueIsTakenOnlyAsItsOwnJsonType() {
        for (String body : new String[]{"{\"quantity\":2.7}", "{\"quantity\":2.0}", "{\"quantity\":\"2\"}",
                "{\"together\":\"true\"}", "{\"together\":1}", "{\"seats\":[1]}", "{\"seats\":[true]}",
                "{\"quantity\":1,\"quantity\":20}", "{\"quantity\":1} {}"}) {
            assertThatThrownBy(() -> json.readValue(body, HoldRequest.class)).as(body)
                    .isInstanceOf(JsonProcessingException.class);
        }
        assertThatThrownBy(() -> json.readValue("{\"fromRow\":1,\"toRow\":1,\"price\":10}", NewEvent.Price.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void wellTypedBodiesAndUnknownFieldsAreRead() throws Exception {
        assertThat(json.readValue("{\"quantity\":2,\"together\":true,\"note\":\"hi\"}", HoldRequest.class))
                .isEqualTo(new HoldRequest(null, 2, true));
        assertThat(json.readValue("{\"seats\":[\"1-1\"]}", HoldRequest.class)).isEqualTo(HoldRequest.ofSeats(java.util.List.of("1-1")));
    }
}
