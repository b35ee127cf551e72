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
    void eachFunctionsErrorRateAndThrottlesAreWatched() {
        for (String function : template.resources("AWS::Serverless::Function").keySet()) {
            assertThat(watching("AWS/Lambda", "Throttles", Map.of("Ref", function))).as(function + " Throttles").isTrue();
            Map<String, Object> rate = alarms.get(function + "ErrorRateAlarm");
            assertThat(rate).as(function + "ErrorRateAlarm").isNotNull();
            String metrics = rate.get("Metrics").toString();
            assertThat(metrics).as(function).contains("MetricName=Errors", "MetricName=Invocations", "Ref=" + function + "}")
                    .contains("100 * errors / invocations");
            assertThat(rate).containsEntry("Threshold", Map.of("Ref", "FunctionErrorRatePercent"));
            assertThat((Integer) rate.get("DatapointsToAlarm")).as("one bad minute is not an alarm").isGreaterThan(1);
        }
        assertThat(alarms.values()).as("no alarm on a single error").noneMatch(alarm -> "Errors".equals(alarm.get("MetricName")));
    }

    @Test
    void everyQueueIsWatchedByTheAgeOfItsOldestMessageOrAsADeadLetterQueue() {
        Set<String> triggers = new HashSet<>();
        template.resources("AWS::Serverless::Function").values().forEach(function ->
                ((Map<?, ?>) function.getOrDefault("Events", Map.of())).values().forEach(event -> {
                    Map<?, ?> properties = (Map<?, ?>) ((Map<?, ?>) event).get("Properties");
                    if ("SQS".equals(((Map<?, ?>) event).get("Type"))) {
                        triggers.add((String) ((List<?>) ((Map<?, ?>) properties.get("Queue")).get("Fn::GetAtt")).get(0));
                    }
                }));
        assertThat(triggers).contains("PaymentsQueue", "EventSeatsQueue");
        for (String queue : template.resources("AWS::SQS::Queue").keySet()) {
            String metric = triggers.contains(queue) ? "ApproximateAgeOfOldestMessage" : "ApproximateNumberOfMessagesVisible";
            assertThat(watching("AWS/SQS", metric, Map.of("Fn::GetAtt", List.of(queue, "QueueName")))).as(queue + " " + metric).isTrue();
        }
    }

    @Test
    void throttlingOfTheTableAndOfEachIndexAndTheAccountsConcurrencyAreWatched() {
        String throttling = alarms.get("TableThrottlingAlarm").get("Metrics").toString();
        assertThat(throttling).contains("MetricName=ReadThrottleEvents, Dimensions=[{Name=TableName, Value={Ref=Table}}]")
                .contains("MetricName=WriteThrottleEvents, Dimensions=[{Name=TableName, Value={Ref=Table}}]");
        for (String index : indexes()) {
            for (String metric : List.of("ReadThrottleEvents", "WriteThrottleEvents")) {
                assertThat(throttling).as(index + " " + metric).contains("MetricName=" + metric
                        + ", Dimensions=[{Name=TableName, Value={Ref=Table}}, {Name=GlobalSecondaryIndexName, Value=" + index + "}]");
            }
        }
        Map<String, Object> concurrency = alarms.get("AccountConcurrencyAlarm");
        assertThat(concurrency).containsEntry("MetricName", "ConcurrentExecutions").doesNotContainKey("Dimensions")
                .containsEntry("Threshold", Map.of("Ref", "ConcurrencyAlarmThreshold"));
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
    void aFailedFirstCreateLeavesNoTableAndNeitherAStackDeletionNorAReplacementDeletesTheSoldTickets() {
        @SuppressWarnings("unchecked")
        Map<String, Object> table = ((Map<String, Map<String, Object>>) template.document().get("Resources")).get("Table");
        // CloudFormation: RetainExceptOnCreate deletes only when the operation that created the table rolls back
        assertThat(table).containsEntry("DeletionPolicy", "RetainExceptOnCreate").containsEntry("UpdateReplacePolicy", "Retain");
        // unprotected by default: a protected table would make that rollback's delete fail and be left behind
        assertThat(template.resources("AWS::DynamoDB::Table").get("Table"))
                .containsEntry("DeletionProtectionEnabled", Map.of("Fn::If", List.of("TableProtected", true, false)));
        assertThat(((Map<?, ?>) template.document().get("Conditions")).get("TableProtected"))
                .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "TableDeletionProtection"), "true")));
        assertThat(template.parameterDefaults()).containsEntry("TableDeletionProtection", "false");
    }

    @Test
    void theTableIsWarmedFromParameters() {
        Map<String, Object> warm = Map.of("ReadUnitsPerSecond", Map.of("Ref", "TableWarmReadUnitsPerSecond"),
                "WriteUnitsPerSecond", Map.of("Ref", "TableWarmWriteUnitsPerSecond"));
        assertThat(template.resources("AWS::DynamoDB::Table").get("Table")).containsEntry("WarmThroughput", warm);
        assertThat(template.parameterDefaults()).containsEntry("TableWarmReadUnitsPerSecond", 12000)
                .containsEntry("TableWarmWriteUnitsPerSecond", 4000);
    }

    @Test
    void accountWideNamesCarryTheRegionSoTheStackCanBeDeployedInAnotherRegion() {
        for (String type : List.of("AWS::CloudFront::CachePolicy", "AWS::CloudFront::OriginRequestPolicy",
                "AWS::CloudFront::ResponseHeadersPolicy")) {
            template.resources(type).forEach((id, properties) -> assertThat(properties.values().iterator().next().toString())
                    .as(id).contains("Name={Fn::Sub=${AWS::StackName}-${AWS::Region}"));
        }
        assertThat(template.resources("AWS::CloudWatch::Dashboard").get("Dashboard").get("DashboardName").toString())
                .contains("${AWS::Region}");
    }

    @Test
    void theDashboardShowsEveryFunctionAndEveryIndex() throws Exception {
        Map<String, Object> dashboard = template.resources("AWS::CloudWatch::Dashboard").get("Dashboard");
        JsonNode body = JSON.readTree((String) ((Map<?, ?>) dashboard.get("DashboardBody")).get("Fn::Sub"));
        Map<String, Set<String>> functionsByMetric = new java.util.HashMap<>();
        Set<String> throttledIndexes = new HashSet<>();
        body.get("widgets").forEach(widget -> widget.path("properties").path("metrics").forEach(metric -> {
            if ("AWS/Lambda".equals(metric.get(0).asText()) && "FunctionName".equals(metric.get(2).asText())) {
                functionsByMetric.computeIfAbsent(metric.get(1).asText(), k -> new HashSet<>())
                        .add(metric.get(3).asText().replaceAll("[${}]", ""));
            }
            if ("AWS/DynamoDB".equals(metric.get(0).asText()) && metric.size() > 5 && "GlobalSecondaryIndexName".equals(metric.get(4).asText())) {
                throttledIndexes.add(metric.get(5).asText());
            }
        }));
        for (String metric : List.of("Errors", "Throttles", "Duration")) {
            assertThat(functionsByMetric.get(metric)).as(metric).containsAll(template.resources("AWS::Serverless::Function").keySet());
        }
        assertThat(throttledIndexes).containsAll(indexes());
    }

    private static List<String> indexes() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> indexes = (List<Map<String, Object>>) template.resources("AWS::DynamoDB::Table").get("Table").get("GlobalSecondaryIndexes");
        return indexes.stream().map(index -> (String) index.get("IndexName")).toList();
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
