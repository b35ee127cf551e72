package dev.ticketing.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TicketingHandlerTest {
    /** A handler that answers the log fields and the time it sees while it handles its input. */
    public static class FieldsHandler extends TicketingHandler<String, String> {
        public FieldsHandler() {
        }

        public FieldsHandler(ApplicationContext context) {
            super(context);
        }

        @Override
        public Priming priming() {
            return Priming.of(getClass());
        }

        @Override
        protected String handle(String input, CurrentInvocation invocation) {
            return input + "/" + MDC.get(InvocationLogFields.REQUEST_ID) + "/" + MDC.get(InvocationLogFields.FUNCTION) + "/"
                    + invocation.budgetMillis(1_000, -1);
        }
    }

    @Test
    void theInvocationsRequestIdAndFunctionAreLogFieldsWhileItIsHandledOnly() throws Exception {
        try (FieldsHandler handler = new FieldsHandler()) {
            assertThat(handler.handleRequest("x", new TestContext("request-1", 5_000))).isEqualTo("x/request-1/test/4000");
            assertNoInvocationFields();
            assertThat(handler.handleRequest("y", new TestContext(" ", 3_000))).isEqualTo("y/null/test/2000");
            assertNoInvocationFields();
        }
    }

    /** (Micronaut puts fields of its own, named AWS..., and leaves them for the next invocation to replace.) */
    private static void assertNoInvocationFields() {
        assertThat(MDC.get(InvocationLogFields.REQUEST_ID)).isNull();
        assertThat(MDC.get(InvocationLogFields.FUNCTION)).isNull();
    }

    @Test
    void withoutAContextThereAreNoInvocationFields() throws Exception {
        try (FieldsHandler handler = new FieldsHandler()) {
            assertThat(handler.execute("z")).isEqualTo("z/null/null/-1");
        }
    }

    @Test
    void aCallerMayBuildTheContext() throws Exception {
        try (ApplicationContext context = HandlerContexts.builder().start();
             FieldsHandler handler = new FieldsHandler(context)) {
            assertThat(handler.getApplicationContext()).isSameAs(context);
            assertThat(handler.handleRequest("x", new TestContext("request-2", 5_000))).isEqualTo("x/request-2/test/4000");
        }
    }
}
