package dev.ticketing.delivery.mail;

import dev.ticketing.delivery.model.MailMessage;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Sends through Amazon SES (API v2, {@code SendEmail} with the raw MIME message): the function's role may send as
 * the template's {@code MailIdentity} and nothing else. SES answers its own message id.
 */
public class SesMailSender implements MailSender {
    private final Supplier<SesV2Client> ses;

    /** @param ses the client, built when first needed */
    public SesMailSender(Supplier<SesV2Client> ses) {
        this.ses = ses;
    }

    @Override
    public String send(MailMessage mail) {
        byte[] raw = MimeMails.bytes(MimeMails.mime(mail, MimeMails.detached()));
        try {
            return ses.get().sendEmail(request -> request
                    .fromEmailAddress(mail.from())
                    .destination(destination -> destination.toAddresses(mail.to()))
                    .content(content -> content.raw(message -> message.data(SdkBytes.fromByteArray(raw)))))
                    .messageId();
        } catch (SdkException e) {
            throw new MailNotSentException("SES did not take the mail: " + e.getMessage(), e);
        }
    }
}
