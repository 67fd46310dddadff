package io.tickcast.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the main code, checked on the bytecode (fully qualified uses count):
 *
 * <pre>
 *  cli ──▶ runtime, backtest, report, synth, csv, http ──▶ stream, metrics, serde ──▶ config ──▶ model, stats
 * </pre>
 *
 * The math packages see only their libraries and the JDK; the topology never sees the command line,
 * the application around it or the HTTP server.
 */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tickcast");

    /** The packages around the topology: commands, the application, the offline tools, the HTTP server. */
    private static final String[] OUTER = {"io.tickcast.cli..", "io.tickcast.runtime..", "io.tickcast.backtest..",
            "io.tickcast.report..", "io.tickcast.synth..", "io.tickcast.csv..", "io.tickcast.http.."};

    @Test
    void noPackageCycles() {
        slices().matching("io.tickcast.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theLstmEngineImportsNothingOfOursAndNoKafkaOrJackson() {
        importsNothingOfOursAndNoKafkaOrJackson("io.tickcast.model..");
    }

    @Test
    void theStatisticsImportNothingOfOursAndNoKafkaOrJackson() {
        importsNothingOfOursAndNoKafkaOrJackson("io.tickcast.stats..");
    }

    @Test
    void theForecastingMathImportsNothingOfOursAndNoKafkaOrJackson() {
        importsNothingOfOursAndNoKafkaOrJackson("io.tickcast.forecast..");
    }

    @Test
    void theForecastingMathImportsOnlyHipparchusAndTheJdk() {
        classes().that().resideInAPackage("io.tickcast.forecast..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.tickcast.forecast..", "org.hipparchus..", "java..")
                .check(MAIN);
    }

    private static void importsNothingOfOursAndNoKafkaOrJackson(String pkg) {
        noClasses().that().resideInAPackage(pkg)
                .should().dependOnClassesThat(resideInAPackage("io.tickcast..").and(not(resideInAPackage(pkg))))
                .orShould().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "com.fasterxml..")
                .check(MAIN);
    }

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
    void theTopologyDoesNotDependOnTheCommandLineTheApplicationOrHttp() {
        noClasses().that().resideInAnyPackage("io.tickcast.stream..", "io.tickcast.serde..", "io.tickcast.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage(OUTER)
                .orShould().dependOnClassesThat().resideInAnyPackage("picocli..")
                .check(MAIN);
    }

    @Test
    void theConfigurationSeesOnlyTheDomainSettingsItMapsTo() {
        noClasses().that().resideInAPackage("io.tickcast.config..")
                .should().dependOnClassesThat(resideInAPackage("io.tickcast..")
                        .and(not(resideInAnyPackage("io.tickcast.config..", "io.tickcast.model..", "io.tickcast.stats.."))))
                .check(MAIN);
    }

    @Test
    void onlyTheCommandLineUsesPicocliAndNothingImportsIt() {
        noClasses().that().resideOutsideOfPackage("io.tickcast.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tickcast.cli..", "picocli..")
                .check(MAIN);
    }
}
