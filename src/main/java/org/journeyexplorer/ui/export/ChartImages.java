package org.journeyexplorer.ui.export;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.paint.Color;
import org.journeyexplorer.core.UserFacingException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Chart images for export. Painting into an off-screen canvas at {@code scale} (instead of snapshotting the
 * on-screen canvas with a scale transform, which would upsample its 1× pixels) keeps 2× exports crisp. Rendering
 * must run on the FX thread; PNG encoding runs in the background.
 */
public final class ChartImages {
    /** Exports larger than this many pixels per side are scaled down to stay within texture and memory limits. */
    static final double MAX_SIDE = 8192;

    private ChartImages() {
    }

    /** Export scale: 2, or less when that would exceed {@link #MAX_SIDE}. */
    public static double exportScale(double width, double height) {
        return Math.min(2, MAX_SIDE / Math.max(1, Math.max(width, height)));
    }

    /** Paints {@code width × height} logical pixels at {@code scale} and snapshots it. FX thread only. */
    public static WritableImage render(double width, double height, double scale, Consumer<GraphicsContext> painter) {
        Canvas canvas = new Canvas(Math.ceil(width * scale), Math.ceil(height * scale));
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.scale(scale, scale);
        painter.accept(gc);
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.TRANSPARENT);
        return canvas.snapshot(p, null);
    }

    /** Converts to an AWT image; call on the FX thread (the image is read once, the result is independent). */
    public static BufferedImage toBuffered(Image image) {
        return SwingFXUtils.fromFXImage(image, null);
    }

    /** Encodes a PNG; safe off the FX thread. */
    public static void writePng(BufferedImage image, Path file) {
        try {
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new UserFacingException("No PNG encoder is available in this Java runtime.");
            }
        } catch (IOException e) {
            throw new UserFacingException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Puts an image on the system clipboard. FX thread only. */
    public static void copy(Image image) {
        ClipboardContent content = new ClipboardContent();
        content.putImage(image);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
