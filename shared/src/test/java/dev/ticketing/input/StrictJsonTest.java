package dev.ticketing.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.events.model.NewEvent;
import dev.ticketing.holds.model.HoldRequest;
import dev.ticketing.problems.InvalidEncodingException;
import dev.ticketing.problems.RequestTooLargeException;
import dev.ticketing.problems.TicketingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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

    private static final String HOLD = "{\"seats\":[\"1-1\"],\"note\":\"caf\u00e9 \uD83C\uDFAD\"}";

    @Test
    void aBodyIsReadOnlyAsUtf8WithoutByteOrderMark() {
        assertThat(StrictJson.text(HOLD.getBytes(StandardCharsets.UTF_8), "application/json")).isEqualTo(HOLD);
        for (String charset : List.of("UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32", "UTF-32BE", "UTF-32LE")) {
            assertEncodingRefused(HOLD.getBytes(Charset.forName(charset)), "application/json", charset);
        }
        byte[] utf8 = HOLD.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        assertEncodingRefused(withBom, null, "UTF-8 with BOM");
        assertEncodingRefused(HOLD.getBytes(StandardCharsets.ISO_8859_1), null, "Latin-1 \u00e9");
        for (byte[] notUtf8 : List.of(new byte[]{'"', (byte) 0xC3, '(', '"'}, // a lead byte without its continuation
                new byte[]{'"', (byte) 0xC0, (byte) 0xAF, '"'}, // "/" in an overlong form
                new byte[]{'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // an encoded surrogate (CESU-8)
                new byte[]{'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'})) { // beyond U+10FFFF
            assertEncodingRefused(notUtf8, null, "invalid UTF-8");
        }
    }

    @Test
    void aDeclaredCharsetOtherThanUtf8IsRefused() {
        byte[] ascii = "{}".getBytes(StandardCharsets.US_ASCII);
        for (String contentType : List.of("application/json; charset=utf-16", "application/json;charset=ISO-8859-1",
                "application/json; charset=\"latin1\"", "text/plain; format=flowed; charset=us-ascii")) {
            assertEncodingRefused(ascii, contentType, contentType);
        }
        for (String contentType : List.of("application/json; charset=utf-8", "application/json;charset=\"UTF-8\"",
                "application/json", "text/plain")) {
            assertThat(StrictJson.text(ascii, contentType)).as(contentType).isEqualTo("{}");
        }
    }

    @Test
    void aBodyAsApiGatewayHandsItIsReadTheSameWay() {
        assertThat(StrictJson.text(HOLD, false, "application/json")).isEqualTo(HOLD);
        String base64 = Base64.getEncoder().encodeToString(HOLD.getBytes(StandardCharsets.UTF_8));
        assertThat(StrictJson.text(base64, true, null)).isEqualTo(HOLD);
        assertThat(StrictJson.text(null, false, null)).isNull();
        // API Gateway hands a UTF-16 body as base64 (it is no UTF-8) or as text with NULs in it
        String utf16 = Base64.getEncoder().encodeToString(HOLD.getBytes(StandardCharsets.UTF_16LE));
        assertRefused(() -> StrictJson.text(utf16, true, null), 400, "invalid-encoding");
        assertRefused(() -> StrictJson.text(new String(HOLD.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1),
                false, null), 400, "invalid-encoding");
        assertRefused(() -> StrictJson.text("{\"name\":\"\uD800\"}", false, null), 400, "invalid-encoding");
        assertRefused(() -> StrictJson.text("not base64!", true, null), 400, "invalid-encoding");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsDecoded() {
        byte[] limit = "x".repeat(RequestLimits.MAX_BODY_BYTES).getBytes(StandardCharsets.UTF_8);
        assertThat(StrictJson.text(limit, null)).hasSize(RequestLimits.MAX_BODY_BYTES);
        assertRefused(() -> StrictJson.text(new byte[RequestLimits.MAX_BODY_BYTES + 1], null), 413, "content-too-large");
        assertRefused(() -> StrictJson.text(new byte[10 * 1024 * 1024], null), 413, "content-too-large");
        // 65,536 euro signs are 196,608 bytes of UTF-8
        assertRefused(() -> StrictJson.text("\u20ac".repeat(RequestLimits.MAX_BODY_BYTES / 2), false, null), 413,
                "content-too-large");
        // 10 MB of base64 is refused by its length, before any decoding (it is no valid base64 either)
        assertRefused(() -> StrictJson.text("!".repeat(10 * 1024 * 1024), true, null), 413, "content-too-large");
        assertRefused(() -> StrictJson.text(Base64.getEncoder().encodeToString(new byte[RequestLimits.MAX_BODY_BYTES + 1]),
                true, null), 413, "content-too-large");
    }

    @Test
    void headersOverTheLimitAreRefused() {
        RequestLimits.checkHead("GET", "/events", "limit=2", Map.of("authorization", "Bearer " + "t".repeat(2_000)),
                List.of("a=b"));
        assertRefused(() -> RequestLimits.checkHead("GET", "/events", null, Map.of("x-big", "x".repeat(100_000)), null),
                431, "request-header-fields-too-large");
        assertRefused(() -> RequestLimits.checkHead("GET", "/events", null, Map.of(),
                List.of("c=" + "x".repeat(RequestLimits.MAX_HEAD_BYTES))), 431, "request-header-fields-too-large");
        assertRefused(() -> RequestLimits.checkHead("GET", "/events", "q=" + "x".repeat(RequestLimits.MAX_HEAD_BYTES),
                null, null), 431, "request-header-fields-too-large");
    }

    private static void assertEncodingRefused(byte[] body, String contentType, String what) {
        assertThatThrownBy(() -> StrictJson.text(body, contentType)).as(what).isInstanceOf(InvalidEncodingException.class);
    }

    private static void assertRefused(Runnable read, int status, String type) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(TicketingException.class, problem -> {
            assertThat(problem.status()).isEqualTo(status);
            assertThat(problem.type()).isEqualTo(type);
        });
        if (status != 400) {
            assertThatThrownBy(read::run).isInstanceOf(RequestTooLargeException.class);
        }
    }
}
