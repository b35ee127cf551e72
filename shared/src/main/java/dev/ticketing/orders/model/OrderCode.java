package dev.ticketing.orders.model;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * An order's code: six characters a person can read out over the phone, shown as {@code K7Q-4M2}. The alphabet
 * leaves out the characters people confuse (0 and O, 1, I and L): 31 characters, so about 887 million codes. Codes
 * are random, not counted, so one order's code says nothing about another's; uniqueness comes from the storage (a
 * conditional put of the order under its code, retried with a new code on a collision).
 */
public final class OrderCode {
    /** Digits and capitals without 0, O, 1, I and L. */
    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    /** Characters in a code, not counting the dash. */
    public static final int LENGTH = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OrderCode() {
    }

    /** A new random code, in its shown form ({@code K7Q-4M2}). */
    public static String random() {
        StringBuilder code = new StringBuilder(LENGTH + 1);
        for (int i = 0; i < LENGTH; i++) {
            if (i == LENGTH / 2) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * A code as a person may type it (lower case, without the dash, with spaces around) in its shown form; empty
     * when it cannot be a code (wrong length, a character outside the alphabet).
     */
    public static Optional<String> normalized(String typed) {
        if (typed == null || typed.length() > 20) {
            return Optional.empty();
        }
        String compact = typed.strip().replace("-", "").toUpperCase(Locale.ROOT);
        if (compact.length() != LENGTH || !compact.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(compact.substring(0, LENGTH / 2) + "-" + compact.substring(LENGTH / 2));
    }
}
