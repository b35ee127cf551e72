package dev.ticketing.local.seed;

import dev.ticketing.holds.PlaceHold;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldRequest;
import dev.ticketing.identity.Caller;
import dev.ticketing.payments.FinalizePayment;
import dev.ticketing.payments.StartPayment;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.payments.provider.PaymentProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Sells every seat of a hall quickly, for a crash test or a benchmark that needs thousands of sold tickets to start
 * from: through the use cases themselves (no item is written by hand), without a browser or the HTTP API. Each
 * buyer (a user of their own) holds {@code seatsPerHold} seats in row order (so some holds span two rows), starts a
 * payment with the providers taken in turn, approves at the provider ({@code approve}: the mock's buyer), and the
 * approval is settled as the payments queue would settle it (capture, then the sale). Every sale is checked SUCCESS.
 *
 * <p>The beans come from any context of the shared data layer over the table to fill: a function's context of an
 * in-process local stack, or a context of the caller's own pointed at a stack running elsewhere.
 */
public final class SoldHall {
    /** One sale: the payment, its hold, the provider, and the seats ({@code "row-column"}). */
    public record Sale(String paymentId, String holdId, PaymentProvider provider, List<String> seats) {
    }

    private final PlaceHold holds;
    private final StartPayment starts;
    private final FinalizePayment finalizer;
    private final PaymentGateways gateways;
    private final PaymentReader payments;
    private final BiConsumer<PaymentProvider, String> approve;

    /**
     * {@code beans} looks a bean up by type (e.g. {@code context::getBean}); {@code approve} is the buyer approving
     * the provider's order (given the provider and the order or session id) at the provider.
     */
    public SoldHall(Function<Class<?>, Object> beans, BiConsumer<PaymentProvider, String> approve) {
        this.holds = (PlaceHold) beans.apply(PlaceHold.class);
        this.starts = (StartPayment) beans.apply(StartPayment.class);
        this.finalizer = (FinalizePayment) beans.apply(FinalizePayment.class);
        this.gateways = (PaymentGateways) beans.apply(PaymentGateways.class);
        this.payments = (PaymentReader) beans.apply(PaymentReader.class);
        this.approve = approve;
    }

    /**
     * Sells all {@code rows} x {@code columns} seats of event {@code eventId} (on sale, every seat free) in holds of
     * {@code seatsPerHold}, paid with {@code providers} in turn, from {@code threads} threads; answers the sales.
     *
     * @throws IllegalStateException a seat could not be held or a payment did not end SUCCESS
     */
    public List<Sale> sell(String eventId, int rows, int columns, int seatsPerHold, List<PaymentProvider> providers,
                           int threads) throws InterruptedException {
        List<List<String>> chunks = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        for (int row = 1; row <= rows; row++) {
            for (int column = 1; column <= columns; column++) {
                chunk.add(row + "-" + column);
                if (chunk.size() == seatsPerHold) {
                    chunks.add(chunk);
                    chunk = new ArrayList<>();
                }
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Sale>> sold = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                List<String> seats = chunks.get(i);
                PaymentProvider provider = providers.get(i % providers.size());
                String buyer = "buyer-" + eventId.substring(0, 8) + "-" + i;
                sold.add(pool.submit(() -> sell(eventId, buyer, seats, provider)));
            }
            List<Sale> sales = new ArrayList<>();
            for (Future<Sale> sale : sold) {
                try {
                    sales.add(sale.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a sale failed: " + e.getCause(), e.getCause());
                }
            }
            return sales;
        } finally {
            pool.shutdownNow();
        }
    }

    private Sale sell(String eventId, String buyer, List<String> seats, PaymentProvider provider) {
        Caller caller = new Caller(buyer, false);
        Hold hold = holds.place(caller, eventId, HoldRequest.ofSeats(seats), null).hold();
        Payment started = starts.start(caller, hold.id(), provider.name(), null, null);
        approve.accept(provider, started.providerOrderId());
        finalizer.settle(payments.get(started.id()), gateways.require(provider), "refund");
        Payment sold = payments.get(started.id());
        if (sold.status() != PaymentStatus.SUCCESS) {
            throw new IllegalStateException("payment " + sold.id() + " of hold " + hold.id() + " is " + sold.status()
                    + ": " + sold.failureReason());
        }
        return new Sale(sold.id(), hold.id(), provider, seats);
    }
}
