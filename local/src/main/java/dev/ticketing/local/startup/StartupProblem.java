package dev.ticketing.local.startup;

/**
 * The stack cannot start for a reason the person starting it can fix (a busy port, a data folder another stack
 * uses): the message is one line saying what and how, printed without a stack trace.
 */
public final class StartupProblem extends RuntimeException {
    public StartupProblem(String message) {
        super(message, null, false, false);
    }
}
