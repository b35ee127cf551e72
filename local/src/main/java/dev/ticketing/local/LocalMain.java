package dev.ticketing.local;

public final class LocalMain {
    public static void main(String[] args) {
        throw new UnsupportedOperationException("coming next");
    }
}
