package dev.ticketing.local.triggers;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBridge schedules, locally: every interval, invoke the function with a {@code Scheduled Event}, on one
 * daemon thread. Like an asynchronous invocation, a failed run is logged and the schedule goes on; runs of one
 * schedule never overlap (locally; in AWS they could, which the functions must tolerate anyway).
 */
final class LocalScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalScheduler.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-schedules");
        thread.setDaemon(true);
        return thread;
    });
    private final BiFunction<String, Object, Object> invoker;

    LocalScheduler(BiFunction<String, Object, Object> invoker) {
        this.invoker = invoker;
    }

    /** Invokes {@code functionId} every {@code interval}, the first time one interval from now. */
    void every(Duration interval, String functionId, String ruleName) {
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleAtFixedRate(() -> fire(functionId, ruleName), millis, millis, TimeUnit.MILLISECONDS);
        LOG.info("{} runs every {} ({})", functionId, interval, ruleName);
    }

    private void fire(String functionId, String ruleName) {
        try {
            invoker.apply(functionId, event(ruleName));
        } catch (Throwable e) {
            // an exception would cancel the schedule: log it and keep going, as EventBridge would
            LOG.warn("scheduled run of {} failed", functionId, e);
        }
    }

    /** What EventBridge sends a Lambda target of a schedule rule. */
    static ScheduledEvent event(String ruleName) {
        return new ScheduledEvent()
                .withVersion("0")
                .withId(UUID.randomUUID().toString())
                .withDetailType("Scheduled Event")
                .withSource("aws.events")
                .withAccount(LocalTriggers.ACCOUNT)
                .withTime(new DateTime(System.currentTimeMillis(), DateTimeZone.UTC).withMillisOfSecond(0))
                .withRegion(LocalTriggers.REGION)
                .withResources(List.of("arn:aws:events:" + LocalTriggers.REGION + ":" + LocalTriggers.ACCOUNT + ":rule/" + ruleName))
                .withDetail(Map.of());
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("a scheduled run did not stop within 10 s");
        }
    }
}
