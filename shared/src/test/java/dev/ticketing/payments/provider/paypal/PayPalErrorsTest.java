package dev.ticketing.payments.provider.paypal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayPalErrorsTest {
    @Test
    void theIssueOfAnUnprocessableEntityIsRecognisable() {
        PayPalException error = PayPalErrors.fromAnswer(422, """
                {"name":"UNPROCESSABLE_ENTITY","details":[{"issue":"ORDER_ALREADY_CAPTURED",
                "description":"Order already captured."}],"message":"The requested action could not be performed.",
                "debug_id":"f4e6b7e1c2d3a"}""", PayPalJson.newMapper());

        assertThat(error.status()).isEqualTo(422);
        assertThat(error.name()).isEqualTo("UNPROCESSABLE_ENTITY");
        assertThat(error.issue()).isEqualTo("ORDER_ALREADY_CAPTURED");
        assertThat(error.debugId()).isEqualTo("f4e6b7e1c2d3a");
        assertThat(error.isOrderAlreadyCaptured()).isTrue();
        assertThat(error.is("UNPROCESSABLE_ENTITY")).isTrue();
        assertThat(error.isRetryable()).isFalse();
    }

    @Test
    void anOAuthRefusalNamesItsError() {
        PayPalException error = PayPalErrors.fromAnswer(401,
                "{\"error\":\"invalid_client\",\"error_description\":\"Client Authentication failed\"}", PayPalJson.newMapper());

        assertThat(error.name()).isEqualTo("invalid_client");
        assertThat(error.getMessage()).contains("Client Authentication failed");
    }

    @Test
    void aNonJsonAnswerStillCarriesItsStatus() {
        PayPalException error = PayPalErrors.fromAnswer(503, "<html>busy</html>", PayPalJson.newMapper());

        assertThat(error.status()).isEqualTo(503);
        assertThat(error.name()).isNull();
        assertThat(error.isRetryable()).isTrue();
    }
}
