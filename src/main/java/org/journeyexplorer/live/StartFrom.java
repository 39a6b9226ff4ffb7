package org.journeyexplorer.live;

/**
 * Where a stream starts reading a partition. Positions stored in the project always win, whatever is chosen here:
 * reading a partition again from the start would store its events twice.
 */
public enum StartFrom {
    /** Where the project left off; partitions it has no position for from their first message. */
    EARLIEST("earliest", "From the beginning (or where this project left off)"),
    /** Where the project left off; partitions it has no position for from now on (only new messages). */
    LATEST("latest", "Only new messages (or where this project left off)"),
    /** Only where the project left off: refused when it never read this topic. */
    STORED("stored", "Where this project left off");

    private final String option;
    private final String label;

    StartFrom(String option, String label) {
        this.option = option;
        this.label = label;
    }

    /** The CLI spelling: earliest, latest or stored. */
    public String option() {
        return option;
    }

    /** What the connect dialog shows. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** Parses {@code earliest|latest|stored}; IllegalArgumentException with the choices otherwise. */
    public static StartFrom parse(String s) {
        for (StartFrom f : values()) {
            if (f.option.equalsIgnoreCase(s.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("--from takes earliest, latest or stored, not '" + s + "'");
    }
}
