package dev.ticketing.deploy;

import dev.ticketing.deploy.FunctionPermissions.Grant;
import dev.ticketing.logging.LogFields;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.MDC;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.s3.model.S3Request;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Records, for every AWS SDK call a function makes, the IAM permission AWS would check: registered for the whole
 * test JVM as a global SDK interceptor (src/test/resources/software/amazon/awssdk/global/handlers/execution.interceptors).
 * A call belongs to the function whose name is in the log field {@code function} (the handlers set it), or, when
 * made from a worker thread without it (SeatBatches's pool), to the function whose SDK client made it: each function
 * has clients of its own. Calls of clients no function ever used (the stack's set-up, the tests' reads) are left out.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {
    private static final Map<SdkClient, String> FUNCTION_OF_CLIENT = Collections.synchronizedMap(new IdentityHashMap<>());
    private static final Map<SdkClient, Set<Grant>> CALLS_OF_CLIENT = Collections.synchronizedMap(new IdentityHashMap<>());

    /** Function name -> the permissions its calls needed so far in this JVM. */
    static Map<String, Set<Grant>> calls() {
        Map<String, Set<Grant>> calls = new HashMap<>();
        synchronized (CALLS_OF_CLIENT) {
            CALLS_OF_CLIENT.forEach((client, grants) -> {
                String function = FUNCTION_OF_CLIENT.get(client);
                if (function != null) {
                    calls.computeIfAbsent(function, f -> new HashSet<>()).addAll(grants);
                }
            });
        }
        return calls;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkClient client = attributes.getAttribute(SdkInternalExecutionAttribute.SDK_CLIENT);
        String function = MDC.get(LogFields.FUNCTION);
        if (function != null) {
            FUNCTION_OF_CLIENT.put(client, function);
        }
        Set<Grant> calls = CALLS_OF_CLIENT.computeIfAbsent(client, c -> ConcurrentHashMap.newKeySet());
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkRequest request = context.request();
        if (request instanceof TransactWriteItemsRequest transaction) {
            for (TransactWriteItem item : transaction.transactItems()) {
                if (item.put() != null) {
                    calls.add(new Grant("dynamodb:PutItem", table(item.put().tableName())));
                }
                if (item.update() != null) {
                    calls.add(new Grant("dynamodb:UpdateItem", table(item.update().tableName())));
                }
                if (item.delete() != null) {
                    calls.add(new Grant("dynamodb:DeleteItem", table(item.delete().tableName())));
                }
                if (item.conditionCheck() != null) {
                    calls.add(new Grant("dynamodb:ConditionCheckItem", table(item.conditionCheck().tableName())));
                }
            }
        } else if (request instanceof QueryRequest query) {
            calls.add(new Grant("dynamodb:Query", index(query.tableName(), query.indexName())));
        } else if (request instanceof ScanRequest scan) {
            calls.add(new Grant("dynamodb:Scan", index(scan.tableName(), scan.indexName())));
        } else if (request instanceof SendMessageRequest send) {
            calls.add(new Grant("sqs:SendMessage", queue(send.queueUrl())));
        } else if (request instanceof ChangeMessageVisibilityRequest visibility) {
            calls.add(new Grant("sqs:ChangeMessageVisibility", queue(visibility.queueUrl())));
        } else if (request instanceof SendMessageBatchRequest batch) {
            // SQS authorizes SendMessageBatch as sqs:SendMessage (there is no action of its own)
            calls.add(new Grant("sqs:SendMessage", queue(batch.queueUrl())));
        } else if (request instanceof S3Request) {
            // a multipart upload's steps are all authorized as s3:PutObject on the object; a presigned GET (made
            // through the same interceptors) is checked by S3 as the signer's s3:GetObject
            String action = switch (operation) {
                case "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "PutObject" -> "s3:PutObject";
                default -> "s3:" + operation;
            };
            calls.add(new Grant(action, object(request.getValueForField("Bucket", String.class).orElse("?"),
                    request.getValueForField("Key", String.class).orElse("?"))));
        } else if (request instanceof DynamoDbRequest) {
            // GetItem, PutItem, UpdateItem, DeleteItem, BatchGetItem, BatchWriteItem: all on the one table
            calls.add(new Grant("dynamodb:" + operation, FunctionPermissions.TABLE));
        } else {
            calls.add(new Grant(service.toLowerCase(java.util.Locale.ROOT) + ":" + operation, "?"));
        }
    }

    private static String queue(String url) {
        return logicalId(url.substring(url.lastIndexOf('/') + 1));
    }

    /** {@code ticketing-exportsbucket}, {@code exports/e1/x.csv} -> ExportsBucket/exports/* (local bucket names are lower case). */
    private static String object(String bucket, String key) {
        String id = logicalId(bucket);
        String logical = FunctionPermissions.EXPORTS.substring(0, FunctionPermissions.EXPORTS.indexOf('/'));
        return (id.equalsIgnoreCase(logical) ? logical : id) + "/" + key.substring(0, key.indexOf('/') + 1) + "*";
    }

    private static String table(String name) {
        return logicalId(name);
    }

    private static String index(String table, String index) {
        return index == null ? table(table) : table(table) + "/index/" + index;
    }

    /** The local stack names resources {@code ticketing-<LogicalId>}. */
    private static String logicalId(String physicalName) {
        return physicalName.substring(physicalName.indexOf('-') + 1);
    }
}
