package dev.ticketing.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** DynamoDB Local as the stack runs it: one database for every credential, on loopback, older folders carried over. */
class DynamoDbLocalIT {
    @TempDir
    Path data;

    @Test
    void anyAccessKeyAndRegionSeesTheSameTables() throws Exception {
        try (DynamoDbLocal dynamo = DynamoDbLocal.start(0, data)) {
            createTable(dynamo.client(), "seen-by-all");

            try (DynamoDbClient other = client(dynamo.endpoint(), "AKIDSOMEONEELSE", Region.EU_WEST_1)) {
                assertThat(other.listTables().tableNames()).containsExactly("seen-by-all");
            }
        }
        try (var files = Files.list(data)) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".db")))
                    .as("no stray per-credential database").containsExactly(DynamoDbLocal.SHARED_DB);
        }
    }

    @Test
    void aDataFolderFromBeforeSharedDbKeepsItsTables() throws Exception {
        // what older versions of the stack left: the tables in the file of access key "local", region us-east-1
        int port = FreePort.orAny(0);
        DynamoDBProxyServer old = ServerRunner.createServerFromCommandLineArgs(new String[]{
                "-port", Integer.toString(port), "-disableTelemetry", "-dbPath", data.toString()});
        old.start();
        try (DynamoDbClient client = client(URI.create("http://127.0.0.1:" + port), "local", Region.US_EAST_1)) {
            createTable(client, "from-before");
        } finally {
            old.stop();
        }
        assertThat(data.resolve(DynamoDbLocal.PER_CREDENTIALS_DB)).exists();

        try (DynamoDbLocal dynamo = DynamoDbLocal.start(0, data)) {
            assertThat(dynamo.client().listTables().tableNames()).containsExactly("from-before");
        }
        assertThat(data.resolve(DynamoDbLocal.SHARED_DB)).exists();
        assertThat(data.resolve(DynamoDbLocal.PER_CREDENTIALS_DB)).doesNotExist();
    }

    @Test
    void itListensOnLoopbackOnly() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "Linux's socket tables tell which address a port listens on");
        try (DynamoDbLocal dynamo = DynamoDbLocal.start(0, null)) {
            assertThat(dynamo.loopbackOnly()).isTrue();
            String port = String.format(Locale.ROOT, ":%04X", dynamo.endpoint().getPort());
            List<String> listening = new java.util.ArrayList<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path sockets = Path.of(table);
                if (Files.isReadable(sockets)) {
                    Files.readAllLines(sockets).stream().skip(1)
                            .map(line -> line.trim().split("\\s+"))
                            .filter(fields -> fields[1].endsWith(port) && fields[3].equals("0A")) // 0A: LISTEN
                            .forEach(fields -> listening.add(fields[1].substring(0, fields[1].indexOf(':'))));
                }
            }
            // 127.0.0.1, as IPv4 or IPv4-mapped IPv6; every interface would be all zeros
            assertThat(listening).isNotEmpty().allMatch(address -> address.equals("0100007F")
                    || address.equals("0000000000000000FFFF00000100007F"), "127.0.0.1");
        }
    }

    private static DynamoDbClient client(URI endpoint, String accessKey, Region region) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret"))).build();
    }

    private static void createTable(DynamoDbClient client, String name) {
        client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
    }
}
