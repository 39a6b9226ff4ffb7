package org.journeyexplorer.flink;

/** A model as it travels through the job (handed to every scoring task by its {@link ModelWatch}, kept in checkpoints): its JSON and where it came from. */
public class ModelUpdate implements java.io.Serializable {
    /** The file or topic it was read from, for messages. */
    public String source;
    /** The portable model JSON; null means "nothing new". */
    public String text;

    public ModelUpdate() {
    }

    public ModelUpdate(String source, String text) {
        this.source = source;
        this.text = text;
    }
}
