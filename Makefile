# `sam build` runs one target per function: every function in template.yaml has `CodeUri: .` and
# `Metadata: BuildMethod: makefile`, so SAM runs `make build-<FunctionLogicalId>` here with ARTIFACTS_DIR set, and
# deploys what the target leaves there. Maven builds the function jars once (the stamp below is newer than every
# source, pom.xml and resource of the modules the functions are made of); each target then puts its function's
# shaded jar in ARTIFACTS_DIR/lib, which is on the Lambda Java runtime's class path (/var/task/lib/*.jar).
# LambdaBuildTest (local/src/test/java/dev/ticketing/deploy) keeps the template and this file in step.

MVN ?= mvn
FUNCTION_MODULES := functions/api,functions/payment-webhook,functions/payment-processor,functions/hold-expiry,functions/seat-map,functions/event-seats,functions/allocator
STAMP := target/sam-function-jars.stamp
SOURCES := pom.xml $(shell find shared lambda-support delivery functions -name target -prune -o -type f -print)

$(STAMP): $(SOURCES)
	$(MVN) -B -q -DskipTests package -pl $(FUNCTION_MODULES) -am
	mkdir -p $(dir $(STAMP))
	touch $(STAMP)

# Each function's jar (functions/<module>/target/ticketing-<module>.jar), by its logical id in template.yaml.
JAR_ApiFunction := functions/api/target/ticketing-api.jar
JAR_PaymentWebhookFunction := functions/payment-webhook/target/ticketing-payment-webhook.jar
JAR_PaymentProcessorFunction := functions/payment-processor/target/ticketing-payment-processor.jar
JAR_PaymentReconcileFunction := functions/payment-processor/target/ticketing-payment-processor.jar
JAR_HoldExpiryFunction := functions/hold-expiry/target/ticketing-hold-expiry.jar
JAR_ExpiredHoldSweepFunction := functions/hold-expiry/target/ticketing-hold-expiry.jar
JAR_SeatMapProjectionFunction := functions/seat-map/target/ticketing-seat-map.jar
JAR_EventSeatsFunction := functions/event-seats/target/ticketing-event-seats.jar
JAR_AllocatorFunction := functions/allocator/target/ticketing-allocator.jar
JAR_EventCancellationFunction := functions/payment-processor/target/ticketing-payment-processor.jar
JAR_OrderMailFunction := functions/payment-processor/target/ticketing-payment-processor.jar

build-%: $(STAMP)
	@test -n "$(JAR_$*)" || { echo "no JAR_$* in the Makefile: which jar is function $*?" >&2; exit 1; }
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(JAR_$*) "$(ARTIFACTS_DIR)/lib/"
