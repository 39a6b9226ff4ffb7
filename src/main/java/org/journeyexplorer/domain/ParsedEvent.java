package org.journeyexplorer.domain;

/**
 * One event as an importer read it, before dictionary encoding.
 *
 * @param line           1-based line number (CSV, JSON Lines) or record number (JSON array element, XES event)
 * @param personId       the known user / case id, or null when the row has none
 * @param anonymousId    the anonymous / device id, or null when the row has none
 * @param timeMicros     UTC instant in microseconds since the epoch
 * @param eventName      the event / activity name, never blank
 * @param propertiesJson the remaining columns as a JSON object text, or null when there are none
 */
public record ParsedEvent(long line, String personId, String anonymousId, long timeMicros, String eventName,
                          String propertiesJson) {
}
