package dev.ticketing.delivery.model;

/** A file attached to a mail: its name, its media type ({@code application/pdf}) and its bytes. */
public record Attachment(String fileName, String contentType, byte[] content) {
}
