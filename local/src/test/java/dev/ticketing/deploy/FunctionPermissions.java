package dev.ticketing.deploy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * THE list of what each function may do in AWS, in one place: template.yaml's roles must grant exactly this
 * ({@link LeastPrivilegeTest}), and what the code calls must be exactly the {@link #CODE} part ({@link FunctionCallsIT}
 * records every AWS call each function makes while the local stack runs a purchase, a release, a cancellation,
 * a refund and both kinds of expiry). A resource is named as in the template: {@code Table}, {@code Table/index/gsi1},
 * a queue's logical id, {@code LogGroup} for the function's own log group, {@code *} where AWS has no resource-level
 * permission.
 *
 * <p>DynamoDB transactions are authorized item by item (an Update inside TransactWriteItems needs
 * {@code dynamodb:UpdateItem}; there is no {@code dynamodb:TransactWriteItems} permission), and a paginated Query is
 * {@code dynamodb:Query} on the table or on the index it names.
 */
final class FunctionPermissions {
    /** One action on one resource. */
    record Grant(String action, String resource) {
        @Override
        public String toString() {
            return action + " on " + resource;
        }
    }

    static final String TABLE = "Table";
    static final String GSI1 = "Table/index/gsi1";
    static final String EXPIRY_INDEX = "Table/index/expiry";
    static final String RECONCILE_INDEX = "Table/index/reconcile";
    static final String DOOR_INDEX = "Table/index/door";
    static final String TABLE_STREAM = "Table/stream/*";
    static final String OWN_LOG_GROUP = "LogGroup";
    /** The sales exports: objects under exports/ of the exports bucket. */
    static final String EXPORTS = "ExportsBucket/exports/*";

    /** What each function's own code calls (through the AWS SDK). */
    static final Map<String, Set<Grant>> CODE = withAllocator(Map.of(
            "ApiFunction", grants(
                    on(TABLE, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                            "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem",
                            // a hold checks the free seats its not stranding anyone rests on (SeatItems.keepFree)
                            "dynamodb:ConditionCheckItem"),
                    on(GSI1, "dynamodb:Query"),
                    // the door list and check-in report read an event's tickets
                    on(DOOR_INDEX, "dynamodb:Query"),
                    // a big event's seats are asked of EventSeatsFunction
                    on("EventSeatsQueue", "sqs:SendMessage"),
                    // an event's best-available requests are asked of AllocatorFunction
                    on("AllocationQueue", "sqs:SendMessage"),
                    // a cancelled event's work starts on the event-cancellation queue
                    on("EventCancellationQueue", "sqs:SendMessage"),
                    // the sales export's multipart upload (create, parts, complete are all s3:PutObject), and its
                    // presigned link: S3 checks it against s3:GetObject of the role that signed it
                    on(EXPORTS, "s3:PutObject", "s3:GetObject")),
            "PaymentWebhookFunction", grants(
                    on("PaymentsQueue", "sqs:SendMessage")),
            "PaymentProcessorFunction", grants(
                    // a sale checks its event's sales gate (events.items.SalesGateItems); a sale refused reads its
                    // seats again (a BatchGetItem) to say why before the money goes back
                    on(TABLE, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                            "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem"),
                    // messages a batch has no time left for go back on the queue
                    on("PaymentsQueue", "sqs:SendMessage"),
                    // a sale's confirmation mail is queued after its commit
                    on("OrderMailQueue", "sqs:SendMessage")),
            // a sale it makes puts the order (a Put in the sale's transaction needs dynamodb:PutItem)
            "PaymentReconcileFunction", grants(
                    on(TABLE, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                            "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem"),
                    on(RECONCILE_INDEX, "dynamodb:Query"),
                    // a sale's confirmation mail, and the mail outbox's re-drive
                    on("OrderMailQueue", "sqs:SendMessage")),
            // a page of a cancelled event: its seats read, holds ended, payments failed or refunded, the page recorded;
            // the start queues the pages
            "EventCancellationFunction", grants(
                    on(TABLE, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                            "dynamodb:Query", "dynamodb:BatchGetItem"),
                    on("EventCancellationQueue", "sqs:SendMessage")),
            "HoldExpiryFunction", grants(
                    on(TABLE, "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query",
                            "dynamodb:BatchGetItem")),
            "ExpiredHoldSweepFunction", grants(
                    on(TABLE, "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query",
                            "dynamodb:BatchGetItem"),
                    on(EXPIRY_INDEX, "dynamodb:Query")),
            // the event item (claim, renew, finish, fail) and its seats in batches
            // the event, and on a venue's plan the plan's chunks (a Query), then the seats written in batches
            "EventSeatsFunction", grants(
                    on(TABLE, "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query", "dynamodb:BatchWriteItem")),
            // writes seat changes into the block items, conditionally, and reads nothing
            "SeatMapProjectionFunction", grants(
                    on(TABLE, "dynamodb:UpdateItem")),
            // the order (read, claimed, its send recorded), its event, its hold's tickets; a failed send's retry put off
            "OrderMailFunction", grants(
                    on(TABLE, "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query"),
                    on("OrderMailQueue", "sqs:ChangeMessageVisibility"))));

    /**
     * {@link #CODE} with AllocatorFunction's: the queue, the lease, the seats read and held, the answers
     * ({@code Map.of} takes ten entries at most).
     */
    private static Map<String, Set<Grant>> withAllocator(Map<String, Set<Grant>> others) {
        Map<String, Set<Grant>> all = new java.util.HashMap<>(others);
        all.put("AllocatorFunction", grants(
                on(TABLE, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                        "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem")));
        return Map.copyOf(all);
    }

    /** What Lambda itself does with a function's role: poll its event source, send what failed to a destination. */
    static final Map<String, Set<Grant>> SERVICE = Map.of(
            "PaymentProcessorFunction", grants(
                    on("PaymentsQueue", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")),
            "HoldExpiryFunction", grants(
                    on(TABLE_STREAM, "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                            "dynamodb:ListStreams"),
                    on("HoldExpiryDeadLetterQueue", "sqs:SendMessage")),
            "EventSeatsFunction", grants(
                    on("EventSeatsQueue", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")),
            "AllocatorFunction", grants(
                    on("AllocationQueue", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")),
            "EventCancellationFunction", grants(
                    on("EventCancellationQueue", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")),
            "OrderMailFunction", grants(
                    on("OrderMailQueue", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")),
            "SeatMapProjectionFunction", grants(
                    on(TABLE_STREAM, "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                            "dynamodb:ListStreams"),
                    on("SeatMapDeadLetterQueue", "sqs:SendMessage")));

    /**
     * Secrets the payment functions fetch at run time in AWS (PaymentSecretsPrefix: the secrets named by
     * PAYPAL_CLIENT_SECRET_NAME, CARD_CHECKOUT_API_KEY_NAME, CARD_CHECKOUT_WEBHOOK_SECRET_NAME). Never called
     * locally, where the values are passed directly, so {@link FunctionCallsIT} cannot see them.
     */
    static final String PAYMENT_SECRETS =
            "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${PaymentSecretsPrefix}*";
    /** The SES identity the stack sends its mails as (template.yaml MailIdentity). */
    static final String SES_IDENTITY = "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${MailIdentity}";
    static final Map<String, Set<Grant>> AWS_ONLY = Map.of(
            "ApiFunction", grants(on(PAYMENT_SECRETS, "secretsmanager:GetSecretValue"),
                    // the ticket-code key set (TICKET_KEYS_SECRET_NAME): locally the data folder's key set is passed
                    on("TicketKeysSecret", "secretsmanager:GetSecretValue"),
                    // a failed export's upload is aborted (no scenario here makes S3 fail)
                    on(EXPORTS, "s3:AbortMultipartUpload")),
            "PaymentWebhookFunction", grants(on(PAYMENT_SECRETS, "secretsmanager:GetSecretValue")),
            "PaymentProcessorFunction", grants(on(PAYMENT_SECRETS, "secretsmanager:GetSecretValue")),
            "PaymentReconcileFunction", grants(on(PAYMENT_SECRETS, "secretsmanager:GetSecretValue")),
            "EventCancellationFunction", grants(on(PAYMENT_SECRETS, "secretsmanager:GetSecretValue")),
            // SES (locally the mail goes to the stack's SMTP server), as the stack's identity only; the ticket-code keys
            "OrderMailFunction", grants(on(SES_IDENTITY, "ses:SendEmail"),
                    on("TicketKeysSecret", "secretsmanager:GetSecretValue")));

    /** What every function gets: its own log group, and X-Ray (which has no resource-level permissions). */
    static final Set<Grant> EVERY_FUNCTION = grants(
            on(OWN_LOG_GROUP, "logs:CreateLogStream", "logs:PutLogEvents"),
            on("*", "xray:PutTraceSegments", "xray:PutTelemetryRecords"));

    private FunctionPermissions() {
    }

    /** Everything the function's role must grant. */
    static Set<Grant> all(String function) {
        Set<Grant> all = new LinkedHashSet<>(CODE.getOrDefault(function, Set.of()));
        all.addAll(SERVICE.getOrDefault(function, Set.of()));
        all.addAll(AWS_ONLY.getOrDefault(function, Set.of()));
        all.addAll(EVERY_FUNCTION);
        return all;
    }

    static Map<String, Set<Grant>> byFunction() {
        Map<String, Set<Grant>> all = new LinkedHashMap<>();
        CODE.keySet().stream().sorted().forEach(function -> all.put(function, all(function)));
        return all;
    }

    private static List<Grant> on(String resource, String... actions) {
        return java.util.Arrays.stream(actions).map(action -> new Grant(action, resource)).toList();
    }

    @SafeVarargs
    private static Set<Grant> grants(List<Grant>... groups) {
        Set<Grant> grants = new LinkedHashSet<>();
        for (List<Grant> group : groups) {
            grants.addAll(group);
        }
        return Set.copyOf(grants);
    }
}
