package dev.ticketing.local;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar local/target/ticketing-local.jar}: runs the whole system until Ctrl-C. */
public final class LocalMain {
    private LocalMain() {
    }

    public static void main(String[] args) throws Exception {
        // The functions' jars carry their own logback.xml for Lambda; locally one quieter configuration rules.
        System.setProperty("logback.configurationFile", "logback-local.xml");
        System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        LocalOptions options;
        try {
            options = LocalOptions.parse(args, System::getenv);
        } catch (IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println(e.getMessage());
            }
            System.err.print(LocalOptions.USAGE);
            System.exit("help".equals(e.getMessage()) ? 0 : 2);
            return;
        }
        long started = System.nanoTime();
        LocalSystem stack = LocalSystem.start(options);
        Duration startup = Duration.ofNanos(System.nanoTime() - started);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Ticketing local stack...");
            stack.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.printf("""

                Ticketing is running (ready in %.1f s)
                  Seat map (web page):         %s/
                  API, web page, mock PayPal:  %s
                  DynamoDB endpoint:           %s   (aws dynamodb ... --endpoint-url %s)
                  SQS endpoint:                %s   (aws sqs ... --endpoint-url %s)
                  Data:                        %s
                  Hold duration:               %s
                Get a token:  curl -s -XPOST %s/dev/token -d '{"userId":"alice"}'
                Press Ctrl-C to stop.
                %n""",
                startup.toMillis() / 1000.0, stack.baseUrl(), stack.baseUrl(), stack.dynamoDbEndpoint(), stack.dynamoDbEndpoint(),
                stack.sqsEndpoint(), stack.sqsEndpoint(),
                options.inMemory() ? "in memory (lost on exit)" : options.dataDir().toAbsolutePath(),
                options.holdDuration(), stack.baseUrl());
        stopped.await();
    }
}
