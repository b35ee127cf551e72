package dev.ticketing.payments.provider.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.payments.provider.card.CheckoutSignature.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CheckoutSignatureTest {
    private static final String SECRET = "whsec_test";
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"charge.captured\"}";
    private static final long T = 1_700_000_000L;
    /** HMAC-SHA256("whsec_test", "1700000000." + BODY), computed independently (Python's hmac module). */
    private static final String EXPECTED = "8d1c64d05baa8b2e273d113ca60707620b0ee54b5d5b0b3ad183a1b6d07068da";

    private final CheckoutSignature signature = at(T);

    @Test
    void signsTheTimestampAndTheBodyWithHmacSha256() {
        assertThat(signature.header(T, BODY)).isEqualTo("t=" + T + ",v1=" + EXPECTED);
        assertThat(signature.header(BODY)).isEqualTo("t=" + T + ",v1=" + EXPECTED);
    }

    @Test
    void acceptsItsOwnSignatureAndUpperCaseHex() {
        assertThat(signature.verify("t=" + T + ",v1=" + EXPECTED, BODY)).isEqualTo(Verdict.VALID);
        assertThat(signature.verify("t=" + T + ", v1=" + EXPECTED.toUpperCase(), BODY)).isEqualTo(Verdict.VALID);
    }

    @Test
    void refusesAChangedBodyAnotherSecretOrAnotherTimestamp() {
        assertThat(signature.verify("t=" + T + ",v1=" + EXPECTED, BODY.replace("evt_1", "evt_2"))).isEqualTo(Verdict.NO_MATCH);
        CheckoutSignature other = new CheckoutSignature("whsec_other", Duration.ofMinutes(5), clockAt(T));
        assertThat(other.verify("t=" + T + ",v1=" + EXPECTED, BODY)).isEqualTo(Verdict.NO_MATCH);
        assertThat(signature.verify("t=" + (T + 1) + ",v1=" + EXPECTED, BODY)).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void refusesAGenuineDeliveryOutsideTheToleranceEitherWay() {
        String header = signature.header(T, BODY);
        assertThat(at(T + 300).verify(header, BODY)).isEqualTo(Verdict.VALID);
        assertThat(at(T + 301).verify(header, BODY)).isEqualTo(Verdict.OUTSIDE_TOLERANCE);
        assertThat(at(T - 301).verify(header, BODY)).isEqualTo(Verdict.OUTSIDE_TOLERANCE);
    }

    @Test
    void acceptsAnyOfSeveralSignaturesSoSecretsCanBeRotated() {
        String old = new CheckoutSignature("whsec_old", Duration.ofMinutes(5), clockAt(T)).header(T, BODY);
        String both = old + ",v1=" + EXPECTED + ",v0=ignored";
        assertThat(signature.verify(both, BODY)).isEqualTo(Verdict.VALID);
    }

    @Test
    void saysWhatIsWrongWithAMalformedHeader() {
        assertThat(signature.verify(null, BODY)).isEqualTo(Verdict.MISSING);
        assertThat(signature.verify(" ", BODY)).isEqualTo(Verdict.MISSING);
        assertThat(signature.verify("v1=" + EXPECTED, BODY)).isEqualTo(Verdict.MALFORMED);
        assertThat(signature.verify("t=" + T, BODY)).isEqualTo(Verdict.MALFORMED);
        assertThat(signature.verify("t=soon,v1=" + EXPECTED, BODY)).isEqualTo(Verdict.MALFORMED);
        assertThat(signature.verify("garbage", BODY)).isEqualTo(Verdict.MALFORMED);
        assertThat(signature.verify("t=" + T + ",v1=" + EXPECTED, null)).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void needsASecret() {
        assertThatThrownBy(() -> new CheckoutSignature(" ", Duration.ofMinutes(5), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static CheckoutSignature at(long epochSecond) {
        return new CheckoutSignature(SECRET, CheckoutSignature.DEFAULT_TOLERANCE, clockAt(epochSecond));
    }

    private static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }
}
