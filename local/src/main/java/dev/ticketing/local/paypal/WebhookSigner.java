package dev.ticketing.local.paypal;

import dev.ticketing.payments.provider.paypal.PayPalWebhookHeaders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Signs webhooks the way PayPal does: SHA256withRSA over {@code transmissionId|transmissionTime|webhookId|crc32},
 * the CRC32 of the event body written as an unsigned decimal. The key pair is made at start, so signatures from
 * an earlier run never verify. PayPal publishes an X.509 certificate at the cert URL; the JDK cannot make one
 * without internal APIs, so this serves the bare public key as PEM ({@code BEGIN PUBLIC KEY}).
 */
final class WebhookSigner {
    private final KeyPair keys;
    private final String certId;
    private final URI certUrl;

    WebhookSigner(URI publicBaseUrl) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA in this JVM", e);
        }
        this.certId = "CERT-MOCK-" + PayPalIds.random(8).toLowerCase() + "-" + PayPalIds.random(8).toLowerCase();
        this.certUrl = URI.create(publicBaseUrl + "/v1/notifications/certs/" + certId);
    }

    String certId() {
        return certId;
    }

    URI certUrl() {
        return certUrl;
    }

    /** Base64 signature, as PayPal puts it in PAYPAL-TRANSMISSION-SIG. */
    String sign(String transmissionId, String transmissionTime, String webhookId, byte[] body) {
        try {
            Signature signature = Signature.getInstance(PayPalWebhookHeaders.SHA256_WITH_RSA);
            signature.initSign(keys.getPrivate());
            signature.update(message(transmissionId, transmissionTime, webhookId, body));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a webhook", e);
        }
    }

    boolean verify(String transmissionId, String transmissionTime, String webhookId, byte[] body, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance(PayPalWebhookHeaders.SHA256_WITH_RSA);
            signature.initVerify(keys.getPublic());
            signature.update(message(transmissionId, transmissionTime, webhookId, body));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false; // not Base64, or not an RSA signature of the right length: simply not genuine
        }
    }

    String publicKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    static byte[] message(String transmissionId, String transmissionTime, String webhookId, byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return (transmissionId + "|" + transmissionTime + "|" + webhookId + "|" + crc.getValue())
                .getBytes(StandardCharsets.UTF_8);
    }
}
