package dev.ticketing.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.micronaut.function.aws.MicronautRequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InvocationContextTest {
    /** A real Micronaut handler that answers what its invocation's context says. */
    public static class EchoHandler extends MicronautRequestHandler<String, String> {
        @Override
        public String execute(String input) {
            CurrentInvocation invocation = getApplicationContext().getBean(CurrentInvocation.class);
            return invocation.context().map(Context::getAwsRequestId).orElse("none") + "/"
                    + invocation.budgetMillis(1_000, -1);
        }
    }

    @Test
    void noInvocationLeavesItsContextBehindAsABean() throws Exception {
        try (EchoHandler handler = new EchoHandler()) {
            for (int i = 0; i < 20_000; i++) {
                assertThat(handler.handleRequest("x", new TestContext("request-" + i, 5_000)))
                        .isEqualTo("request-" + i + "/4000");
            }
            assertThat(handler.getApplicationContext().getBeansOfType(Context.class)).isEmpty();
            assertThat(handler.getApplicationContext().getBeansOfType(LambdaLogger.class)).isEmpty();
        }
    }

    @Test
    void eachInvocationSeesItsOwnContextAndItsOwnTimeLeft() throws Exception {
        try (EchoHandler handler = new EchoHandler()) {
            assertThat(handler.handleRequest("x", new TestContext("late", 3_000))).isEqualTo("late/2000");
            assertThat(handler.handleRequest("x", new TestContext("almost-out", 500))).isEqualTo("almost-out/0");
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    String id = "concurrent-" + i;
                    int remaining = 2_000 + i;
                    answers.add(threads.submit(() -> handler.handleRequest("x", new TestContext(id, remaining))));
                }
                for (int i = 0; i < answers.size(); i++) {
                    assertThat(answers.get(i).get()).isEqualTo("concurrent-" + i + "/" + (1_000 + i));
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void withoutAContextTheFallbackBudgetApplies() throws Exception {
        try (EchoHandler handler = new EchoHandler()) {
            assertThat(handler.execute("x")).isEqualTo("none/-1");
        }
    }
}
