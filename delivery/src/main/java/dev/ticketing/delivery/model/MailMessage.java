package dev.ticketing.delivery.model;

import java.time.Instant;
import java.util.List;

/**
 * A mail as the system writes it, before any transport: sender, recipient (address and name), subject, plain text,
 * attachments, when it was written, and its {@code Message-ID} (derived from what it is about, so that a mail sent
 * twice in the at-least-once window carries the same id and mail clients may fold the two).
 */
public record MailMessage(String from, String to, String toName, String subject, String text,
                          List<Attachment> attachments, Instant writtenAt, String messageId) {
}
