package dev.ticketing.venues.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A seat category of a plan ("Front", "Balcony"): events price a plan per category. {@code color} (CSS colour text)
 * may be null; {@code pretix} holds what an imported pretix category carried beyond them, kept for its export (null
 * when nothing).
 */
public record Category(String name, String color, ObjectNode pretix) {
}
