package org.journeyexplorer.flink;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * Where models come from while the job runs: a source that looks at the model file every poll interval and emits
 * its text when it changed (a new file written next to it and renamed over it is seen whole), and the watermark
 * rule for model streams (they never hold back event time).
 */
final class ModelFiles {
    private ModelFiles() {
    }

    /** Reads the model file once, for the start of the job; a missing or unreadable file is a one-line error. */
    static ModelUpdate read(String file) {
        try {
            return new ModelUpdate(file, Files.readString(Path.of(file), StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("The model file " + file + " does not exist (write one with the app's"
                    + " export-model).");
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the model file " + file + ": " + e.getMessage());
        }
    }

    /** A never-ending source of the file's versions, checked {@code 1 / pollSeconds} times a second. */
    static DataGeneratorSource<ModelUpdate> watch(String file, double pollSeconds) {
        return new DataGeneratorSource<>(new Watcher(file), Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(1.0 / pollSeconds), TypeInformation.of(ModelUpdate.class));
    }

    /**
     * Model streams carry no event time: they say they are idle, so the scoring operators' event time follows the
     * events alone. (A watermark of "end of time" instead would become the operators' event time whenever the
     * events go quiet for the idle timeout, and every open session would end at once.)
     */
    static <T> WatermarkStrategy<T> noEventTime() {
        return WatermarkStrategy.forGenerator(c -> new WatermarkGenerator<T>() {
            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
                output.markIdle();
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        });
    }

    private static final class Watcher implements GeneratorFunction<Long, ModelUpdate> {
        private final String file;
        private transient FileTime seen;
        private transient long seenSize = -1;

        Watcher(String file) {
            this.file = file;
        }

        @Override
        public ModelUpdate map(Long tick) {
            Path p = Path.of(file);
            try {
                FileTime modified = Files.getLastModifiedTime(p);
                long size = Files.size(p);
                if (modified.equals(seen) && size == seenSize) {
                    return new ModelUpdate(file, null);
                }
                String text = Files.readString(p, StandardCharsets.UTF_8);
                seen = modified;
                seenSize = size;
                return new ModelUpdate(file, text);
            } catch (IOException e) {
                // gone for a moment (being replaced): keep the model in force and look again next time
                return new ModelUpdate(file, null);
            }
        }
    }
}
