package dev.ticketing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rooms of each aggregate in shared (docs/architecture.md): use cases named as verbs at the aggregate's root,
 * values in {@code model}, item owners ({@code *Items}) and readers in {@code items}. Checked on the compiled classes
 * with ArchUnit, so a class that lands in the wrong room, or a handler that writes items itself, fails the build.
 */
class RoomsTest {
    /** The aggregates of shared that have use cases at their root. */
    private static final String[] USE_CASES = {
            "dev.ticketing.audit", "dev.ticketing.events", "dev.ticketing.holds", "dev.ticketing.payments", "dev.ticketing.tickets",
            "dev.ticketing.orders", "dev.ticketing.admission", "dev.ticketing.venues"};
    /** Everything outside shared that runs in production: the functions and the local system. */
    private static final String[] OUTSIDE_SHARED = {
            "dev.ticketing.api..", "dev.ticketing.paymentwebhook..", "dev.ticketing.paymentprocessor..",
            "dev.ticketing.holdexpiry..", "dev.ticketing.seatmap..", "dev.ticketing.eventseats..", "dev.ticketing.allocator..",
            "dev.ticketing.local.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ProductionClasses.imported();
    }

    @Test
    void valuesDependOnNoUseCaseNorOwner() {
        // a value is what everyone passes around: it must not drag storage or a use case in with it
        noClasses().that().resideInAPackage("dev.ticketing.(*).model..")
                .should().dependOnClassesThat().resideInAnyPackage(USE_CASES)
                .orShould().dependOnClassesThat().resideInAnyPackage("..items..", "..transaction..", "..allocation..",
                        "dev.ticketing.store..")
                .check(classes);
    }

    @Test
    void ownersAndReadersDependOnNoUseCase() {
        noClasses().that().resideInAPackage("..items..")
                .should().dependOnClassesThat().resideInAnyPackage(USE_CASES)
                .check(classes);
    }

    @Test
    void itemOwnersLiveInAnItemsRoomAndOnlyThere() {
        classes().that().haveSimpleNameEndingWith("Items").and().resideInAPackage("dev.ticketing..")
                .should().resideInAPackage("..items..").orShould().resideInAPackage("dev.ticketing.idempotency")
                .check(classes);
        noClasses().that().resideInAPackage("..items..").and().haveSimpleNameEndingWith("Items")
                .should().beAnnotatedWith(jakarta.inject.Singleton.class)
                .because("item owners are stateless, built by the use case that writes with them")
                .check(classes);
    }

    @Test
    void useCasesDoNotCallEachOthersOwners() {
        // An item owner is built and called by the use cases (and the transaction and readers) of shared; a
        // function or the local system goes through a use case or a reader, never writes an item itself.
        noClasses().that().resideInAnyPackage(OUTSIDE_SHARED)
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Items")
                .check(classes);
        // and an owner holds no other owner: it builds the writes of its own items. Reading another's item format
        // (a static key or parser) is allowed, as one partition holds several kinds: a hold with its tickets, the
        // allocator's queue under its lease.
        noFields().that().areDeclaredInClassesThat().haveSimpleNameEndingWith("Items")
                .should().haveRawType(DescribedPredicate.describe("an item owner",
                        (JavaClass type) -> type.getSimpleName().endsWith("Items")))
                .check(classes);
    }
}
