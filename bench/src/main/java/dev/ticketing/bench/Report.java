package dev.ticketing.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code report [--quick] [--out FILE] [--only id,id]}: the whole benchmark report of issue 13 item 5 from ONE run,
 * written as one markdown file ({@link ReportMarkdown}); the lines are {@link ReportLines}.
 * <p>
 * Each line runs in its own fresh JVM: {@code java -jar} of this same jar with the benchmark's subcommand, started
 * from the repository root (the cold-start line reads {@code functions/} and {@code events/} of this checkout), its
 * output to {@code bench/target/report/<id>.out} and the local stack's logs to files by {@code logback-bench.xml}
 * (the same INFO lines and access log as the stack's console, so logging costs every line alike). The report reads
 * each line's {@link ResultLine} records from its output. Why a subcommand and not a script: the parsing and the
 * rendering are then plain Java, unit-tested ({@code ReportMarkdownTest}), with the benchmarks' own record format
 * on both sides, and it runs wherever the benchmarks run (no shell, no {@code awk}).
 * <ul>
 *   <li>{@code --quick}: short durations (6 minutes on a loaded 2-core machine), to try the report out; the file is
 *       marked as a trial and goes by default to {@code bench/target/report/<date>-report-trial.md}, where it is
 *       not committed;</li>
 *   <li>{@code --out FILE}: where to write it (default {@code bench/results/<UTC date>-report.md});</li>
 *   <li>{@code --only id,id}: only those lines (the file says it is partial).</li>
 * </ul>
 * A line that fails (exit code, its time limit of 20 minutes, 5 with {@code --quick}, or no record) is reported as
 * failed with the end of its output; the others still run. Exits 1 if any line failed.
 */
final class Report {
    static final String LOGGING = "logback-bench.xml";
    private static final String OUTPUT = "bench/target/report";

    private Report() {
    }

    static void run(String[] args) throws Exception {
        boolean quick = false;
        Path out = null;
        List<String> only = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("report [--quick] [--out FILE] [--only id,id]: not " + args[i]);
            }
        }
        Path jar = Path.of(Report.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        if (!Files.isRegularFile(jar) || jar.getParent() == null || jar.getParent().getParent() == null) {
            throw new IllegalStateException("run the report from the bench jar (java -jar bench/target/ticketing-bench.jar"
                    + " report), not from " + jar);
        }
        Path root = jar.getParent().getParent().getParent();
        if (!Files.isDirectory(root.resolve("functions")) || !Files.isDirectory(root.resolve("events"))) {
            throw new IllegalStateException(root + " is not the repository root (no functions/ or events/ beside bench/)");
        }
        List<ReportLine> lines = selected(only);
        Instant started = Instant.now();
        String day = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(started);
        Path file = out != null ? out.toAbsolutePath() : root.resolve(quick ? OUTPUT + "/" + day + "-report-trial.md"
                : "bench/results/" + day + "-report.md");
        Files.createDirectories(root.resolve(OUTPUT));

        String commit = git(root, "rev-parse", "--short", "HEAD").stream().findFirst().orElse("unknown");
        List<String> changed = git(root, "status", "--porcelain").stream().map(line -> line.substring(3)).toList();
        double loadStart = load();
        System.out.printf("Benchmark report%s: %d lines, each in its own JVM; commit %s%s; writing %s%n",
                quick ? " (TRIAL, --quick)" : "", lines.size(), commit, changed.isEmpty() ? "" : " (dirty)", file);

        List<ReportMarkdown.Run> runs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ReportLine line = lines.get(i);
            System.out.printf("[%d/%d] %s: %s%n", i + 1, lines.size(), line.id(), String.join(" ", command(jar, root, line, quick, "java")));
            ReportMarkdown.Run run = runLine(jar, root, line, quick);
            runs.add(run);
            System.out.printf("      %s in %d s: %s%n", run.succeeded() ? "done" : "FAILED (exit " + run.exitCode() + ")",
                    run.took().toSeconds(), run.succeeded() ? line.render().apply(run.results()).headline().replace("**", "")
                            : "see " + run.outputFile());
        }

        ReportMarkdown.Facts facts = new ReportMarkdown.Facts(started, Instant.now(), quick, only, commit, changed,
                machine(), javaVersion(), loadStart, load(), "`" + LOGGING + "` (bench/src/main/resources): the local "
                        + "stack's INFO lines, access log and metrics as with `logback-local.xml`, but written to "
                        + "`" + OUTPUT + "/<line>.log` and `" + OUTPUT + "/<line>.json.log` instead of the console",
                "java -jar " + root.relativize(jar) + " report" + (args.length == 0 ? "" : " " + String.join(" ", args)));
        Files.createDirectories(file.getParent());
        Files.writeString(file, ReportMarkdown.render(facts, runs));
        System.out.printf("Wrote %s (%.1f min)%n", file, Duration.between(started, Instant.now()).toMillis() / 60_000.0);
        if (runs.stream().anyMatch(run -> !run.succeeded())) {
            System.exit(1);
        }
    }

    private static List<ReportLine> selected(List<String> only) {
        List<ReportLine> all = ReportLines.all();
        for (String id : only) {
            if (all.stream().noneMatch(line -> line.id().equals(id))) {
                throw new IllegalArgumentException("no line " + id + "; the lines: "
                        + all.stream().map(ReportLine::id).toList());
            }
        }
        return only.isEmpty() ? all : all.stream().filter(line -> only.contains(line.id())).toList();
    }

    /** The line's command as run from the repository root; {@code java} is the program (the report's own java). */
    private static List<String> command(Path jar, Path root, ReportLine line, boolean quick, String java) {
        List<String> command = new ArrayList<>(List.of(java, "-Dlogback.configurationFile=" + LOGGING,
                "-Dbench.log=" + OUTPUT + "/" + line.id(), "-jar", root.relativize(jar).toString(), line.bench()));
        command.addAll(line.args(quick));
        return command;
    }

    private static ReportMarkdown.Run runLine(Path jar, Path root, ReportLine line, boolean quick) throws Exception {
        String outputFile = OUTPUT + "/" + line.id() + ".out";
        Path output = root.resolve(outputFile);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double loadStart = load();
        long start = System.nanoTime();
        Process child = new ProcessBuilder(command(jar, root, line, quick, java)).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        int exit;
        if (child.waitFor(quick ? 5 : 20, TimeUnit.MINUTES)) {
            exit = child.exitValue();
        } else {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly().waitFor();
            exit = -1;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<String> printed = Files.readAllLines(output, StandardCharsets.UTF_8);
        return new ReportMarkdown.Run(line, command(jar, root, line, quick, "java"), exit, took, loadStart, load(),
                ResultLine.parse(printed), outputFile, printed.subList(Math.max(0, printed.size() - 25), printed.size()));
    }

    private static List<String> git(Path root, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(Arrays.asList(args));
        try {
            Process git = new ProcessBuilder(command).directory(root.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            List<String> lines = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return git.waitFor() == 0 ? lines : List.of();
        } catch (IOException | InterruptedException noGit) {
            return List.of();
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String machine() {
        String cpu = System.getProperty("os.arch");
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException | RuntimeException notLinux) {
            // keep the architecture
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.US, "%d cores (%s), %.1f GB memory, %s %s %s",
                Runtime.getRuntime().availableProcessors(), cpu, memory / 1e9, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"));
    }

    private static String javaVersion() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")";
    }
}
