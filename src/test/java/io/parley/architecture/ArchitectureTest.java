package io.parley.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.parley.ParleyConfig;
import io.parley.PlatformSelection;
import io.parley.storage.selection.StoreSelection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package arrows of DESIGN.md, checked on the compiled classes: they run one way (api -> video <- vonage |
 * embedded; the media router depends on nothing above it), and only the Vonage adapter knows the Vonage SDK.
 */
class ArchitectureTest {

    static JavaClasses parley;

    @BeforeAll
    static void importClasses() {
        parley = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.parley");
    }

    @Test
    void packagesHaveNoCycles() {
        ArchRule rule = slices().matching("io.parley.(**)").should().beFreeOfCycles();
        rule.check(parley);
    }

    @Test
    void theApiKnowsOnlyThePort() {
        noClasses().that().resideInAPackage("io.parley.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.parley.embedded..", "io.parley.vonage..")
                .check(parley);
    }

    @Test
    void theMediaRouterDependsOnNothingAboveIt() {
        noClasses().that().resideInAPackage("io.parley.embedded.media..")
                .should().dependOnClassesThat().resideInAnyPackage("io.parley.embedded.signaling..",
                        "io.parley.embedded.recording..", "io.parley.embedded.archives..",
                        "io.parley.embedded.sessions..", "io.parley.api..", "io.parley.vonage..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.parley.ParleyConfig")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.parley.embedded.EmbeddedVideoPlatform")
                .check(parley);
    }

    @Test
    void theEmbeddedPartsDoNotReachUpToTheFacade() {
        noClasses().that().resideInAPackage("io.parley.embedded.(*)..")
                .should().dependOnClassesThat().resideInAPackage("io.parley.embedded")
                .check(parley);
    }

    @Test
    void recordingAndArchivesDoNotKnowSignaling() {
        noClasses().that().resideInAnyPackage("io.parley.embedded.recording..", "io.parley.embedded.archives..",
                        "io.parley.embedded.broadcasts..")
                .should().dependOnClassesThat().resideInAPackage("io.parley.embedded.signaling..")
                .check(parley);
    }

    @Test
    void theNodeMapKnowsNoPlatform() {
        noClasses().that().resideInAPackage("io.parley.nodes..")
                .should().dependOnClassesThat().resideInAnyPackage("io.parley.embedded..", "io.parley.vonage..",
                        "io.parley.storage..")
                .because("placement is the same whatever carries the media and wherever the map is kept")
                .check(parley);
    }

    @Test
    void onlyTheVonageAdapterImportsTheVonageSdk() {
        noClasses().that().resideOutsideOfPackage("io.parley.vonage..")
                .should().dependOnClassesThat().resideInAPackage("com.vonage..")
                .check(parley);
    }

    @Test
    void theDomainIsPlainJava() {
        noClasses().that().resideInAPackage("io.parley.video..")
                .should().dependOnClassesThat().resideInAnyPackage("io.parley.api..", "io.parley.embedded..",
                        "io.parley.vonage..", "io.vertx..", "io.quarkus..", "com.vonage..")
                .check(parley);
    }

    @Test
    void thePlatformIsDecidedInOnePlace() {
        noClasses().that().doNotHaveFullyQualifiedName(PlatformSelection.class.getName())
                .should().callMethod(ParleyConfig.class, "platform")
                .because("what belongs to one platform asks PlatformSelection, so the choice is made once")
                .check(parley);
    }

    @Test
    void theStoreIsDecidedInOnePlace() {
        noClasses().that().doNotHaveFullyQualifiedName(StoreSelection.class.getName())
                .should().callMethod(ParleyConfig.class, "store")
                .because("every store port is produced by StoreSelection, so files and PostgreSQL are never mixed")
                .check(parley);
        noClasses().that().resideOutsideOfPackages("io.parley.storage.postgres..", "io.parley.storage.selection..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.pgclient..",
                        "io.vertx.mutiny.sqlclient..", "io.vertx.mutiny.pgclient..", "org.flywaydb..")
                .because("SQL lives in the PostgreSQL stores only")
                .check(parley);
    }

    @Test
    void theMediaPathRunsOnItsOwnThreadNotVertx() {
        noClasses().that().resideInAPackage("io.parley.embedded.media..")
                .should().dependOnClassesThat().resideInAPackage("io.vertx..")
                .because("the media thread (MediaLoop) owns the socket; a Vert.x datagram socket allocated a "
                        + "receive-buffer-sized array per datagram")
                .check(parley);
    }
}
