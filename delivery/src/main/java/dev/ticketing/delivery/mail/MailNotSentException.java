package dev.ticketing.delivery.mail;

/** The mail service did not take a mail (it may have, if the answer was lost: see docs/delivery.md). */
public class MailNotSentException extends RuntimeException {
    public MailNotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}
