package dev.ticketing.endtoend.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.local.LocalSystem;
import dev.ticketing.local.check.TableCheck;
import dev.ticketing.local.check.Violation;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table checker compares each event's sales report with its own count (issue 21, item 6;
 * docs/local-stack.md#checking-a-table): after sales, a hold, a block and a comp it finds nothing; a sold seat whose
 * item says comp while its hold was paid makes the report differ from the table, and the checker says so. On a stack
 * of its own: the checker reads the whole table.
 */
class SalesReportCheckIT {
    private static LocalSystem stack;
    private static Api api;
    private static PaymentsApi payments;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.startOwn(Clock.systemUTC());
        api = new Api(stack);
        payments = new PaymentsApi(api, stack);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theCheckerFindsTheReportEqualToTheTableAndSaysWhenItIsNot() {
        String event = api.createEvent(3, 4);
        String alice = api.newUser("alice");
        payments.sellWithPayPal(payments.hold(event, alice, "1-1", "1-2"), alice);
        payments.hold(event, api.newUser("bob"), "2-1");
        String admin = api.admin();
        api.post("/events/" + event + "/blocks", admin, Map.of("seats", List.of("3-3", "3-4")));
        api.post("/events/" + event + "/comps", admin, Map.of("seats", List.of("3-4"), "userId", "guest"));

        assertThat(check()).isEmpty();

        // storage says 1-1 is a comp, while the hold that bought it was paid: the report counts it as a comp
        stack.dynamoDb().updateItem(b -> b.tableName(stack.ref("Table"))
                .key(Map.of("pk", AttributeValue.fromS(SeatItems.partition(event, 0)),
                        "sk", AttributeValue.fromS(SeatItems.sortKey(new SeatId(1, 1)))))
                .updateExpression("SET #comp = :yes").conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#comp", "comp"))
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));

        assertThat(check()).extracting(Violation::code).containsExactly("report-differs-from-table");
    }

    private static List<Violation> check() {
        return new TableCheck(stack.dynamoDb(), stack.ref("Table"), Clock.systemUTC()).run().violations();
    }
}
