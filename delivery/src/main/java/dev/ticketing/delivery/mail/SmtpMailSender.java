package dev.ticketing.delivery.mail;

import dev.ticketing.delivery.model.MailMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * Sends through an SMTP server (Angus Mail): the local stack's own (GreenMail), or any other a deployment names with
 * {@code SMTP_HOST}/{@code SMTP_PORT}. Plain SMTP without authentication, with timeouts so a server that hangs
 * fails the send instead of the function.
 */
public class SmtpMailSender implements MailSender {
    private static final String TIMEOUT_MILLIS = "10000";
    private final Session session;

    public SmtpMailSender(String host, int port) {
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        this.session = Session.getInstance(properties);
    }

    @Override
    public String send(MailMessage mail) {
        MimeMessage message = MimeMails.mime(mail, session);
        try {
            Transport.send(message);
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new MailNotSentException("the SMTP server did not take the mail: " + e.getMessage(), e);
        }
    }
}
