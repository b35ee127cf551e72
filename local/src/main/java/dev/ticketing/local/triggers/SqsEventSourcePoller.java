package dev.ticketing.local.triggers;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.ticketing.local.template.LocalResources;
import dev.ticketing.local.template.SamTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does, for each function event of {@code Type: SQS} in template.yaml:
 * long-polls the queue, invokes the function with a real {@link SQSEvent} of up to {@code BatchSize} messages,
 * deletes the messages that did not fail (with {@code FunctionResponseTypes: [ReportBatchItemFailures]}, the
 * ones the answer does not list; without it, all of them unless the invocation threw) and leaves the rest to
 * come back, so ElasticMQ counts their receives and moves them to the dead-letter queue after the redrive
 * policy's maxReceiveCount.
 *
 * <p>Two local differences, both about time: AWS makes a failed message visible again after the queue's
 * VisibilityTimeout (minutes); here it comes back after {@code retryDelay} (1 s by default), so retries and the
 * dead-letter queue can be watched in seconds. And a received message is hidden for {@link #LEASE} at a time,
 * renewed every {@link #RENEW_EVERY} while its batch runs, instead of for the queue's whole VisibilityTimeout:
 * ElasticMQ keeps messages across a crash of the local stack, and the ones it had in flight then come back within
 * seconds of the restart rather than minutes.
 */
public final class SqsEventSourcePoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSourcePoller.class);

    /** One SQS event source of the template. */
    public record Mapping(String functionId, String queueLogicalId, String queueUrl, String queueArn, int batchSize,
                          boolean reportBatchItemFailures, int concurrency) {
    }

    /** Lambda starts with five concurrent pollers per SQS event source; {@code ScalingConfig.MaximumConcurrency} caps it. */
    static final int DEFAULT_CONCURRENCY = 5;
    /** How long a received message stays hidden unless renewed. */
    static final Duration LEASE = Duration.ofSeconds(10);
    static final Duration RENEW_EVERY = Duration.ofSeconds(3);

    private final SqsClient sqs;
    private final BiFunction<String, Object, Object> invoker;
    private final Duration retryDelay;
    private final List<Mapping> mappings;
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sqs-visibility-renewal");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger crashes = new AtomicInteger();
    /** Threads between "about to receive" and "batch done"; {@link #pause()} waits for it to reach 0. */
    private final AtomicInteger busy = new AtomicInteger();
    private volatile boolean running = true;
    private volatile boolean paused;

    private SqsEventSourcePoller(SqsClient sqs, BiFunction<String, Object, Object> invoker, Duration retryDelay,
                                 List<Mapping> mappings) {
        this.sqs = sqs;
        this.invoker = invoker;
        this.retryDelay = retryDelay;
        this.mappings = mappings;
    }

    /** Starts one polling thread per SQS event source; {@code invoker} is {@code (functionId, event) -> answer}. */
    public static SqsEventSourcePoller start(SamTemplate template, LocalResources resources, SqsClient sqs,
                                             BiFunction<String, Object, Object> invoker, Duration retryDelay) {
        SqsEventSourcePoller poller = new SqsEventSourcePoller(sqs, invoker, retryDelay, mappings(template, resources));
        for (Mapping mapping : poller.mappings) {
            for (int i = 1; i <= mapping.concurrency(); i++) {
                Thread thread = new Thread(() -> poller.poll(mapping), "sqs-" + mapping.functionId() + "-" + i);
                thread.setDaemon(true);
                poller.threads.add(thread);
                thread.start();
            }
            LOG.info("polling {} for {} (batch {}, {} concurrent)", mapping.queueLogicalId(), mapping.functionId(),
                    mapping.batchSize(), mapping.concurrency());
        }
        return poller;
    }

    /** Every function event {@code Type: SQS} with {@code Queue: !GetAtt X.Arn}. */
    public static List<Mapping> mappings(SamTemplate template, LocalResources resources) {
        List<Mapping> found = new ArrayList<>();
        for (SamTemplate.Function function : template.functions()) {
            for (Map<String, Object> event : function.events().values()) {
                if (!"SQS".equals(event.get("Type"))) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> properties = (Map<String, Object>) event.getOrDefault("Properties", Map.of());
                Object queue = properties.get("Queue");
                if (!(queue instanceof Map<?, ?> getAtt) || !(getAtt.get("Fn::GetAtt") instanceof List<?> attribute)) {
                    throw new IllegalStateException("SQS event of " + function.id() + " needs Queue: !GetAtt <Queue>.Arn");
                }
                String logicalId = (String) attribute.get(0);
                int batchSize = properties.get("BatchSize") == null ? 10 : Integer.parseInt(String.valueOf(properties.get("BatchSize")));
                Object responseTypes = properties.get("FunctionResponseTypes");
                boolean reportFailures = responseTypes instanceof List<?> types && types.contains("ReportBatchItemFailures");
                Object scaling = properties.get("ScalingConfig");
                Object maximum = scaling instanceof Map<?, ?> config ? config.get("MaximumConcurrency") : null;
                int concurrency = maximum == null ? DEFAULT_CONCURRENCY
                        : Math.max(1, Math.min(DEFAULT_CONCURRENCY, Integer.parseInt(String.valueOf(maximum))));
                found.add(new Mapping(function.id(), logicalId, resources.ref(logicalId), resources.resolve(queue),
                        batchSize, reportFailures, concurrency));
            }
        }
        return found;
    }

    public List<Mapping> mappings() {
        return mappings;
    }

    /**
     * Stops taking messages, for tests that take messages themselves: returns once no poll is in flight and no
     * batch is being processed, so every message received from now on is the caller's.
     */
    public void pause() {
        paused = true;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (busy.get() > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(10));
        }
    }

    public void resume() {
        paused = false;
    }

    /**
     * The next {@code times} batches are processed and then "crash" before their messages are deleted, as if the
     * function's container died between the DynamoDB commit and the SQS delete: every message comes back.
     */
    public void crashAfterNextInvocations(int times) {
        crashes.set(times);
    }

    private void poll(Mapping mapping) {
        while (running) {
            // announce first, then look at the flag: pause() either sees this poll as busy or this poll sees the pause
            busy.incrementAndGet();
            try {
                if (!paused) {
                    pollOnce(mapping);
                    continue;
                }
            } finally {
                busy.decrementAndGet();
            }
            sleep(Duration.ofMillis(20));
        }
    }

    private void pollOnce(Mapping mapping) {
        List<Message> messages;
        try {
            messages = sqs.receiveMessage(b -> b.queueUrl(mapping.queueUrl())
                    .maxNumberOfMessages(Math.min(10, Math.max(1, mapping.batchSize())))
                    .waitTimeSeconds(1)
                    .visibilityTimeout((int) LEASE.toSeconds())
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
        } catch (AbortedException e) {
            return;
        } catch (SdkException e) {
            if (running) {
                LOG.warn("receiving from {} failed: {}", mapping.queueLogicalId(), e.toString());
                sleep(Duration.ofMillis(500));
            }
            return;
        }
        if (!messages.isEmpty() && running) {
            deliver(mapping, messages);
        }
    }

    private void deliver(Mapping mapping, List<Message> messages) {
        Set<String> failed = new HashSet<>();
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(mapping, messages),
                RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        try {
            Object answer = invoker.apply(mapping.functionId(), toEvent(mapping, messages));
            if (mapping.reportBatchItemFailures() && answer instanceof SQSBatchResponse response
                    && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(failure -> failed.add(failure.getItemIdentifier()));
            }
        } catch (RuntimeException e) {
            LOG.warn("{} failed on a batch of {}; all of it comes back", mapping.functionId(), messages.size(), e);
            messages.forEach(message -> failed.add(message.messageId()));
        } finally {
            renewal.cancel(false);
        }
        if (crashes.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            LOG.info("simulated crash of {} after its invocation: {} message(s) not deleted", mapping.functionId(), messages.size());
            messages.forEach(message -> failed.add(message.messageId()));
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (failed.contains(message.messageId())) {
                comeBackLater(mapping, message);
            } else {
                done.add(DeleteMessageBatchRequestEntry.builder().id(message.messageId())
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            try {
                sqs.deleteMessageBatch(b -> b.queueUrl(mapping.queueUrl()).entries(done));
            } catch (SdkException e) {
                LOG.warn("deleting from {} failed; the messages will be delivered again: {}", mapping.queueLogicalId(), e.toString());
            }
        }
    }

    /** The batch is still being worked on: keep its messages hidden for another lease. */
    private void renew(Mapping mapping, List<Message> messages) {
        try {
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(mapping.queueUrl()).entries(messages.stream()
                    .map(message -> ChangeMessageVisibilityBatchRequestEntry.builder().id(message.messageId())
                            .receiptHandle(message.receiptHandle()).visibilityTimeout((int) LEASE.toSeconds()).build())
                    .toList()));
        } catch (SdkException e) {
            LOG.warn("could not keep a batch of {} hidden; it may be delivered twice: {}", mapping.queueLogicalId(), e.toString());
        }
    }

    private void comeBackLater(Mapping mapping, Message message) {
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(mapping.queueUrl()).receiptHandle(message.receiptHandle())
                    .visibilityTimeout((int) retryDelay.toSeconds()));
        } catch (SdkException e) {
            // it comes back after the queue's visibility timeout instead
        }
    }

    /** The event Lambda would pass for these messages of the mapping's queue. */
    public static SQSEvent toEvent(Mapping mapping, List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
            Map<String, String> attributes = new HashMap<>();
            message.attributesAsStrings().forEach(attributes::put);
            record.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
            message.messageAttributes().forEach((name, value) -> messageAttributes.put(name, attribute(value)));
            record.setMessageAttributes(messageAttributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(mapping.queueArn());
            record.setAwsRegion("us-east-1");
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static SQSEvent.MessageAttribute attribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            attribute.setBinaryValue(value.binaryValue().asByteBuffer());
        }
        return attribute;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        renewals.shutdownNow();
    }
}
