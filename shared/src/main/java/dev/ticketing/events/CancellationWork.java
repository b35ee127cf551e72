package dev.ticketing.events;

import java.util.List;

/**
 * Where the work of a cancellation goes, to be done outside the request and survive any crash: in AWS the
 * event-cancellation queue (template.yaml {@code EventCancellationQueue}, read by EventCancellationFunction, which
 * calls {@link RefundCancelledEvent#handle}); see {@link CancellationQueue}.
 */
public interface CancellationWork {
    /**
     * Queues these steps ({@link CancellationQueue#body} of each). Each is done at least once; doing one twice changes
     * nothing more.
     *
     * @throws dev.ticketing.problems.ServiceUnavailableException they could not be queued now
     */
    void send(List<CancellationStep> steps);
}
