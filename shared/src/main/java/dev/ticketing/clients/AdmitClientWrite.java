package dev.ticketing.clients;

import dev.ticketing.clients.items.ClientBucketItems;
import dev.ticketing.config.FairnessConfig;
import dev.ticketing.problems.TooManyRequestsException;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * The per-client token bucket on the buyers' write routes (holding, releasing, paying), against many accounts driven
 * from one client: each request takes a token from its client's bucket ({@link ClientBucketItems}) of
 * {@code CLIENT_WRITE_BURST} tokens refilled one every {@code CLIENT_WRITE_INTERVAL}, or is refused with 429
 * {@code client-rate-limit} and {@code Retry-After}. The bucket counts requests, not seats: a family buying 4 seats in
 * one request takes one token. Checked before the request's own work, on its own write, so refused and failed
 * requests count too (a transaction of the hold's would count only successes).
 *
 * <p>The client is the request's source address as API Gateway gives it ({@code requestContext.http.sourceIp}); an
 * IPv6 address counts by its /64, the block one subscriber gets. A device-id header is not used: the client chooses
 * it, so a bot would send a new one with each request.
 */
@Singleton
public class AdmitClientWrite {
    private final ClientBucketItems buckets;
    private final Table table;
    private final FairnessConfig fairness;
    private final Clock clock;

    public AdmitClientWrite(Table table, FairnessConfig fairness, Clock clock) {
        this.buckets = new ClientBucketItems(table);
        this.table = table;
        this.fairness = fairness;
        this.clock = clock;
    }

    /**
     * Takes a token for one write of {@code sourceAddress} (nothing to take when the limit is off or the address is
     * unknown), or throws {@link TooManyRequestsException}. Two conditional writes at most: a full bucket, else a
     * partly used one; both failing means the bucket is empty, since both only move the bucket's time forward.
     */
    public void admit(String sourceAddress) {
        if (!fairness.clientWritesLimited() || sourceAddress == null || sourceAddress.isBlank()) {
            return;
        }
        String client = clientOf(sourceAddress);
        Instant now = clock.instant();
        if (table.writeAlone(buckets.takeFromFull(client, now, fairness.clientWriteInterval()))
                || table.writeAlone(buckets.takeFromPartlyUsed(client, now, fairness.clientWriteInterval(),
                fairness.clientWriteBurst()))) {
            return;
        }
        // The bucket's time is at most one interval beyond the last moment a token was left: one is back by then.
        throw new TooManyRequestsException("client-rate-limit", "Too many requests from this client",
                "This client sent more than " + fairness.clientWriteBurst() + " holds, releases or payments in a row;"
                        + " one more is allowed every " + fairness.clientWriteInterval().toSeconds() + " s",
                Map.of("clientWriteBurst", fairness.clientWriteBurst(),
                        "clientWriteIntervalSeconds", fairness.clientWriteInterval().toSeconds()),
                fairness.clientWriteInterval());
    }

    /** The bucket's name for an address: an IPv4 address as is, an IPv6 address by its /64 (16 hex digits). */
    static String clientOf(String sourceAddress) {
        if (sourceAddress.indexOf(':') < 0) {
            return sourceAddress;
        }
        try {
            // a literal: no name lookup happens
            byte[] address = InetAddress.getByName(sourceAddress).getAddress();
            if (address.length == 16) {
                return "v6/64:" + HexFormat.of().formatHex(address, 0, 8);
            }
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException notAnAddress) {
            return sourceAddress;
        }
    }
}
