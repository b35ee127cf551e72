package dev.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.local.template.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml in the shape {@code sam build} needs. The SAM CLI builds a function with the Makefile workflow when its
 * {@code Metadata} says {@code BuildMethod: makefile}: it runs {@code make build-<LogicalId>} in the function's
 * {@code CodeUri} folder and deploys what the target leaves in {@code ARTIFACTS_DIR}. Without it, a Java function's
 * {@code CodeUri} must be a Maven or Gradle project folder (a jar is not one: {@code sam build} fails on it), so each
 * function here is tied to the root Makefile and that to the module holding its handler.
 */
class LambdaBuildTest {
    private static SamTemplate template;
    private static LambdaBuild build;

    @BeforeAll
    static void read() throws Exception {
        template = SamTemplate.parse(Files.newInputStream(Path.of("../template.yaml")));
        build = LambdaBuild.read(Path.of(".."));
    }

    @Test
    void everyFunctionIsBuiltByTheRootMakefile() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) template.document().get("Resources");
        @SuppressWarnings("unchecked")
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) template.document().get("Globals")).get("Function");
        template.resources("AWS::Serverless::Function").forEach((id, properties) -> {
            assertThat(resources.get(id).get("Metadata")).as(id + " Metadata").isEqualTo(Map.of("BuildMethod", "makefile"));
            assertThat(properties.getOrDefault("CodeUri", globals.get("CodeUri"))).as(id + " CodeUri").isEqualTo(".");
        });
        assertThat(Path.of("../Makefile")).isRegularFile();
    }

    @Test
    void eachFunctionsTargetShipsTheJarOfTheModuleThatHoldsItsHandler() {
        template.functions().forEach(function -> {
            LambdaBuild.Target target = build.target(function.id()).orElseThrow(
                    () -> new AssertionError("the Makefile names no jar JAR_" + function.id() + " for sam build's make build-" + function.id()));
            String handlerClass = function.handler().split("::")[0];
            Path source = Path.of("..", target.module(), "src/main/java", handlerClass.replace('.', '/') + ".java");
            assertThat(source).as(function.id() + "'s handler in " + target.module()).isRegularFile();
            assertThat(target.destination()).as(function.id() + ": the Lambda Java runtime's class path is /var/task/lib/*.jar")
                    .isEqualTo("\"$(ARTIFACTS_DIR)/lib/\"");
            assertThat(build.mavenModules()).as("the modules Maven builds for sam build").contains(target.module());
        });
    }

    @Test
    void theJarATargetCopiesIsTheOneItsModuleBuilds() throws Exception {
        for (LambdaBuild.Target target : build.targets()) {
            String pom = Files.readString(Path.of("..", target.module(), "pom.xml"));
            assertThat(pom).as(target.module() + "/pom.xml").contains(
                    "<outputFile>${project.build.directory}/" + Path.of(target.jar()).getFileName() + "</outputFile>");
        }
    }

    @Test
    void makeReadsTheMakefileAndPlansEveryTarget() throws Exception {
        List<String> functionIds = template.functions().stream().map(SamTemplate.Function::id).toList();
        // a dry run (-n) only plans: it shows that make parses the file and knows each target, and runs nothing
        LambdaBuild.DryRun run = build.dryRun(functionIds);
        org.junit.jupiter.api.Assumptions.assumeTrue(run.makeFound(), "no make on this machine");
        assertThat(run.exitCode()).as(run.output()).isZero();
        for (LambdaBuild.Target target : build.targets()) {
            assertThat(run.output()).contains("cp " + target.jar() + " \"/artifacts/lib/\"");
        }
    }
}
