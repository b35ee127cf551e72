package dev.ticketing.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root Makefile as {@code sam build} uses it: the {@code build-%} rule, which copies the jar
 * {@code JAR_<FunctionLogicalId>} names ({@code functions/<module>/target/<jar>}) into the artifact, and the Maven
 * modules built before. Read from the file's text; {@link #dryRun} asks make itself.
 */
public final class LambdaBuild {
    /** A function's target: the jar it ships, the module that builds it, and where the copy goes. */
    public record Target(String functionId, String jar, String destination) {
        /** {@code functions/api} for {@code functions/api/target/ticketing-api.jar}. */
        public String module() {
            return jar.substring(0, jar.indexOf("/target/"));
        }
    }

    /** What {@code make -n} printed, and whether there was a make to ask. */
    record DryRun(boolean makeFound, int exitCode, String output) {
    }

    private static final Pattern TARGET = Pattern.compile("(?m)^JAR_(\\w+) := (.+)$");
    private static final Pattern COPY = Pattern.compile("(?m)^\\tcp \\$\\(JAR_\\$\\*\\) (.+)$");
    private static final Pattern MODULES = Pattern.compile("(?m)^FUNCTION_MODULES := (.+)$");

    private final Path repository;
    private final Map<String, Target> targets;
    private final List<String> mavenModules;

    private LambdaBuild(Path repository, Map<String, Target> targets, List<String> mavenModules) {
        this.repository = repository;
        this.targets = targets;
        this.mavenModules = mavenModules;
    }

    /** The Makefile at the root of {@code repository}. */
    public static LambdaBuild read(Path repository) throws IOException {
        String makefile = Files.readString(repository.resolve("Makefile"));
        Matcher copy = COPY.matcher(makefile);
        String destination = copy.find() ? copy.group(1).trim() : "";
        Map<String, Target> targets = new LinkedHashMap<>();
        Matcher target = TARGET.matcher(makefile);
        while (target.find()) {
            targets.put(target.group(1), new Target(target.group(1), target.group(2).trim(), destination));
        }
        Matcher modules = MODULES.matcher(makefile);
        return new LambdaBuild(repository, targets,
                modules.find() ? List.of(modules.group(1).trim().split(",")) : List.of());
    }

    public Optional<Target> target(String functionId) {
        return Optional.ofNullable(targets.get(functionId));
    }

    public List<Target> targets() {
        return List.copyOf(targets.values());
    }

    List<String> mavenModules() {
        return mavenModules;
    }

    /** {@code make -n build-<id>...} with {@code ARTIFACTS_DIR=/artifacts}: plans the targets and runs nothing. */
    DryRun dryRun(List<String> functionIds) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("make", "-n", "ARTIFACTS_DIR=/artifacts"));
        functionIds.forEach(id -> command.add("build-" + id));
        Process make;
        try {
            make = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true).start();
        } catch (IOException noMake) {
            return new DryRun(false, -1, noMake.getMessage());
        }
        try {
            String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!make.waitFor(60, TimeUnit.SECONDS)) {
                make.destroyForcibly();
                return new DryRun(true, -1, output + "\n(make -n did not finish in 60 s)");
            }
            return new DryRun(true, make.exitValue(), output);
        } catch (IOException e) {
            return new DryRun(true, -1, e.getMessage());
        }
    }
}
