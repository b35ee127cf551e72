package dev.ticketing.api.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.servlet.http.ServletHttpRequest;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/** Lets a controller method take the {@link QueryValues} of the API Gateway event as a parameter. */
@Singleton
public class QueryValuesBinder implements TypedRequestArgumentBinder<QueryValues> {
    @Override
    public Argument<QueryValues> argumentType() {
        return Argument.of(QueryValues.class);
    }

    @Override
    public BindingResult<QueryValues> bind(ArgumentConversionContext<QueryValues> context, HttpRequest<?> source) {
        Map<String, String> values = source instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                ? event.getQueryStringParameters() : Map.of();
        QueryValues query = new QueryValues(values);
        return () -> Optional.of(query);
    }
}
