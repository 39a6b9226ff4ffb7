package org.journeyexplorer.ingest;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.ParsedEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Test sink keeping everything it receives. */
final class CollectingSink implements EventSink {
    record Reject(long line, String reason, String raw) {
    }

    final List<ParsedEvent> events = new ArrayList<>();
    final List<Reject> rejects = new ArrayList<>();

    @Override
    public void event(ParsedEvent event) {
        events.add(event);
    }

    @Override
    public void reject(long line, String reason, String raw) {
        rejects.add(new Reject(line, reason, raw));
    }

    static Path data(String name) {
        return Path.of(System.getProperty("je.test.resources", "src/test/resources"), "data", name);
    }

    static CollectingSink readAll(Path file) throws IOException {
        return readAll(Ingest.inspect(file, ZoneOffset.UTC));
    }

    static CollectingSink readAll(ImportPlan plan) throws IOException {
        CollectingSink sink = new CollectingSink();
        Ingest.read(plan, sink, TaskContext.NONE);
        return sink;
    }

    Set<String> persons() {
        return events.stream().map(ParsedEvent::personId).collect(Collectors.toSet());
    }

    Set<String> names() {
        return events.stream().map(ParsedEvent::eventName).collect(Collectors.toSet());
    }

    List<Long> rejectLines() {
        return rejects.stream().map(Reject::line).toList();
    }
}
