package dev.ticketing.audit.model;

/** What an organiser did to an event (issue 21's list of organiser actions). */
public enum AuditAction {
    CREATE, EDIT, REPRICE, BLOCK, UNBLOCK, COMP, REFUND, CANCEL
}
