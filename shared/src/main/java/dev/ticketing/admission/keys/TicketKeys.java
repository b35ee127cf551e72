package dev.ticketing.admission.keys;

import java.util.Optional;

/**
 * The key store of ticket codes: master secrets by key id. New codes are signed under {@link #currentId()}; a code
 * names the key id it was signed under, and verifies as long as that id is still here, so a rotation (a new current
 * id, the old ones kept) invalidates no ticket already issued. Where the secrets live is the implementation's
 * business: a Secrets Manager secret in AWS, a file in the data folder locally, memory in tests ({@link KeySet}).
 */
public interface TicketKeys {
    /** The key id new codes are signed under. */
    String currentId();

    /** The master secret of key id {@code keyId}; empty when this store does not have it (any more). */
    Optional<byte[]> secret(String keyId);

    /** Every key id of the store, the current one included: codes signed under any of them verify. */
    java.util.Set<String> ids();
}
