package dev.ticketing.api.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.input.StrictJson;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/** Micronaut's JSON mapper reads every request body as {@link StrictJson} says. */
@Singleton
public class StrictBodies implements BeanCreatedEventListener<ObjectMapper> {
    @Override
    public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
        return StrictJson.configure(event.getBean());
    }
}
