package org.journeyexplorer.ingest;

import org.journeyexplorer.domain.IdentityValues;
import org.journeyexplorer.domain.ParsedEvent;

import java.util.function.Supplier;

/**
 * Turns the role values of one record (already pulled out by a JSON or XES reader) into an event, or into a
 * reject with the reason. The CSV reader has its own byte-level copy of these checks for speed; the reasons and
 * their order (id, time, event) are the same.
 */
final class EventAssembler {
    private final EventSink sink;
    private final TimeParser parser;
    private final String timeName;
    private final String offsetName;

    EventAssembler(ImportPlan plan, EventSink sink) {
        this.sink = sink;
        this.parser = new TimeParser(plan.zone(), Ingest.dayFirst(plan));
        this.timeName = plan.mapping().time();
        this.offsetName = plan.mapping().timeOffset();
    }

    void emit(long line, String person, String anonymous, String time, String offset, String event,
              String propertiesJson, Supplier<String> raw) {
        emit(line, person, anonymous, time, offset, event, propertiesJson, IdentityValues.NONE, raw);
    }

    /** As above, with the values of the identity columns (e-mail, phone, device signals). */
    void emit(long line, String person, String anonymous, String time, String offset, String event,
              String propertiesJson, IdentityValues identity, Supplier<String> raw) {
        String[] ids = Values.ids(cleanId(person), cleanId(anonymous));
        person = ids[0];
        anonymous = ids[1];
        if (person == null && anonymous == null) {
            sink.reject(line, Ingest.NO_ID, raw.get());
            return;
        }
        if (Values.isMissing(time)) {
            sink.reject(line, "no time in " + (timeName == null ? "the record" : "column " + timeName), raw.get());
            return;
        }
        long t = parser.parse(time);
        if (t == TimeParser.INVALID) {
            sink.reject(line, "unreadable time '" + Values.cut(time.strip(), 100) + "' in column " + timeName,
                    raw.get());
            return;
        }
        if (!Values.isMissing(offset)) {
            Long ms = Values.parseLongOrNull(offset.strip());
            if (ms == null) {
                sink.reject(line, "unreadable time offset '" + Values.cut(offset, 100) + "' in column "
                        + offsetName, raw.get());
                return;
            }
            t += ms * 1000;
        }
        event = cleanId(event);
        if (event == null) {
            sink.reject(line, Ingest.NO_EVENT, raw.get());
            return;
        }
        sink.event(new ParsedEvent(line, person, anonymous, t, event, propertiesJson, identity));
    }

    private static String cleanId(String v) {
        if (v == null) {
            return null;
        }
        v = v.strip();
        return Values.isWeakMissing(v) ? v : Values.isMissing(v) ? null : v;
    }
}
