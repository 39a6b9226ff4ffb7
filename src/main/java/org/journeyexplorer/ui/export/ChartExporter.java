package org.journeyexplorer.ui.export;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.export.SvgWriter;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.chart.ChartPaint;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The PNG / SVG / CSV / clipboard exports of a canvas chart, shared by the Sankey and the heatmap: a chart supplies
 * its current geometry {@code G} and data {@code D}, how to paint the geometry for export and which SVG / CSV writer
 * to call. Images render on the FX thread; encoding and file writing run on the {@link TaskRunner}; failures go to
 * {@link AppModel#fail}.
 *
 * @param <G> the laid-out geometry the chart paints
 * @param <D> the data behind the chart (what the CSV holds)
 */
public final class ChartExporter<G, D> {

    /** Paints geometry with its caption under it, in logical pixels. */
    @FunctionalInterface
    public interface Painter<G> {
        void paint(GraphicsContext gc, G geometry, ChartCaption caption);
    }

    /** Writes the geometry as SVG. */
    @FunctionalInterface
    public interface SvgOut<G> {
        void write(G geometry, ChartCaption caption, SvgWriter.Style style, Path file);
    }

    /** Writes the data as CSV. */
    @FunctionalInterface
    public interface CsvOut<D> {
        void write(D data, ChartCaption caption, Path file);
    }

    private final AppModel model;
    private final TaskRunner runner;
    private final Supplier<String> title;
    private final Supplier<G> geometry;
    private final Supplier<D> data;
    private final ToDoubleFunction<G> width;
    private final ToDoubleFunction<G> height;
    private final Painter<G> painter;
    private final Supplier<SvgWriter.Style> svgStyle;
    private final SvgOut<G> svg;
    private final CsvOut<D> csv;

    /**
     * @param title    the chart's title for the caption, read at export time
     * @param geometry the current geometry, or null before the first layout
     * @param data     the current data, or null when there is no chart
     * @param width    the geometry's width in logical pixels
     * @param height   the geometry's height (without caption) in logical pixels
     */
    public ChartExporter(AppModel model, TaskRunner runner, Supplier<String> title, Supplier<G> geometry,
                         Supplier<D> data, ToDoubleFunction<G> width, ToDoubleFunction<G> height, Painter<G> painter,
                         Supplier<SvgWriter.Style> svgStyle, SvgOut<G> svg, CsvOut<D> csv) {
        this.model = model;
        this.runner = runner;
        this.title = title;
        this.geometry = geometry;
        this.data = data;
        this.width = width;
        this.height = height;
        this.painter = painter;
        this.svgStyle = svgStyle;
        this.svg = svg;
        this.csv = csv;
    }

    private ChartCaption caption() {
        return ChartExports.caption(title.get(), model.projectProperty().get(), model.filtersProperty().get());
    }

    private G requireGeometry() {
        G g = geometry.get();
        if (g == null || data.get() == null) {
            throw new UserFacingException("There is no chart to export yet.");
        }
        return g;
    }

    private WritableImage image(G g, ChartCaption caption) {
        double w = width.applyAsDouble(g);
        double h = height.applyAsDouble(g) + ChartPaint.captionHeight(caption);
        double scale = ChartImages.exportScale(w, h);
        return ChartImages.render(w, h, scale, gc -> painter.paint(gc, g, caption));
    }

    /** See {@link ExportableChart#exportPng}. */
    public void exportPng(Path file) {
        try {
            G g = requireGeometry();
            BufferedImage img = ChartImages.toBuffered(image(g, caption()));
            runner.run("Exporting " + file.getFileName(), ctx -> {
                ChartImages.writePng(img, file);
                model.recordExport("PNG chart", file, 1);
                return file;
            }, f -> {
            }, model::fail);
        } catch (UserFacingException e) {
            model.fail(e);
        }
    }

    /** See {@link ExportableChart#exportSvg}. */
    public void exportSvg(Path file) {
        try {
            G g = requireGeometry();
            ChartCaption caption = caption();
            SvgWriter.Style style = svgStyle.get();
            runner.run("Exporting " + file.getFileName(), ctx -> {
                svg.write(g, caption, style, file);
                model.recordExport("SVG chart", file, 1);
                return file;
            }, f -> {
            }, model::fail);
        } catch (UserFacingException e) {
            model.fail(e);
        }
    }

    /** See {@link ExportableChart#exportCsv}. */
    public void exportCsv(Path file) {
        D d = data.get();
        if (d == null) {
            model.fail(new UserFacingException("There is no chart to export yet."));
            return;
        }
        ChartCaption caption = caption();
        runner.run("Exporting " + file.getFileName(), ctx -> {
            csv.write(d, caption, file);
            model.recordExport("chart data CSV", file, 1);
            return file;
        }, f -> {
        }, model::fail);
    }

    /** These exports as an {@link ExportableChart} suggesting {@code fileName} (for charts that delegate whole). */
    public ExportableChart asExportable(Supplier<String> fileName) {
        return new ExportableChart() {
            @Override
            public void exportPng(Path file) {
                ChartExporter.this.exportPng(file);
            }

            @Override
            public void exportSvg(Path file) {
                ChartExporter.this.exportSvg(file);
            }

            @Override
            public void exportCsv(Path file) {
                ChartExporter.this.exportCsv(file);
            }

            @Override
            public void copyToClipboard() {
                ChartExporter.this.copyToClipboard();
            }

            @Override
            public String suggestedFileName() {
                return fileName.get();
            }
        };
    }

    /** See {@link ExportableChart#copyToClipboard}. */
    public void copyToClipboard() {
        try {
            ChartImages.copy(image(requireGeometry(), caption()));
        } catch (UserFacingException e) {
            model.fail(e);
        }
    }
}
