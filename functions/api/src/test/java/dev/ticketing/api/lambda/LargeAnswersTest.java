package dev.ticketing.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ticketing.problems.TicketingException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Answers over 256 KiB go gzipped to clients that accept it; over Lambda's 6 MB without gzip, a clear 406. */
class LargeAnswersTest {
    @Test
    void aLargeAnswerGoesGzippedToAClientThatAcceptsItAndUnzipsToTheSameBytes() throws Exception {
        String body = "{\"manifest\":\"" + "abcdefghij".repeat(LargeAnswers.COMPRESS_ABOVE / 10 + 1) + "\"}";

        APIGatewayV2HTTPResponse sent = LargeAnswers.fit(request("gzip, deflate, br"), response(body));

        assertThat(sent.getIsBase64Encoded()).isTrue();
        assertThat(sent.getHeaders()).containsEntry("Content-Encoding", "gzip").containsEntry("Vary", "Accept-Encoding")
                .containsEntry("Content-Type", "application/json").doesNotContainKey("Content-Length");
        assertThat(sent.getMultiValueHeaders()).as("the uncompressed length is no longer said")
                .containsOnlyKeys("Content-Type");
        byte[] zipped = Base64.getDecoder().decode(sent.getBody());
        assertThat(zipped.length).isLessThan(body.length() / 10);
        try (GZIPInputStream unzip = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
            assertThat(new String(unzip.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(body);
        }
    }

    @Test
    void smallAnswersAndClientsThatRefuseGzipGetTheBodyAsItIs() {
        String small = "{\"ok\":true}";
        String large = "x".repeat(LargeAnswers.COMPRESS_ABOVE + 1);

        assertThat(LargeAnswers.fit(request("gzip"), response(small)).getBody()).isEqualTo(small);
        assertThat(LargeAnswers.fit(request(null), response(large)).getBody()).isEqualTo(large);
        assertThat(LargeAnswers.fit(request("gzip;q=0, identity"), response(large)).getIsBase64Encoded()).isFalse();
    }

    @Test
    void tooLargeToSendUncompressedIsA406ThatSaysToAskForGzip() {
        String huge = "x".repeat(LargeAnswers.MOST_UNCOMPRESSED + 1);

        assertThatThrownBy(() -> LargeAnswers.fit(request("br"), response(huge)))
                .isInstanceOfSatisfying(TicketingException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(406);
                    assertThat(problem.type()).isEqualTo("answer-too-large");
                    assertThat(problem.getMessage()).contains("Accept-Encoding: gzip");
                });
    }

    @Test
    void acceptEncodingIsReadAsHttpSaysCodingByCodingWithItsWeight() {
        assertThat(LargeAnswers.acceptsGzip("GZIP")).isTrue();
        assertThat(LargeAnswers.acceptsGzip("br;q=1.0, *;q=0.1")).isTrue();
        assertThat(LargeAnswers.acceptsGzip("gzip; q=0")).isFalse();
        assertThat(LargeAnswers.acceptsGzip("gzip;q=0.000")).isFalse();
        assertThat(LargeAnswers.acceptsGzip("deflate")).isFalse();
        assertThat(LargeAnswers.acceptsGzip("")).isFalse();
    }

    private static APIGatewayV2HTTPEvent request(String acceptEncoding) {
        Map<String, String> headers = new HashMap<>();
        if (acceptEncoding != null) {
            headers.put("accept-encoding", acceptEncoding);
        }
        return APIGatewayV2HTTPEvent.builder().withHeaders(headers).build();
    }

    /** An answer as Micronaut makes it: its headers single and multi-valued, the length the uncompressed one. */
    private static APIGatewayV2HTTPResponse response(String body) {
        String length = Integer.toString(body.getBytes(StandardCharsets.UTF_8).length);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json", "Content-Length", length))
                .withMultiValueHeaders(Map.of("Content-Type", List.of("application/json"), "Content-Length", List.of(length)))
                .withBody(body).withIsBase64Encoded(false).build();
    }
}
