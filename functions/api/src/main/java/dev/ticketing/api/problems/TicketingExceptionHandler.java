package dev.ticketing.api.problems;

import dev.ticketing.problems.TicketingException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Domain problems raised by the rules in {@code shared}. */
@Produces
@Singleton
@Requires(classes = {TicketingException.class, ExceptionHandler.class})
public class TicketingExceptionHandler implements ExceptionHandler<TicketingException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, TicketingException exception) {
        return Problems.of(exception);
    }
}
