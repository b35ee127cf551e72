package dev.ticketing.local.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * ElasticMQ with a data folder keeps its queues and messages across a restart, each folder its own (ElasticMQ's
 * storage is opened once per JVM, so this checks the stack re-points it). A crash is CrashRecoveryIT's part.
 */
class ElasticMqIT {
    @TempDir
    Path first;
    @TempDir
    Path second;

    @Test
    void queuedMessagesSurviveARestartAndStayInTheirOwnFolder() {
        try (ElasticMq sqs = ElasticMq.start(0, first)) {
            String queue = sqs.client().createQueue(b -> b.queueName("kept")).queueUrl();
            sqs.client().sendMessage(b -> b.queueUrl(queue).messageBody("webhook 1"));
        }
        try (ElasticMq other = ElasticMq.start(0, second)) {
            assertThat(other.client().listQueues().queueUrls()).as("another folder, other queues").isEmpty();
        }
        try (ElasticMq again = ElasticMq.start(0, first)) {
            String queue = again.client().getQueueUrl(b -> b.queueName("kept")).queueUrl();
            List<Message> messages = again.client().receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5)).messages();
            assertThat(messages).extracting(Message::body).containsExactly("webhook 1");
        }
    }
}
