package dev.ticketing.local.testing;

import dev.ticketing.local.LocalMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The local stack (or its {@code check} command) as a separate JVM, started from the test class path the way
 * {@code java -jar local/target/ticketing-local.jar} starts it, with its output collected line by line.
 */
public final class LocalProcess implements AutoCloseable {
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private LocalProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "local-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code java -cp <the test class path> dev.ticketing.local.LocalMain args...}, stdout and stderr merged. */
    public static LocalProcess start(List<String> args, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LocalMain.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DDB_LOCAL_TELEMETRY", "0");
        builder.environment().putAll(environment);
        try {
            return new LocalProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** Waits for the process to end on its own; its exit code, or an error after {@code limit}. */
    public int exitCode(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + limit + ":\n" + String.join("\n", output));
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** Waits until the stack says it is running; fails with its output if it ends or the deadline passes first. */
    public void awaitRunning(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (output.stream().noneMatch(line -> line.startsWith("Ticketing is running"))) {
            if (!process.isAlive()) {
                reader.join(5_000);
                throw new AssertionError("the stack ended (exit " + process.exitValue() + "):\n" + String.join("\n", output));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the stack did not start within " + limit + ":\n" + String.join("\n", output));
            }
            Thread.sleep(50);
        }
    }

    /** {@code kill -9}: the JVM ends at once, nothing of it runs (no shutdown hook, no flush). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public long pid() {
        return process.pid();
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
