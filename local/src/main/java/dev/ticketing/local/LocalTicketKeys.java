package dev.ticketing.local;

import dev.ticketing.admission.keys.KeySet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The local stack's ticket-code key set: the data folder's {@code ticket-keys.json} (made on the first start, so
 * tickets sold before a restart still check in after it), or a fresh one in memory with {@code --in-memory}. It is
 * handed to the functions as the property {@code ticket.keys}, as AWS hands them the stack's secret. To rotate
 * locally, add a key id to the file and make it current (see docs/orders-and-admission.md), then restart.
 */
final class LocalTicketKeys {
    static final String FILE = "ticket-keys.json";

    private LocalTicketKeys() {
    }

    /** The key set's JSON: read from {@code dataDir} (null: in memory), made there first when missing. */
    static String load(Path dataDir) {
        if (dataDir == null) {
            return KeySet.generate("k1");
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String json = Files.readString(file);
                KeySet.parse(json); // refuse to start on a broken file rather than at the first sale
                return json;
            }
            String json = KeySet.generate("k1");
            Files.createDirectories(dataDir);
            Files.writeString(file, json);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data folder's own permissions are what protect it
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }
}
