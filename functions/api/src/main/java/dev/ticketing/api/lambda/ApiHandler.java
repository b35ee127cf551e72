package dev.ticketing.api.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ticketing.logging.LogFields;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.util.Map;
import java.util.Optional;

/**
 * The API function's Lambda handler: Micronaut's HTTP API (payload 2.0) function, with the request's log fields
 * set for the whole invocation: Lambda's request id, API Gateway's request id, the caller ({@code sub}) and the
 * ids in the path ({@code eventId}, {@code holdId}, {@code paymentId}). Controllers add the ids they create;
 * all are cleared when the invocation ends.
 */
public class ApiHandler extends APIGatewayV2HTTPEventFunction {
    /** For Lambda. */
    public ApiHandler() {
        super();
    }

    /** For a caller that builds the context, such as the local stack. */
    public ApiHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try (LogFields.Scope fields = LogFields.scope()) {
            if (context != null) {
                fields.put(LogFields.REQUEST_ID, context.getAwsRequestId()).put(LogFields.FUNCTION, context.getFunctionName());
            }
            APIGatewayV2HTTPEvent.RequestContext request = event == null ? null : event.getRequestContext();
            if (request != null) {
                fields.put(LogFields.API_REQUEST_ID, request.getRequestId());
                fields.put(LogFields.USER_ID, Optional.ofNullable(request.getAuthorizer())
                        .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                        .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                        .map(claims -> claims.get("sub"))
                        .orElse(null));
            }
            Map<String, String> path = event == null || event.getPathParameters() == null ? Map.of() : event.getPathParameters();
            fields.put(LogFields.EVENT_ID, path.get("eventId"))
                    .put(LogFields.HOLD_ID, path.get("holdId"))
                    .put(LogFields.PAYMENT_ID, path.get("paymentId"));
            return super.handleRequest(event, context);
        } finally {
            LogFields.clear(); // and what the controllers added
        }
    }
}
