package io.tickcast.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The math packages never see Kafka, Jackson, Micrometer or logging: checked, not remembered. */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tickcast");

    @Test
    void theLstmEngineImportsOnlyEjmlAndTheJdk() {
        classes().that().resideInAPackage("io.tickcast.model..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.tickcast.model..", "org.ejml..", "java..")
                .check(MAIN);
    }

    @Test
    void theStatisticsImportOnlyEjmlHipparchusAndTheJdk() {
        classes().that().resideInAPackage("io.tickcast.stats..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.tickcast.stats..", "org.ejml..", "org.hipparchus..", "java..")
                .check(MAIN);
    }

    @Test
    void theTopologyDoesNotDependOnTheCommandLine() {
        noClasses().that().resideInAnyPackage("io.tickcast.stream..", "io.tickcast.serde..", "io.tickcast.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..")
                .check(MAIN);
    }
}
