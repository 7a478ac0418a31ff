package dev.ticketrush.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The house rules a reader relies on: features in their own rooms, HTTP only at the door, plumbing below both. */
class ArchitectureTest {

    private static final String[] FEATURES = {"..server.asyncsale..", "..server.concert..", "..server.health..", "..server.reservation..",
            "..server.user..", "..server.waitingroom..", "..server.metrics..", "..server.operator..", "..server.pages.."};

    private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ticketrush.server");

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("dev.ticketrush.server.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyRoutesUseTheHttpPackage() {
        noClasses().that().resideInAnyPackage(FEATURES).and().haveNameNotMatching(".*Routes(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("..server.http..").check(classes);
    }

    @Test
    void httpAndInfraKnowNoFeature() {
        noClasses().that().resideInAnyPackage("..server.http..", "..server.infra..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES).check(classes);
    }

    @Test
    void theServerShipsNoEmbeddedService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.ticketrush.embedded..", "io.zonky..", "redis.embedded..", "kafka..")
                .check(classes);
    }
}
