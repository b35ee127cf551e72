package dev.ticketing.admission.keys;

import dev.ticketing.config.SecretSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The key set kept as one secret: the value given (the local system passes the data folder's key set), or the
 * Secrets Manager secret named {@code TICKET_KEYS_SECRET_NAME}, fetched through {@link SecretSource} and so read
 * again every {@link SecretSource#CACHE_FOR}: a change reaches every container within that time. So a rotation is
 * two steps (docs/orders-and-admission.md): add the new key, and only after that time make it current; otherwise a
 * container still holding the old set would not know the new key id of a fresh code.
 */
final class SecretTicketKeys implements TicketKeys {
    private final SecretSource secrets;
    private final String value;
    private final String name;
    private final AtomicReference<Parsed> parsed = new AtomicReference<>();

    private record Parsed(String text, KeySet keys) {
    }

    SecretTicketKeys(SecretSource secrets, String value, String name) {
        this.secrets = secrets;
        this.value = value;
        this.name = name;
    }

    private KeySet keys() {
        String text = secrets.resolve(value, name).orElseThrow(() -> new IllegalStateException(
                "no ticket key set: set TICKET_KEYS_SECRET_NAME (or the property ticket.keys)"));
        Parsed last = parsed.get();
        if (last == null || !last.text().equals(text)) {
            last = new Parsed(text, KeySet.parse(text));
            parsed.set(last);
        }
        return last.keys();
    }

    @Override
    public String currentId() {
        return keys().currentId();
    }

    @Override
    public java.util.Set<String> ids() {
        return keys().ids();
    }

    @Override
    public Optional<byte[]> secret(String keyId) {
        return keys().secret(keyId);
    }
}
