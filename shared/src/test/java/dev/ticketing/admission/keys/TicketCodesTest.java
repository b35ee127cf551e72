package dev.ticketing.admission.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.admission.model.TicketCode;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ticket codes: what a signed code states comes back only from a code this key store signed, unchanged. */
class TicketCodesTest {
    private static final TicketCode CODE = new TicketCode(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
            UUID.randomUUID().toString(), "12-34", 1);

    private final String keySet = KeySet.generate("k1");
    private final TicketCodes codes = new TicketCodes(KeySet.parse(keySet));

    @Test
    void anIssuedCodeVerifiesToWhatItStatesAndFitsAQrCodeComfortably() {
        String text = codes.issue(CODE);

        assertThat(codes.verify(text)).contains(CODE);
        assertThat(text).matches("[A-Za-z0-9_-]+").hasSizeLessThan(200);
        assertThat(codes.issue(CODE)).as("Ed25519 is deterministic: the same ticket shows the same code").isEqualTo(text);
    }

    @Test
    void aChangedByteAnywhereMakesTheCodeUnknown() {
        byte[] bytes = Base64.getUrlDecoder().decode(codes.issue(CODE));
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] ^= 0x01;
            assertThat(codes.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(changed)))
                    .as("byte %d changed", i).isEmpty();
        }
    }

    @Test
    void aCodeSignedWithAnotherSecretUnderTheSameKeyIdIsForged() {
        String forged = new TicketCodes(KeySet.parse(KeySet.generate("k1"))).issue(CODE);

        assertThat(codes.verify(forged)).isEmpty();
    }

    @Test
    void aCodeUnderAKeyIdTheStoreDoesNotHaveIsUnknown() {
        String otherId = new TicketCodes(KeySet.parse(KeySet.generate("k9"))).issue(CODE);

        assertThat(codes.verify(otherId)).isEmpty();
    }

    @Test
    void aRotatedKeySetSignsUnderTheNewKeyAndStillVerifiesCodesOfTheOld() {
        String old = codes.issue(CODE);
        String rotated = KeySet.rotated(keySet, "k2");
        TicketCodes afterRotation = new TicketCodes(KeySet.parse(rotated));

        String fresh = afterRotation.issue(CODE);

        assertThat(fresh).isNotEqualTo(old);
        assertThat(afterRotation.verify(old)).contains(CODE);
        assertThat(afterRotation.verify(fresh)).contains(CODE);
        assertThat(codes.verify(fresh)).as("the old set does not know k2").isEmpty();
    }

    @Test
    void garbledTextIsNoCode() {
        String text = codes.issue(CODE);

        assertThat(codes.verify("")).isEmpty();
        assertThat(codes.verify(null)).isEmpty();
        assertThat(codes.verify("not a code!")).isEmpty();
        assertThat(codes.verify(text.substring(0, text.length() - 3))).isEmpty();
        assertThat(codes.verify(text + "AAAA")).isEmpty();
        assertThat(codes.verify("A".repeat(5000))).isEmpty();
        assertThat(codes.verify(Base64.getUrlEncoder().encodeToString(new byte[200]))).isEmpty();
    }

    @Test
    void eachEventHasItsOwnKeyDerivedTheSameWayEveryTime() {
        byte[] secret = KeySet.parse(keySet).secret("k1").orElseThrow();

        assertThat(TicketCodes.derive(secret, "e1").getPublic().getEncoded())
                .isEqualTo(TicketCodes.derive(secret, "e1").getPublic().getEncoded())
                .isNotEqualTo(TicketCodes.derive(secret, "e2").getPublic().getEncoded());
        assertThat(codes.publicKey("k1", CODE.eventId())).isPresent();
        assertThat(codes.publicKey("k7", CODE.eventId())).isEmpty();
    }

    @Test
    void aKeySetWithoutItsCurrentSecretOrWithAShortSecretIsRefused() {
        assertThatThrownBy(() -> KeySet.parse("{\"current\":\"k2\",\"k1\":\"" + "x".repeat(40) + "\"}"))
                .hasMessageContaining("no secret for its current key id k2");
        assertThatThrownBy(() -> KeySet.parse("{\"current\":\"k1\",\"k1\":\"short\"}"))
                .hasMessageContaining("at least 32 characters").hasMessageNotContaining("short\"");
        assertThatThrownBy(() -> KeySet.parse("nope")).hasMessageContaining("not JSON");
    }
}
