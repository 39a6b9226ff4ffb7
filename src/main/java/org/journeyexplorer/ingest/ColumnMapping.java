package org.journeyexplorer.ingest;

/**
 * Which source column plays which role. A null entry means the file has no such column. Every column not named
 * here becomes a property of the event.
 *
 * @param person     user / case id column ({@code user_id}, {@code case:concept:name}, {@code CaseID}, …)
 * @param anonymous  anonymous / device id column ({@code anonymous_id}, {@code domain_userid}, …)
 * @param time       timestamp or date column
 * @param timeOffset optional millisecond offset added to {@code time} (Diginetica {@code timeframe})
 * @param event      event / activity name column
 */
public record ColumnMapping(String person, String anonymous, String time, String timeOffset, String event) {

    public ColumnMapping withPerson(String c) {
        return new ColumnMapping(c, anonymous, time, timeOffset, event);
    }

    public ColumnMapping withAnonymous(String c) {
        return new ColumnMapping(person, c, time, timeOffset, event);
    }

    public ColumnMapping withTime(String c) {
        return new ColumnMapping(person, anonymous, c, timeOffset, event);
    }

    public ColumnMapping withTimeOffset(String c) {
        return new ColumnMapping(person, anonymous, time, c, event);
    }

    public ColumnMapping withEvent(String c) {
        return new ColumnMapping(person, anonymous, time, timeOffset, c);
    }
}
