package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every flag is known or refused: nothing is silently ignored, and every refusal says how to fix it. */
class LocalOptionsTest {

    private static LocalOptions parse(String... args) {
        return LocalOptions.parse(args, name -> null);
    }

    @Test
    void flagsAndTheEnvironmentAreRead() {
        LocalOptions options = LocalOptions.parse(new String[]{"--port", "3100", "--data-dir=/tmp/x", "--no-demo",
                "--hold-duration", "PT2M", "--paypal-url", "http://127.0.0.1:4000/mock-paypal/"}, Map.of(
                "SQS_PORT", "9400", "PORT", "1", "MAX_SEATS_PER_HOLD", "4")::get);

        assertThat(options.port()).as("a flag wins over the environment").isEqualTo(3100);
        assertThat(options.sqsPort()).isEqualTo(9400);
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.demo()).isFalse();
        assertThat(options.holdDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.maxSeatsPerHold()).isEqualTo(4);
        assertThat(options.paypalUrl()).isEqualTo(URI.create("http://127.0.0.1:4000/mock-paypal"));
        assertThat(LocalOptions.defaults().paypalUrl()).as("the built-in mock by default").isNull();
    }

    @Test
    void anAwsEndpointReplacesDynamoDbLocalAndElasticMq() {
        assertThat(parse("--aws-endpoint", "http://localhost:4566").awsEndpoint())
                .isEqualTo(URI.create("http://localhost:4566"));
        assertThat(LocalOptions.parse(new String[0], Map.of("AWS_ENDPOINT", "http://127.0.0.1:4566/")::get).awsEndpoint())
                .isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(LocalOptions.defaults().awsEndpoint()).as("DynamoDB Local and ElasticMQ by default").isNull();
        assertThat(LocalOptions.defaults().withAwsEndpoint(URI.create("http://localhost:4566")).withPorts(0, 0, 0)
                .awsEndpoint()).as("kept by the other with-methods").isEqualTo(URI.create("http://localhost:4566"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--bogus x                  | unknown option --bogus (run with --help to see the options)",
            "--bogus                    | unknown option --bogus (run with --help to see the options)",
            "--port                     | --port needs a value, e.g. --port 3000",
            "--data-dir --in-memory     | --data-dir needs a value, e.g. --data-dir .ticketing-local",
            "--port abc                 | --port must be a port number (0-65535, 0 for any free port), not 'abc'",
            "--port 70000               | --port must be a port number (0-65535, 0 for any free port), not '70000'",
            "--no-demo=yes              | --no-demo takes no value: write --no-demo alone",
            "--hold-duration 10m        | --hold-duration must be a positive ISO-8601 duration such as PT10M, not '10m'",
            "--max-seats-per-hold 0     | --max-seats-per-hold must be a whole number from 1 to 22, not '0'",
            "--paypal-url localhost     | --paypal-url must be an http(s) URL such as http://127.0.0.1:3100/mock-paypal, not 'localhost'",
            "--aws-endpoint 4566        | --aws-endpoint must be an http(s) URL such as http://localhost:4566, not '4566'",
            "stray                      | unexpected argument 'stray': options start with -- (run with --help to see them)",
    })
    void aMistakeIsRefusedInOneLineThatSaysHowToFixIt(String args, String message) {
        assertThatThrownBy(() -> parse(args.trim().split(" +")))
                .isInstanceOf(LocalOptions.InvalidOptionException.class)
                .hasMessage(message);
    }

    @Test
    void aMalformedEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> LocalOptions.parse(new String[0], Map.of("IN_MEMORY", "yes")::get))
                .hasMessage("environment variable IN_MEMORY must be true or false, not 'yes'");
    }

    @Test
    void helpIsNotAMistake() {
        assertThatThrownBy(() -> parse("--port", "1", "--help")).isInstanceOf(LocalOptions.HelpRequested.class);
    }

    @Test
    void parameterOverridesTakeEveryPairUpToTheNextOptionAsSamDoes() {
        LocalOptions options = parse("--parameter-overrides", "PaymentGrace=PT1M", "SweepInterval=rate(2 minutes)",
                "AdminGroup=", "--no-demo");

        assertThat(options.parameterOverrides()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PaymentGrace", "PT1M", "SweepInterval", "rate(2 minutes)", "AdminGroup", ""));
        assertThat(options.demo()).isFalse();
        assertThat(LocalOptions.parse(new String[0], Map.of("PARAMETER_OVERRIDES", "PaymentGrace=PT2M  HoldDuration=PT3M")::get)
                .parameterOverrides()).containsExactlyInAnyOrderEntriesOf(Map.of("PaymentGrace", "PT2M", "HoldDuration", "PT3M"));
    }

    @Test
    void aParameterTheTemplateDoesNotDeclareOrAPairWithoutValueIsRefused() {
        assertThatThrownBy(() -> parse("--parameter-overrides", "PaymentGrase=PT1M"))
                .isInstanceOf(LocalOptions.InvalidOptionException.class)
                .hasMessageStartingWith("--parameter-overrides: template.yaml has no parameter PaymentGrase (it has JwtIssuer, ")
                .hasMessageContaining("PaymentGrace");
        assertThatThrownBy(() -> parse("--parameter-overrides", "PaymentGrace"))
                .isInstanceOf(LocalOptions.InvalidOptionException.class)
                .hasMessage("--parameter-overrides takes Key=Value pairs such as PaymentGrace=PT1M HoldDuration=PT2M, not 'PaymentGrace'");
    }
}
