package dev.ticketing.api.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.input.Instants;
import dev.ticketing.input.StrictJson;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Micronaut's JSON mapper reads every request body as {@link StrictJson} says, and writes every instant in the one
 * canonical form ({@link Instants}: {@code 2027-02-14T20:30:00.000Z}), as the table stores it.
 */
@Singleton
public class StrictBodies implements BeanCreatedEventListener<ObjectMapper> {
    @Override
    public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
        return StrictJson.configure(event.getBean()).registerModule(Instants.jsonModule());
    }
}
