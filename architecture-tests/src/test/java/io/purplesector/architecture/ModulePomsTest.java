package io.purplesector.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The POM rule itself can fail: a service that depends on another's jar is found, in any scope. */
class ModulePomsTest {

    @TempDir
    Path root;

    @Test
    void findsAServiceThatDependsOnAnothersClassesButNotOnItsPom() throws IOException {
        Files.writeString(root.resolve("pom.xml"), """
                <project><modules><module>a</module><module>b</module><module>lib</module></modules></project>""");
        service("a", """
                <dependency><groupId>io.purplesector</groupId><artifactId>b</artifactId><scope>test</scope></dependency>
                <dependency><groupId>io.purplesector</groupId><artifactId>lib</artifactId></dependency>""");
        service("b", """
                <dependency><groupId>io.purplesector</groupId><artifactId>a</artifactId><type>pom</type></dependency>""");
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("lib/pom.xml"), "<project/>");

        ModulePoms poms = ModulePoms.read(root);

        assertThat(poms.deployable()).containsExactlyInAnyOrder("a", "b");
        assertThat(poms.serviceDependencies()).containsExactly(new ModulePoms.Dependency("a", "b", "test", "jar"));
    }

    private void service(String name, String dependencies) throws IOException {
        Files.createDirectories(root.resolve(name).resolve("src/main/resources"));
        Files.writeString(root.resolve(name).resolve("src/main/resources/application.yml"), "");
        Files.writeString(root.resolve(name).resolve("pom.xml"),
                "<project><dependencies>" + dependencies + "</dependencies></project>");
    }
}
