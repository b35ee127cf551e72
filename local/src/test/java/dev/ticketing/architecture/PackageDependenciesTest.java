package dev.ticketing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies between packages point one way (docs/architecture.md draws them): no package cycle anywhere, the
 * functions depend on shared and never on each other, and nothing depends on the local system. Checked on the
 * compiled classes of every module (this module's test class path holds them all), with ArchUnit.
 */
class PackageDependenciesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ProductionClasses.imported();
    }

    @Test
    void theClassesOfEveryModuleAreChecked() {
        // a rule over no classes passes vacuously: make sure shared, each function and the local system are here
        for (String name : new String[]{"dev.ticketing.holds.transaction.SeatHolder", "dev.ticketing.api.holds.HoldsController",
                "dev.ticketing.paymentwebhook.PaymentWebhookHandler",
                "dev.ticketing.paymentprocessor.PaymentProcessorHandler",
                "dev.ticketing.holdexpiry.ExpiredHoldSweepHandler", "dev.ticketing.lambda.InvocationContextFactory",
                "dev.ticketing.seatmap.SeatMapProjectionHandler",
                "dev.ticketing.local.LocalSystem"}) {
            org.assertj.core.api.Assertions.assertThat(classes.contain(name)).as(name).isTrue();
        }
    }

    @Test
    void noPackageIsPartOfACycle() {
        // every package is a slice of its own, so payments -> payments.gateway -> payments is a cycle too
        slices().matching("dev.ticketing.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void sharedDependsOnNoFunctionAndNotOnTheLocalSystem() {
        noClasses().that().resideInAnyPackage(SharedPackages.ALL)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.ticketing.api..", "dev.ticketing.paymentwebhook..", "dev.ticketing.paymentprocessor..",
                        "dev.ticketing.holdexpiry..", "dev.ticketing.seatmap..", "dev.ticketing.local..", "dev.ticketing.bench..")
                .check(classes);
    }

    @Test
    void functionsDoNotDependOnEachOtherNorOnTheLocalSystem() {
        String[][] functions = {
                {"dev.ticketing.api.."},
                {"dev.ticketing.paymentwebhook.."},
                {"dev.ticketing.paymentprocessor.."},
                {"dev.ticketing.holdexpiry.."},
                {"dev.ticketing.seatmap.."}};
        for (String[] function : functions) {
            for (String[] other : functions) {
                if (other != function) {
                    noClasses().that().resideInAnyPackage(function)
                            .should().dependOnClassesThat().resideInAnyPackage(other)
                            .check(classes);
                }
            }
            noClasses().that().resideInAnyPackage(function)
                    .should().dependOnClassesThat().resideInAnyPackage("dev.ticketing.local..", "dev.ticketing.bench..")
                    .check(classes);
        }
    }

    @Test
    void lambdaSupportDependsOnNoOtherPartOfTheSystem() {
        // the library every function's handler builds on: every function uses it, so it must use none of them (nor
        // shared: it carries Lambda types, shared has none);
        // libraries only: Micronaut, Lambda's, CRaC's hooks for SnapStart, SLF4J
        noClasses().that().resideInAPackage("dev.ticketing.lambda..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.ticketing.lambda..", "java..", "jakarta..",
                        "io.micronaut..", "com.amazonaws..", "org.crac..", "org.slf4j..")
                .check(classes);
    }

    /** The packages of the shared module. */
    private static final class SharedPackages {
        static final String[] ALL = {
                "dev.ticketing.audit..", "dev.ticketing.config..", "dev.ticketing.events..", "dev.ticketing.holds..", "dev.ticketing.idempotency..",
                "dev.ticketing.identity..", "dev.ticketing.logging..", "dev.ticketing.metrics..",
                "dev.ticketing.payments..", "dev.ticketing.problems..", "dev.ticketing.seats..", "dev.ticketing.store..", "dev.ticketing.tickets.."};
    }
}
