package dev.ticketing.local.testing;

import dev.ticketing.local.LocalOptions;
import dev.ticketing.local.LocalSystem;
import dev.ticketing.testing.TestClock;
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
                stack = startOwn(CLOCK);
            } catch (Exception e) {
                throw new IllegalStateException("the local stack did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }

    /**
     * A stack of the caller's own, built as the shared one is: for a test that compares the whole table before and
     * after a request, which must not scan every other test's items (a big hall's ten thousand seats, say) each time.
     * The caller closes it.
     */
    public static LocalSystem startOwn(java.time.Clock clock) throws Exception {
        // A generous best-available deadline: the rush tests ask for every buyer to be served, and a shared
        // two-core test machine can be several times slower than the 5 s default is sized for.
        // And a wait as long: the rush tests count 201s, so their buyers wait for the allocator as before 202s existed
        // (BestAvailableWaitIT starts a stack with the template's 0.1 s).
        return LocalSystem.start(options().withBestAvailableDeadline(Duration.ofSeconds(20))
                .withParameter("BestAvailableWait", "PT20S"), clock);
    }

    /**
     * The options of a test's stack: in memory, no demo, free ports, and the schedules (sweeper, reconciliation) an
     * hour away, as tests run them themselves at the moment they choose.
     */
    public static LocalOptions options() {
        return LocalOptions.defaults().inMemoryWithoutDemo().withPorts(0, 0, 0).withSweepInterval(Duration.ofHours(1));
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
