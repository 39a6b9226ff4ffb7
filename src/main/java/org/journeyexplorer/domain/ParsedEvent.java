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
 * @param identity       the values of the identity columns (e-mail, phone, device signals), never null
 */
public record ParsedEvent(long line, String personId, String anonymousId, long timeMicros, String eventName,
                          String propertiesJson, IdentityValues identity) {

    public ParsedEvent {
        if (identity == null) {
            identity = IdentityValues.NONE;
        }
    }

    /** An event without identity values. */
    public ParsedEvent(long line, String personId, String anonymousId, long timeMicros, String eventName,
                       String propertiesJson) {
        this(line, personId, anonymousId, timeMicros, eventName, propertiesJson, IdentityValues.NONE);
    }
}
