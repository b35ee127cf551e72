package dev.ticketing.local;

import dev.ticketing.local.check.CheckCommand;
import dev.ticketing.local.startup.StartupProblem;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar local/target/ticketing-local.jar}: runs the whole system until Ctrl-C. */
public final class LocalMain {
    private LocalMain() {
    }

    public static void main(String[] args) {
        // The functions' jars carry their own logback.xml for Lambda; locally one quieter configuration rules.
        System.setProperty("logback.configurationFile", "logback-local.xml");
        System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        if (args.length > 0 && args[0].equals("check")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            System.exit(CheckCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            return;
        }
        LocalOptions options;
        try {
            options = LocalOptions.parse(args, System::getenv);
        } catch (LocalOptions.HelpRequested help) {
            System.out.print(LocalOptions.USAGE);
            System.exit(0);
            return;
        } catch (LocalOptions.InvalidOptionException e) {
            fail(2, e.getMessage());
            return;
        }
        long started = System.nanoTime();
        LocalSystem stack;
        try {
            stack = LocalSystem.start(options);
        } catch (StartupProblem e) {
            fail(1, e.getMessage());
            return;
        } catch (Exception | Error e) {
            // anything else is a bug or a broken machine: one line here, the details in the log above
            fail(1, "could not start: " + rootCause(e));
            return;
        }
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
                  Organiser (my events):       %s/web/organiser.html
                  Door (staff check-in):       %s/web/door.html
                  Mailbox (sent mails):        %s/web/mailbox.html
                  API, web page, mock PayPal:  %s
                  DynamoDB endpoint:           %s   (aws dynamodb ... --endpoint-url %s)
                  SQS endpoint:                %s   (aws sqs ... --endpoint-url %s)
                  Listening on:                %s
                  Data:                        %s
                  Hold duration:               %s
                Get a token:  curl -s -XPOST %s/dev/token -d '{"userId":"alice"}'
                Press Ctrl-C to stop.
                %n""",
                startup.toMillis() / 1000.0, stack.baseUrl(), stack.baseUrl(), stack.baseUrl(), stack.baseUrl(),
                stack.baseUrl(), stack.dynamoDbEndpoint(), stack.dynamoDbEndpoint(),
                stack.sqsEndpoint(), stack.sqsEndpoint(),
                stack.dynamoDbOnLoopbackOnly() ? "127.0.0.1 (this machine)"
                        : "127.0.0.1, and DynamoDB Local on ALL network interfaces (DYNAMODB_INTERFACE)",
                options.awsEndpoint() != null ? "tables and queued messages at " + options.awsEndpoint()
                        + (options.inMemory() ? "" : "; token key in " + options.dataDir().toAbsolutePath())
                        : options.inMemory() ? "in memory (lost on exit)"
                        : options.dataDir().toAbsolutePath() + "  (tables, queued messages, token key; delete it to reset)",
                options.holdDuration(), stack.baseUrl());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One line on standard error, and out: parts already started may hold non-daemon threads. */
    private static void fail(int status, String message) {
        System.err.println("ticketing-local: " + message);
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
