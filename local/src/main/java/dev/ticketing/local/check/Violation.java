package dev.ticketing.local.check;

/** One broken invariant: which rule ({@code code}) and what, with the ids to look at. */
public record Violation(String code, String detail) {
    @Override
    public String toString() {
        return "VIOLATION " + code + ": " + detail;
    }
}
