package org.journeyexplorer.store;

import java.time.Instant;

/**
 * One line of a project's audit log.
 *
 * @param osUser the operating-system user who ran the action
 * @param action what was done: {@code import}, {@code drop-pseudonym-key}, …
 * @param count  how many items it touched (events imported, …)
 */
public record AuditEntry(long id, Instant time, String osUser, String action, String details, long count) {
}
