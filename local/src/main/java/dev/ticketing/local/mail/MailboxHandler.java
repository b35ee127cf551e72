package dev.ticketing.local.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /dev/mailbox} (local stack only): the mails the local SMTP server received, oldest first, as JSON
 * {@code {"mails":[{"subject","to","from","messageId","sentAt","text","attachments":[{"name","contentType","url"}]}]}};
 * {@code GET /dev/mailbox/<n>/attachments/<m>} one attachment's bytes (for the mailbox page's links).
 */
public final class MailboxHandler implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/dev/mailbox";
    private final LocalMailServer server;

    public MailboxHandler(LocalMailServer server) {
        this.server = server;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equalsIgnoreCase("GET")) {
                send(exchange, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            List<MimeMessage> mails = server.messages();
            try {
                if (path.equals(PATH) || path.equals(PATH + "/")) {
                    List<Map<String, Object>> listed = new ArrayList<>();
                    for (int i = 0; i < mails.size(); i++) {
                        listed.add(describe(mails.get(i), i));
                    }
                    send(exchange, 200, "application/json", JSON.writeValueAsBytes(Map.of("mails", listed)));
                    return;
                }
                String[] parts = path.substring(PATH.length() + 1).split("/");
                if (parts.length == 3 && parts[1].equals("attachments")) {
                    int mail = Integer.parseInt(parts[0]);
                    int attachment = Integer.parseInt(parts[2]);
                    if (mail >= 0 && mail < mails.size()) {
                        List<Part> attached = attachments(mails.get(mail));
                        if (attachment >= 0 && attachment < attached.size()) {
                            Part part = attached.get(attachment);
                            try (InputStream in = part.getInputStream()) {
                                send(exchange, 200, part.getContentType().split(";")[0].strip(), in.readAllBytes());
                            }
                            return;
                        }
                    }
                }
            } catch (NumberFormatException e) {
                // not a mail's number: not found below
            } catch (MessagingException e) {
                send(exchange, 500, "text/plain", ("unreadable mail: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 404, "text/plain", "no such mail or attachment".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Map<String, Object> describe(MimeMessage mail, int index) throws MessagingException, IOException {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("subject", mail.getSubject());
        described.put("to", addresses(mail.getRecipients(Message.RecipientType.TO)));
        described.put("from", addresses(mail.getFrom()));
        described.put("messageId", mail.getMessageID());
        described.put("sentAt", mail.getSentDate() == null ? null : mail.getSentDate().toInstant().toString());
        described.put("text", text(mail));
        List<Map<String, String>> attachments = new ArrayList<>();
        List<Part> attached = attachments(mail);
        for (int i = 0; i < attached.size(); i++) {
            attachments.add(Map.of("name", attached.get(i).getFileName(),
                    "contentType", attached.get(i).getContentType().split(";")[0].strip(),
                    "url", PATH + "/" + index + "/attachments/" + i));
        }
        described.put("attachments", attachments);
        return described;
    }

    private static List<String> addresses(Address[] addresses) {
        List<String> listed = new ArrayList<>();
        if (addresses != null) {
            for (Address address : addresses) {
                listed.add(address.toString());
            }
        }
        return listed;
    }

    /** The first text/plain part that is not an attachment. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = text(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    /** The parts with a file name, in order. */
    public static List<Part> attachments(Part part) throws MessagingException, IOException {
        List<Part> found = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                if (body.getFileName() != null) {
                    found.add(body);
                } else {
                    found.addAll(attachments(body));
                }
            }
        }
        return found;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
