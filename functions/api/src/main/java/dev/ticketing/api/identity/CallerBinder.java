package dev.ticketing.api.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ticketing.config.IdentityConfig;
import dev.ticketing.identity.Caller;
import dev.ticketing.problems.UnauthorizedException;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.servlet.http.ServletHttpRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/** Lets a controller method take the {@link Caller} as a parameter: {@link JwtClaims} at the injected clock's now. */
@Singleton
public class CallerBinder implements TypedRequestArgumentBinder<Caller> {
    private final IdentityConfig identity;
    private final Clock clock;

    public CallerBinder(IdentityConfig identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        if (source instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event) {
            Caller caller = JwtClaims.callerOf(event, identity, clock.instant());
            return () -> Optional.of(caller);
        }
        throw new UnauthorizedException("A bearer token is required");
    }
}
