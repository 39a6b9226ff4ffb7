package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.EventSink;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a case log (case, activity, time) through the importers into {@link Sequences}: cases in order of first
 * appearance in the file, events within a case by time. Timestamps without a zone are read as UTC, so the clock
 * features see the wall-clock time written in the file.
 */
public final class CaseLogs {
    private CaseLogs() {
    }

    /** What was read: the sequences and how many rows were rejected. */
    public record Loaded(Sequences sequences, long events, long rejected, String firstReject) {
    }

    public static Loaded read(Path file, TaskContext ctx) throws IOException {
        ImportPlan plan = Ingest.inspect(file, ZoneOffset.UTC);
        if (plan.mapping().person() == null && plan.mapping().anonymous() == null) {
            throw new UserFacingException(file.getFileName() + " has no case column the importer recognises "
                    + "(columns: " + String.join(", ", plan.columns()) + ").");
        }
        List<String> cases = new ArrayList<>();
        List<String> activities = new ArrayList<>();
        long[][] times = {new long[1024]};
        long[] rejected = {0};
        String[] firstReject = {null};
        Ingest.read(plan, new EventSink() {
            @Override
            public void event(ParsedEvent e) {
                String c = e.personId() != null ? e.personId() : e.anonymousId();
                if (c == null) {
                    rejected[0]++;
                    return;
                }
                if (cases.size() == times[0].length) {
                    times[0] = Arrays.copyOf(times[0], times[0].length * 2);
                }
                times[0][cases.size()] = e.timeMicros();
                cases.add(c);
                activities.add(e.eventName());
            }

            @Override
            public void reject(long line, String reason, String raw) {
                if (rejected[0]++ == 0) {
                    firstReject[0] = "line " + line + ": " + reason;
                }
            }
        }, ctx);
        if (cases.isEmpty()) {
            throw new UserFacingException(file.getFileName() + " contains no events with a case id.");
        }
        return new Loaded(Sequences.fromRows(cases, activities, Arrays.copyOf(times[0], cases.size())),
                cases.size(), rejected[0], firstReject[0]);
    }
}
