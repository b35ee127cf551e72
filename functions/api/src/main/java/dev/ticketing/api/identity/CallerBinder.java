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
import java.util.Optional;

/** Lets a controller method take the {@link Caller} as a parameter. */
@Singleton
public class CallerBinder implements TypedRequestArgumentBinder<Caller> {
    private final IdentityConfig identity;

    public CallerBinder(IdentityConfig identity) {
        this.identity = identity;
    }

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        if (source instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event) {
            Caller caller = JwtClaims.callerOf(event, identity.adminGroup());
            return () -> Optional.of(caller);
        }
        throw new UnauthorizedException("A bearer token is required");
    }
}
