package dev.ticketing.api.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.servlet.http.ServletHttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Lets a controller method take the request's {@link SourceAddress} as a parameter, from the API Gateway event. */
@Singleton
public class SourceAddressBinder implements TypedRequestArgumentBinder<SourceAddress> {
    @Override
    public Argument<SourceAddress> argumentType() {
        return Argument.of(SourceAddress.class);
    }

    @Override
    public BindingResult<SourceAddress> bind(ArgumentConversionContext<SourceAddress> context, HttpRequest<?> source) {
        String address = null;
        if (source instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            address = event.getRequestContext().getHttp().getSourceIp();
        }
        SourceAddress bound = new SourceAddress(address);
        return () -> Optional.of(bound);
    }
}
