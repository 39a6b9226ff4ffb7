package org.journeyexplorer.flink;

import org.journeyexplorer.predict.portable.ModelFormatException;
import org.journeyexplorer.predict.portable.ModelJson;
import org.journeyexplorer.predict.portable.NextStep;
import org.journeyexplorer.predict.portable.PortableModel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scorers over the app's portable model JSON ({@code export-model}), read and scored by the app's own
 * {@link PortableModel} — the code the app's {@code predict} and Predictions tab score with — so the job's numbers
 * for a prefix are the app's. Like {@code predict} on a typed prefix, scoring leaves the event times out.
 */
public final class PortableScorers {
    /** Reads a model with the app's shared reader. */
    public static final ScorerFactory FACTORY = PortableScorers::load;
    /** Next steps published per event. */
    static final int TOP = 3;

    private PortableScorers() {
    }

    static Scorer load(String json) {
        PortableModel m;
        try {
            m = ModelJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | ModelFormatException e) {
            // the app's reader names what it cannot read, e.g. a model kind newer than this job
            throw new IllegalArgumentException("Cannot score with this model: " + e.getMessage() + ".");
        }
        String id = m.description() + " #" + Integer.toHexString(json.hashCode());
        String goal = m.conversion() == null ? null : m.conversion().goal();
        return new Scorer() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String goal() {
                return goal;
            }

            @Override
            public Score score(String[] types, int length) {
                PortableModel.Scored s = m.score(Arrays.asList(types).subList(0, length), null, TOP);
                List<Next> next = new ArrayList<>(s.next().size());
                for (NextStep n : s.next()) {
                    next.add(new Next(n.isEnd() ? null : n.name(), n.probability()));
                }
                return new Score(next, s.conversion());
            }
        };
    }
}
