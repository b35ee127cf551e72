package dev.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ticketing.local.template.SamTemplate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A redeploy that changes only a parameter reaches the functions' {@code live} alias. SAM names a function's
 * Version after its code and its unresolved Environment, so a parameter's new value alone publishes nothing; the
 * template makes each function's {@code VersionDescription} a digest of every setting (the custom resource
 * {@code SettingsDigest}), and CloudFormation replaces a Version whose Description changes, which publishes one.
 */
class SettingsDigestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9:]+)}");
    private static SamTemplate template;

    @TempDir
    Path scratch;

    @BeforeAll
    static void read() throws Exception {
        template = SamTemplate.parse(Files.newInputStream(Path.of("../template.yaml")));
    }

    @Test
    void everyFunctionsVersionIsDescribedByTheSettingsDigest() {
        template.resources("AWS::Serverless::Function").forEach((id, properties) -> {
            assertThat(properties.get("AutoPublishAlias")).as(id).isEqualTo("live");
            assertThat(properties.get("VersionDescription")).as(id + " VersionDescription")
                    .isEqualTo(Map.of("Fn::Sub", "settings ${SettingsDigest.Digest}"));
        });
    }

    @Test
    void theDigestCoversEveryParameterThatReachesAFunctionsEnvironment() {
        Set<String> parameters = template.parameterNames();
        Set<String> reaching = new TreeSet<>();
        template.functions().forEach(function -> references(function.environment(), reaching));
        reaching.retainAll(parameters);
        reaching.add("SettingsRevision");

        Map<String, Object> settings = settings();
        Set<String> digested = new TreeSet<>();
        settings.forEach((name, value) -> {
            assertThat(value).as("Settings." + name).isEqualTo(Map.of("Ref", name));
            digested.add(name);
        });
        assertThat(digested).isEqualTo(reaching);
    }

    @Test
    void noSecretPassesThroughTheTemplate() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> declared = (Map<String, Map<String, Object>>) template.document().get("Parameters");
        declared.forEach((name, parameter) ->
                assertThat(parameter).as(name + ": secrets live in Secrets Manager, the template names them").doesNotContainKey("NoEcho"));
    }

    @Test
    void theDigestChangesWithAnySettingAndOnlyWithTheSettings() throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>(Map.of("HoldDuration", "PT10M", "PaymentGrace", "PT5M"));
        JsonNode created = answer("Create", settings);
        assertThat(created.get("Status").asText()).isEqualTo("SUCCESS");
        String digest = created.at("/Data/Digest").asText();
        assertThat(digest).matches("[0-9a-f]{64}");

        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("PaymentGrace", "PT5M");
        reordered.put("HoldDuration", "PT10M");
        assertThat(answer("Update", reordered).at("/Data/Digest").asText()).isEqualTo(digest);

        settings.put("PaymentGrace", "PT7M");
        JsonNode updated = answer("Update", settings);
        assertThat(updated.at("/Data/Digest").asText()).matches("[0-9a-f]{64}").isNotEqualTo(digest);
        assertThat(updated.get("PhysicalResourceId").asText()).as("an update, not a replacement").isEqualTo("settings-digest");
        assertThat(answer("Delete", settings).get("Status").asText()).isEqualTo("SUCCESS");
    }

    /** Runs the function's inline code with python3, as Lambda would, and returns what it PUT to the response URL. */
    private JsonNode answer(String requestType, Map<String, Object> settings) throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
        } catch (IOException noPython) {
            probe = null;
        }
        Assumptions.assumeTrue(probe != null && probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "no python3 here to run the digest function's code");
        Files.writeString(scratch.resolve("index.py"), inlineCode());

        List<String> answers = new ArrayList<>();
        HttpServer responses = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        responses.createContext("/", exchange -> {
            answers.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        responses.start();
        try {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("RequestType", requestType);
            event.put("ResponseURL", "http://127.0.0.1:" + responses.getAddress().getPort() + "/response");
            event.put("StackId", "arn:aws:cloudformation:eu-west-1:000000000000:stack/ticketing/1");
            event.put("RequestId", "request-1");
            event.put("LogicalResourceId", "SettingsDigest");
            if (!requestType.equals("Create")) {
                event.put("PhysicalResourceId", "settings-digest");
            }
            event.put("ResourceProperties", Map.of("ServiceToken", "arn:aws:lambda:function", "Settings", settings));
            Process python = new ProcessBuilder("python3", "-c",
                    "import json, sys, index; index.handler(json.load(sys.stdin), None)")
                    .directory(scratch.toFile()).redirectErrorStream(true).start();
            python.getOutputStream().write(JSON.writeValueAsBytes(event));
            python.getOutputStream().close();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(python.exitValue()).as(output).isZero();
        } finally {
            responses.stop(0);
        }
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0)).startsWith("PUT ");
        return JSON.readTree(answers.get(0).substring("PUT ".length()));
    }

    @SuppressWarnings("unchecked")
    private static String inlineCode() {
        Map<String, Object> function = template.resources("AWS::Lambda::Function").get("SettingsDigestFunction");
        return (String) ((Map<String, Object>) function.get("Code")).get("ZipFile");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> settings() {
        return (Map<String, Object>) template.resources("AWS::CloudFormation::CustomResource").get("SettingsDigest").get("Settings");
    }

    /** Every name a value refers to: {@code Ref: X}, {@code ${X}} in a {@code Fn::Sub}. */
    private static void references(Object value, Set<String> names) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> {
                if ("Ref".equals(key) && inner instanceof String name) {
                    names.add(name);
                } else if ("Fn::Sub".equals(key) && inner instanceof String text) {
                    Matcher reference = SUB_REFERENCE.matcher(text);
                    while (reference.find()) {
                        names.add(reference.group(1));
                    }
                } else {
                    references(inner, names);
                }
            });
        } else if (value instanceof List<?> list) {
            list.forEach(inner -> references(inner, names));
        }
    }
}
