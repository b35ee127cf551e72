package dev.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.local.template.SamTemplate;
import dev.ticketing.metrics.BusinessMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an operator of the deployed stack relies on is in template.yaml: alarms that notify, logs kept, limits set. */
class OperationsTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SamTemplate template;
    private static Map<String, Map<String, Object>> alarms;

    @BeforeAll
    static void read() throws Exception {
        template = SamTemplate.parse(Files.newInputStream(Path.of("../template.yaml")));
        alarms = template.resources("AWS::CloudWatch::Alarm");
    }

    @Test
    void everyFunctionRunsOnJava25() {
        @SuppressWarnings("unchecked")
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) template.document().get("Globals")).get("Function");
        assertThat(globals.get("Runtime")).isEqualTo("java25");
        template.resources("AWS::Serverless::Function").forEach((id, properties) ->
                assertThat(properties.getOrDefault("Runtime", "java25")).as(id).isEqualTo("java25"));
    }

    @Test
    void everyAlarmNotifiesTheAlarmTopicWhenItFiresAndWhenItIsOkAgain() {
        assertThat(alarms).isNotEmpty();
        alarms.forEach((id, alarm) -> {
            assertThat(alarm.get("AlarmActions")).as(id).isEqualTo(List.of(Map.of("Ref", "AlarmTopic")));
            assertThat(alarm.get("OKActions")).as(id).isEqualTo(List.of(Map.of("Ref", "AlarmTopic")));
        });
        assertThat(template.resources("AWS::SNS::Subscription").get("AlarmEmailSubscription"))
                .containsEntry("Endpoint", Map.of("Ref", "AlarmEmail")).containsEntry("Protocol", "email");
    }

    @Test
    void eachFunctionsErrorsAndThrottlesAreWatched() {
        for (String function : template.resources("AWS::Serverless::Function").keySet()) {
            for (String metric : List.of("Errors", "Throttles")) {
                assertThat(watching("AWS/Lambda", metric, Map.of("Ref", function))).as(function + " " + metric).isTrue();
            }
        }
    }

    @Test
    void bothDeadLetterQueuesTheStreamAndTheApiAreWatched() {
        assertThat(watching("AWS/SQS", "ApproximateNumberOfMessagesVisible", Map.of("Fn::GetAtt", List.of("PaymentsDeadLetterQueue", "QueueName")))).isTrue();
        assertThat(watching("AWS/SQS", "ApproximateNumberOfMessagesVisible", Map.of("Fn::GetAtt", List.of("HoldExpiryDeadLetterQueue", "QueueName")))).isTrue();
        assertThat(watching("AWS/Lambda", "IteratorAge", Map.of("Ref", "HoldExpiryFunction"))).isTrue();
        assertThat(watching("AWS/ApiGateway", "5xx", Map.of("Ref", "HttpApi"))).isTrue();
        assertThat(alarms.values()).anyMatch(alarm -> "Latency".equals(alarm.get("MetricName")) && "p99".equals(alarm.get("ExtendedStatistic")));
    }

    @Test
    void everyFunctionLogsToAGroupThatKeepsLogsForLogRetentionDays() {
        Map<String, Map<String, Object>> groups = template.resources("AWS::Logs::LogGroup");
        template.resources("AWS::Serverless::Function").forEach((id, properties) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> logging = (Map<String, Object>) properties.get("LoggingConfig");
            assertThat(logging).as(id).isNotNull();
            String group = (String) ((Map<?, ?>) logging.get("LogGroup")).get("Ref");
            assertThat(groups.get(group)).as(id + " -> " + group).containsEntry("RetentionInDays", Map.of("Ref", "LogRetentionDays"));
        });
        assertThat(groups.get("ApiAccessLogGroup")).containsEntry("RetentionInDays", Map.of("Ref", "LogRetentionDays"));
    }

    @Test
    void theApiLogsEveryRequestAndThrottlesEveryRoute() {
        Map<String, Object> api = template.resources("AWS::Serverless::HttpApi").get("HttpApi");
        assertThat(((Map<?, ?>) api.get("AccessLogSettings")).get("DestinationArn"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("ApiAccessLogGroup", "Arn")));
        @SuppressWarnings("unchecked")
        Map<String, Object> throttling = (Map<String, Object>) api.get("DefaultRouteSettings");
        assertThat(throttling).containsEntry("ThrottlingRateLimit", Map.of("Ref", "ApiThrottlingRateLimit"))
                .containsEntry("ThrottlingBurstLimit", Map.of("Ref", "ApiThrottlingBurstLimit"));
    }

    @Test
    void theTableCannotBeDeletedByAccident() {
        assertThat(template.resources("AWS::DynamoDB::Table").get("Table")).containsEntry("DeletionProtectionEnabled", true);
    }

    @Test
    void theDashboardShowsEveryBusinessFigureTheFunctionsWrite() throws Exception {
        Map<String, Object> dashboard = template.resources("AWS::CloudWatch::Dashboard").get("Dashboard");
        JsonNode body = JSON.readTree((String) ((Map<?, ?>) dashboard.get("DashboardBody")).get("Fn::Sub"));
        Set<String> shown = new HashSet<>();
        body.get("widgets").forEach(widget -> widget.path("properties").path("metrics").forEach(metric -> {
            if ("Ticketing".equals(metric.get(0).asText())) {
                shown.add(metric.get(1).asText());
                assertThat(metric.get(2).asText()).isEqualTo(BusinessMetrics.DIMENSION);
            }
        }));
        assertThat(shown).isEqualTo(Arrays.stream(BusinessMetrics.Figure.values())
                .map(BusinessMetrics.Figure::metricName).collect(Collectors.toSet()));
    }

    private static boolean watching(String namespace, String metric, Object dimensionValue) {
        return alarms.values().stream().anyMatch(alarm -> namespace.equals(alarm.get("Namespace"))
                && metric.equals(alarm.get("MetricName"))
                && alarm.get("Dimensions").toString().contains(dimensionValue.toString()));
    }
}
