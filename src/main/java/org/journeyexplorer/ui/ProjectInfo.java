package org.journeyexplorer.ui;

import java.nio.file.Path;

/**
 * The open project as the shell shows it.
 *
 * @param path   where the project lives (what the user opened; also the key in the recent list)
 * @param name   short display name
 * @param events number of stored events
 */
public record ProjectInfo(Path path, String name, long events) {
}
