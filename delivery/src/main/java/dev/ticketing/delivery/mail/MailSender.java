package dev.ticketing.delivery.mail;

import dev.ticketing.delivery.model.MailMessage;

/**
 * Hands a mail to a mail service: SES in AWS ({@link SesMailSender}), an SMTP server in the local stack
 * ({@link SmtpMailSender}). Both send the same MIME message ({@link MimeMails}); only the transport differs.
 */
public interface MailSender {
    /**
     * Sends {@code mail}; answers the service's id of it. Throws {@link MailNotSentException} when the service did
     * not take it (down, refusing, timed out): then it may be tried again.
     */
    String send(MailMessage mail);
}
