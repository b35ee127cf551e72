package dev.ticketing.local.paypal;

import java.security.SecureRandom;

/** Ids shaped like PayPal's (17 upper-case letters and digits), so code that checks the shape accepts them. */
final class PayPalIds {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PayPalIds() {
    }

    static String order() {
        return random(17);
    }

    static String capture() {
        return random(17);
    }

    static String refund() {
        return random(17);
    }

    static String payer() {
        return random(13);
    }

    static String event() {
        return "WH-" + random(17) + "-" + random(17);
    }

    static String token() {
        return "A21AA" + random(40);
    }

    static String random(int length) {
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
