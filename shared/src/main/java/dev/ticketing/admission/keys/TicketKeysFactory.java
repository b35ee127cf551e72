package dev.ticketing.admission.keys;

import dev.ticketing.config.SecretSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The ticket key store of a function: the key set given as the property {@code ticket.keys} (the local system, from
 * its data folder), else the Secrets Manager secret {@code TICKET_KEYS_SECRET_NAME} (a stack's own secret).
 */
@Factory
public class TicketKeysFactory {
    @Singleton
    @Requires(missingBeans = TicketKeys.class)
    TicketKeys ticketKeys(@Property(name = "ticket.keys") @Nullable String keys,
                          @Property(name = "ticket.keys.secret.name") @Nullable String secretName,
                          SecretSource secrets) {
        return new SecretTicketKeys(secrets, keys, secretName);
    }
}
