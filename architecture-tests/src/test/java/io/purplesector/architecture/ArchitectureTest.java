package io.purplesector.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep the tree in order as collectors are added, checked with ArchUnit on the
 * compiled classes of every module (ArchUnit rather than Spring Modulith's verifier: the
 * boundaries here are Maven modules, each with its own application, which Modulith's model of one
 * application with modules as packages does not describe) and on the modules' POMs.
 */
class ArchitectureTest {

    /** Each deployable service's root package. */
    private static final Map<String, String> SERVICES = Map.of(
            "collector-ac", "io.purplesector.collector.ac..",
            "collector-acc", "io.purplesector.collector.acc..",
            "collector-demo", "io.purplesector.collector.demo..",
            "bridge-service", "io.purplesector.bridge..",
            "db-consumer-service", "io.purplesector.dbconsumer..",
            "kafka-setup", "io.purplesector.kafkasetup..");

    /** The libraries: what services share. */
    private static final String[] LIBRARIES = {"io.purplesector.telemetry.proto..", "io.purplesector.service..",
        "io.purplesector.collector.publish..", "io.purplesector.collector.capture..",
        "io.purplesector.collector.replay..", "io.purplesector.collector.plausibility..",
        "io.purplesector.carmodel..", "io.purplesector.testsupport.."};

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.purplesector");

    @Test
    void everyModuleIsImported() {
        assertThat(CLASSES.stream().map(c -> c.getPackageName()))
                .anyMatch(p -> p.startsWith("io.purplesector.collector.ac"))
                .anyMatch(p -> p.startsWith("io.purplesector.bridge"))
                .anyMatch(p -> p.startsWith("io.purplesector.carmodel.drive"))
                .anyMatch(p -> p.startsWith("io.purplesector.collector.capture"));
    }

    @Test
    void noServiceUsesAnotherServicesClasses() {
        SERVICES.forEach((service, root) -> noClasses()
                .that().resideOutsideOfPackage(root)
                .should().dependOnClassesThat().resideInAPackage(root)
                .as("no class outside " + service + " uses its classes")
                .allowEmptyShould(true)
                .check(CLASSES));
    }

    @Test
    void librariesUseNoService() {
        noClasses().that().resideInAnyPackage(LIBRARIES)
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES.values().toArray(String[]::new))
                .check(CLASSES);
    }

    @Test
    void protocolDecodersAndCapturesUseNeitherSpringNorKafka() {
        noClasses().that().resideInAnyPackage("..protocol..", "io.purplesector.collector.capture..",
                        "io.purplesector.collector.acc.sharedmemory..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "io.micrometer..")
                .check(CLASSES);
    }

    @Test
    void theCarModelKnowsNoGameFormatNorFramework() {
        noClasses().that().resideInAnyPackage("io.purplesector.carmodel.track..", "io.purplesector.carmodel.driver..",
                        "io.purplesector.carmodel.drive..")
                .should().dependOnClassesThat().resideInAnyPackage("io.purplesector.telemetry..", "com.google.protobuf..",
                        "org.springframework..", "org.apache.kafka..")
                .check(CLASSES);
    }

    @Test
    void theFeaturePackagesOfEachServiceDependOnEachOtherWithoutCycles() {
        for (String root : List.of("io.purplesector.collector.ac.(*)..", "io.purplesector.collector.demo.(*)..",
                "io.purplesector.bridge.(*)..", "io.purplesector.dbconsumer.(*)..", "io.purplesector.carmodel.(*)..",
                "io.purplesector.collector.(*)..")) {
            slices().matching(root).should().beFreeOfCycles().check(CLASSES);
        }
    }

    @Test
    void noDeployableServiceDependsOnAnother() {
        assertThat(ModulePoms.read(ModulePoms.repositoryRoot()).serviceDependencies())
                .as("dependencies of a deployable service on another's classes (a <type>pom</type> dependency, which"
                        + " only orders the build, is allowed)")
                .isEmpty();
    }
}
