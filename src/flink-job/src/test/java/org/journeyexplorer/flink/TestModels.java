package org.journeyexplorer.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * A stand-in model for tests of the dataflow (not of the scores): next steps and conversion by the last event,
 * from {@code {"id":…, "goal":…, "next":{"last":[["event",p],…]}, "conversion":{"last":p}}}.
 */
public final class TestModels {
    public static final ScorerFactory FACTORY = TestModels::load;

    private TestModels() {
    }

    public static String json(String id) {
        return "{\"id\":\"" + id + "\",\"goal\":\"purchase\",\"next\":{\"a\":[[\"b\",0.6],[null,0.4]],"
                + "\"view_item\":[[\"add_to_cart\",0.5],[\"view_item\",0.3],[null,0.2]]},"
                + "\"conversion\":{\"add_to_cart\":0.4,\"purchase\":1.0}}";
    }

    static Scorer load(String text) {
        JsonNode m;
        try {
            m = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a test model");
        }
        if (m == null || !m.has("id")) {
            throw new IllegalArgumentException("not a test model");
        }
        return new Scorer() {
            @Override
            public String id() {
                return m.get("id").asText();
            }

            @Override
            public String goal() {
                return m.get("goal").asText();
            }

            private final Prediction prediction = new Prediction();

            @Override
            public Prediction score(String[] types, int length) {
                String last = types[length - 1];
                prediction.reset(m.get("conversion").path(last).asDouble(0));
                for (JsonNode n : m.get("next").path(last)) {
                    prediction.add(n.get(0).isNull() ? null : n.get(0).asText(), n.get(1).asDouble());
                }
                return prediction;
            }
        };
    }
}
