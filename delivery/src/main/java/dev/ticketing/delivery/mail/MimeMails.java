package dev.ticketing.delivery.mail;

import dev.ticketing.delivery.model.Attachment;
import dev.ticketing.delivery.model.MailMessage;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * A {@link MailMessage} as MIME (Jakarta Mail): {@code multipart/mixed} with the UTF-8 text and each attachment, its
 * own {@code Message-ID} kept (Jakarta Mail would make a random one).
 */
public final class MimeMails {
    private MimeMails() {
    }

    /** The message for {@code session} (which says where it goes when sent through SMTP). */
    public static MimeMessage mime(MailMessage mail, Session session) {
        try {
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", mail.messageId());
                }
            };
            message.setFrom(new InternetAddress(mail.from()));
            message.setRecipient(Message.RecipientType.TO, mail.toName() == null
                    ? new InternetAddress(mail.to())
                    : new InternetAddress(mail.to(), mail.toName(), StandardCharsets.UTF_8.name()));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(mail.writtenAt()));
            MimeMultipart parts = new MimeMultipart("mixed");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), StandardCharsets.UTF_8.name());
            parts.addBodyPart(text);
            for (Attachment attachment : mail.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
                part.setFileName(attachment.fileName());
                part.setDisposition(Part.ATTACHMENT);
                parts.addBodyPart(part);
            }
            message.setContent(parts);
            message.saveChanges();
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("the mail could not be written as MIME: " + e.getMessage(), e);
        }
    }

    /** The message's bytes as sent (RFC 5322), for a service that takes raw mail (SES). */
    public static byte[] bytes(MimeMessage message) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new IllegalArgumentException("the mail could not be written as MIME: " + e.getMessage(), e);
        }
    }

    /** A session that sends nothing by itself (SES takes the bytes). */
    public static Session detached() {
        return Session.getInstance(new Properties());
    }
}
