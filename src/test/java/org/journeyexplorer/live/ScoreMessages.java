package org.journeyexplorer.live;

import java.time.Instant;

/** Score messages as the streaming scoring job writes them to its scores topic (src/flink-job, Outputs.score). */
public final class ScoreMessages {
    private ScoreMessages() {
    }

    /** A score of {@code person} after {@code path}, with two fixed next steps (purchase 50 %, leaves 25 %). */
    public static String score(String person, Instant time, double conversion, String... path) {
        StringBuilder p = new StringBuilder();
        for (String e : path) {
            p.append(p.length() == 0 ? "" : ",").append('"').append(e).append('"');
        }
        return "{\"person\":\"" + person + "\",\"event\":\"" + path[path.length - 1] + "\",\"time\":\"" + time
                + "\",\"session_start\":\"" + time + "\",\"position\":" + path.length + ",\"path\":[" + p
                + "],\"next\":[{\"event\":\"purchase\",\"probability\":0.5},{\"event\":null,\"probability\":0.25}],"
                + "\"conversion\":" + conversion + ",\"model\":\"m\"}";
    }
}
