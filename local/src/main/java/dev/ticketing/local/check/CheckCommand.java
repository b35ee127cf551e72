package dev.ticketing.local.check;

import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * {@code java -jar ticketing-local.jar check [--endpoint URL] [--table NAME] [--region R]}: reads a table and
 * prints every broken invariant ({@link TableCheck}), one per line, then a summary. Exit 0: none; 1: some;
 * 2: a usage mistake; 3: the table could not be read. Without {@code --endpoint} it reads the table in AWS with
 * the usual credentials (environment, profile, role) and region; it only reads.
 */
public final class CheckCommand {
    public static final String USAGE = """
            Usage: java -jar local/target/ticketing-local.jar check [options]
              --endpoint URL   DynamoDB endpoint, e.g. http://127.0.0.1:8000 for the local stack (default: AWS)
              --table NAME     the table (default ticketing-Table, the local stack's)
              --region R       AWS region (default: AWS_REGION, else us-east-1)
            Reads the whole table (a scan, every event's seats, one query per hold) and prints each broken invariant.
            Exit status: 0 none, 1 some, 2 usage mistake, 3 could not read the table.
            """;

    private CheckCommand() {
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String endpoint = null;
        String table = "ticketing-Table";
        String region = System.getenv("AWS_REGION") == null ? "us-east-1" : System.getenv("AWS_REGION");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help")) {
                out.print(USAGE);
                return 0;
            }
            if (!arg.equals("--endpoint") && !arg.equals("--table") && !arg.equals("--region")) {
                err.println("ticketing-local check: unknown option " + arg + " (run check --help to see the options)");
                return 2;
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--") || args[i + 1].isBlank()) {
                err.println("ticketing-local check: " + arg + " needs a value (run check --help to see the options)");
                return 2;
            }
            String value = args[++i];
            switch (arg) {
                case "--endpoint" -> endpoint = value;
                case "--table" -> table = value;
                default -> region = value;
            }
        }
        DynamoDbClientBuilder builder = DynamoDbClient.builder().region(Region.of(region));
        if (endpoint != null) {
            URI uri = URI.create(endpoint);
            if (uri.getScheme() == null || uri.getHost() == null) {
                err.println("ticketing-local check: --endpoint must be a URL such as http://127.0.0.1:8000, not " + endpoint);
                return 2;
            }
            builder.endpointOverride(uri);
            // DynamoDB Local (-sharedDb) takes any credentials; a real endpoint gets the usual ones when there are
            boolean credentialsGiven = System.getenv("AWS_ACCESS_KEY_ID") != null || System.getenv("AWS_PROFILE") != null;
            builder.credentialsProvider(credentialsGiven ? DefaultCredentialsProvider.builder().build()
                    : StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        String name = table;
        try (DynamoDbClient dynamo = builder.build()) {
            TableCheck.Report report = new TableCheck(dynamo, name, Clock.systemUTC()).run();
            report.violations().forEach(out::println);
            out.println(report.summary());
            return report.violations().isEmpty() ? 0 : 1;
        } catch (SdkException e) {
            err.println("ticketing-local check: could not read table " + name + (endpoint == null ? "" : " at " + endpoint)
                    + ": " + e.getMessage());
            return 3;
        }
    }
}
