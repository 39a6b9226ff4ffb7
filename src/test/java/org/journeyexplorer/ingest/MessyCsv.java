package org.journeyexplorer.ingest;

import java.util.Random;

/** Generated CSV text that puts every parsing and rejecting rule to work, for tests comparing ways of reading. */
public final class MessyCsv {
    private MessyCsv() {
    }

    /**
     * A messy file: quoted fields with newlines, commas and doubled quotes, JSON cells, CRLF and LF, blank lines,
     * and rows rejected for each reason (bad time, no id, no event, wrong column count).
     */
    public static String text(long seed, int rows) {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder("user_id,anonymous_id,timestamp,event,note,props\n");
        for (int i = 0; i < rows; i++) {
            String user = rnd.nextInt(5) == 0 ? "" : "u" + rnd.nextInt(40);
            String anon = rnd.nextInt(3) == 0 ? "" : "a" + rnd.nextInt(60);
            String time = "2021-0" + (1 + rnd.nextInt(9)) + "-1" + rnd.nextInt(10) + "T0" + rnd.nextInt(10) + ":1"
                    + rnd.nextInt(6) + ":00Z";
            String event = "e" + rnd.nextInt(12);
            String note = switch (rnd.nextInt(8)) {
                case 0 -> "\"multi\nline " + i + "\"";
                case 1 -> "\"a, b \"\"quoted\"\"\nand\n\nmore\"";
                case 2 -> "\"\"";
                case 3 -> "plain" + i;
                default -> "";
            };
            String props = switch (rnd.nextInt(4)) {
                case 0 -> "\"{\"\"sku\"\":" + rnd.nextInt(100) + ",\"\"v\"\":\"\"x\"\"}\"";
                case 1 -> "\"{\"\"text\"\":\"\"line\nbreak\"\"}\"";
                default -> "";
            };
            switch (rnd.nextInt(40)) {
                case 0 -> time = "2021-13-45 99:99";
                case 1 -> {
                    user = "";
                    anon = "";
                }
                case 2 -> event = "";
                case 3 -> props = props + ",extra";
                case 4 -> sb.append(rnd.nextBoolean() ? "\n" : "\r\n");
                default -> {
                }
            }
            sb.append(user).append(',').append(anon).append(',').append(time).append(',').append(event).append(',')
                    .append(note).append(',').append(props).append(rnd.nextInt(4) == 0 ? "\r\n" : "\n");
        }
        return sb.toString();
    }
}
