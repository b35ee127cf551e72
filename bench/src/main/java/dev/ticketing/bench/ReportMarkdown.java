package dev.ticketing.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark report as markdown, from the facts of the run and each line's outcome; pure (no I/O), so its reading
 * of the benchmarks' {@link ResultLine} records is unit-tested. Layout: the date, commit and machine, a summary table
 * of every line's headline, then per line its figures, the exact command that reproduces it, the load average around
 * it and a one-sentence "read as"; a line that failed shows its exit and the end of its output instead.
 */
final class ReportMarkdown {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private ReportMarkdown() {
    }

    /**
     * What the report says about the run as a whole.
     *
     * @param quick       run with {@code --quick}: the file is marked as a trial, not a measurement
     * @param only        the line ids asked for with {@code --only}; empty = every line
     * @param commit      {@code git rev-parse --short HEAD}, or {@code unknown}
     * @param changedFiles the paths {@code git status --porcelain} lists (the tree is dirty if any)
     * @param machine     cores, CPU model, memory, OS, in one phrase
     * @param java        the version and VM of the {@code java} every line ran with
     * @param loadStart   the 1-minute load average before the first line; NaN if unknown
     * @param loadEnd     the same after the last line
     * @param logging     which logging configuration the lines ran with, and where their logs went
     * @param reportCommand the command that made this report
     */
    record Facts(Instant started, Instant ended, boolean quick, List<String> only, String commit,
                 List<String> changedFiles, String machine, String java, double loadStart, double loadEnd,
                 String logging, String reportCommand) {
    }

    /**
     * One line's run.
     *
     * @param command    the command as run from the repository root ({@code java} for the report's own java)
     * @param exitCode   the child's exit code; -1 if it was stopped at its time limit
     * @param outputFile its standard output and error, relative to the repository root
     * @param outputTail its last lines of output (shown if it failed)
     */
    record Run(ReportLine line, List<String> command, int exitCode, Duration took, double loadStart, double loadEnd,
               ResultLine.Results results, String outputFile, List<String> outputTail) {
        boolean succeeded() {
            return exitCode == 0 && !results.isEmpty();
        }
    }

    static String render(Facts facts, List<Run> runs) {
        List<String> md = new ArrayList<>();
        md.add("# Benchmark report, " + DAY.format(facts.started()) + (facts.quick() ? " (TRIAL, `--quick`)" : ""));
        md.add("");
        if (facts.quick()) {
            md.add("> **TRIAL RUN (`--quick`)**: every line with short durations, to try the report out. These figures "
                    + "are not measurements; do not cite or commit them. The full report is the same command without "
                    + "`--quick`.");
            md.add("");
        }
        if (!facts.only().isEmpty()) {
            md.add("> **Partial**: only the lines " + String.join(", ", facts.only()) + " (`--only`).");
            md.add("");
        }
        md.add("Made by `" + facts.reportCommand() + "`: every line below is one benchmark run in its own fresh JVM "
                + "(`java -jar` of the same jar) with its own in-memory local stack (DynamoDB Local, ElasticMQ, the "
                + "functions, the mock providers, all in that JVM), one line after the other, so each has its own JIT "
                + "warm-up and a crash of one does not stop the others.");
        md.add("");
        md.add("- **Date**: " + MINUTE.format(facts.started()) + " to " + MINUTE.format(facts.ended()) + " ("
                + minutes(Duration.between(facts.started(), facts.ended())) + ")");
        md.add("- **Commit**: `" + facts.commit() + "`, " + (facts.changedFiles().isEmpty() ? "working tree clean"
                : "**working tree dirty** (" + facts.changedFiles().size() + " changed: "
                + String.join(", ", facts.changedFiles().stream().limit(10).toList())
                + (facts.changedFiles().size() > 10 ? ", ..." : "") + ")"));
        md.add("- **Machine**: " + facts.machine() + "; load average (1 min) " + load(facts.loadStart()) + " at the start, "
                + load(facts.loadEnd()) + " at the end");
        md.add("- **Java**: " + facts.java() + ", default flags (the cold-start probes: the template's)");
        md.add("- **Logging**: " + facts.logging());
        md.add("");
        md.add("## Summary");
        md.add("");
        md.add("| # | line | figures | load average start -> end | took |");
        md.add("|---|---|---|---|---|");
        List<ReportLine.Section> sections = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            ReportLine.Section section = run.line().render().apply(run.results());
            sections.add(section);
            md.add(String.format("| %d | %s | %s | %s -> %s | %s |", i + 1, run.line().id(),
                    run.succeeded() ? section.headline() : failure(run), load(run.loadStart()),
                    load(run.loadEnd()), seconds(run.took())));
        }
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            ReportLine.Section section = sections.get(i);
            md.add("");
            md.add("## " + (i + 1) + ". " + run.line().title());
            md.add("");
            if (!run.succeeded()) {
                md.add("**" + failure(run) + "**. The last lines of its output (all of it in `" + run.outputFile() + "`):");
                md.add("");
                md.add("```");
                md.addAll(run.outputTail());
                md.add("```");
                md.add("");
            }
            if (!run.results().isEmpty()) {
                md.addAll(section.figures());
                md.add("");
                md.add("Read as: " + section.readAs());
                md.add("");
            }
            md.add("Reproduce (from the repository root, after `mvn -q -DskipTests package`):");
            md.add("");
            md.add("```bash");
            md.add(String.join(" ", run.command()));
            md.add("```");
            md.add("");
            md.add("Load average (1 min) " + load(run.loadStart()) + " at the start, " + load(run.loadEnd())
                    + " at the end; took " + seconds(run.took()) + "; output in `" + run.outputFile() + "`.");
        }
        md.add("");
        return String.join("\n", md);
    }

    private static String failure(Run run) {
        if (run.exitCode() == -1) {
            return "FAILED: stopped at its time limit";
        }
        if (run.exitCode() != 0) {
            return "FAILED: exit code " + run.exitCode();
        }
        return "FAILED: printed no RESULT line";
    }

    private static String load(double load) {
        return Double.isNaN(load) || load < 0 ? "?" : String.format(Locale.US, "%.1f", load);
    }

    private static String seconds(Duration took) {
        return took.toSeconds() + " s";
    }

    private static String minutes(Duration took) {
        return String.format(Locale.US, "%.1f min", took.toMillis() / 60_000.0);
    }
}
