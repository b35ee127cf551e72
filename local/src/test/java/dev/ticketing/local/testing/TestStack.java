package dev.ticketing.local.testing;

import dev.ticketing.local.LocalOptions;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.testing.TestClock;
import java.time.Duration;
import java.time.Duration;

/**
 * One in-memory local stack on free ports for the whole test run (starting one costs a few seconds). Tests
 * isolate themselves by creating their own events and users. Its schedules (sweeper, reconciliation) wait an hour;
 * a test that needs them invokes the function.
 */
public final class TestStack {
    private static LocalSystem stack;
    private static final TestClock CLOCK = new TestClock();

    private TestStack() {
    }

    public static synchronized LocalSystem get() {
        if (stack == null) {
            try {
                // A generous best-available deadline: the rush tests ask for every buyer to be served, and a shared
                // two-core test machine can be several times slower than the 5 s default is sized for.
                stack = LocalSystem.start(LocalOptions.defaults().inMemoryWithoutDemo().withPorts(0, 0, 0)
                        .withBestAvailableDeadline(Duration.ofSeconds(20))
                        // tests run the sweeper and reconciliation themselves, at the moment they choose
                        .withSweepInterval(Duration.ofHours(1)), CLOCK);
            } catch (Exception e) {
                throw new IllegalStateException("the local stack did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }

    public static TestClock clock() {
        get();
        return CLOCK;
    }

    public static Api api() {
        return new Api(get());
    }

    public static PaymentsApi payments() {
        return new PaymentsApi(api(), get());
    }
}
