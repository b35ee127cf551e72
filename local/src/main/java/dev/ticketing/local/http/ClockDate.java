package dev.ticketing.local.http;

import java.time.Clock;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Dates every answer of the front with the local system's {@link Clock}, the one its functions decide holds and
 * sales windows by, as API Gateway dates its answers with the time AWS's functions run on. The pages read the
 * {@code Date} header to correct a browser's clock that is off (a hold's countdown, web/app.js), so a stack whose
 * clock is moved (the tests' {@code TestClock}) must say so there too, or a page counts down from the wrong now.
 * Jetty's own Date (real time) stays only on what it answers itself, before any handler ({@link ProblemResponses}).
 */
final class ClockDate extends Handler.Wrapper {
    private final Clock clock;

    ClockDate(Clock clock, Handler next) {
        super(next);
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        response.getHeaders().put(HttpHeader.DATE, DateGenerator.formatDate(clock.instant()));
        return super.handle(request, response, callback);
    }
}
