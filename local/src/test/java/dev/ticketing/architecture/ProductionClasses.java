package dev.ticketing.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The production classes of every module on this module's test class path, as the architecture tests read them. */
final class ProductionClasses {
    private ProductionClasses() {
    }

    static JavaClasses imported() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // shared's test fixtures come as a jar (shared-<version>-tests.jar), which the option above misses
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.ticketing");
    }
}
