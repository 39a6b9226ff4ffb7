package org.journeyexplorer.ui.heatmap;

import javafx.scene.Scene;
import javafx.scene.control.Spinner;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.journeyexplorer.chart.HeatmapData;
import org.journeyexplorer.chart.HeatmapGeometry;
import org.journeyexplorer.chart.HeatmapLayout;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.FakeBackend;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.Theme;
import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Transitions tab on a log of 381 activities: top 30 with "Other", a Fit that fits, the legend beside the grid. */
@ExtendWith(ApplicationExtension.class)
class ManyTypesTransitionsFxTest {
    private static final int TYPES = 381;

    private AppModel model;
    private TransitionsView view;
    private Scene scene;
    private final List<Throwable> errors = new ArrayList<>();

    /** 1,500 cases of 4 activities; activity k is picked with weight 1 / (k + 1) and every activity occurs. */
    static FakeBackend manyTypes() {
        FakeBackend b = new FakeBackend();
        Random rnd = new Random(381);
        double[] cum = new double[TYPES];
        double sum = 0;
        for (int k = 0; k < TYPES; k++) {
            sum += 1.0 / (k + 1);
            cum[k] = sum;
        }
        int e = 0;
        for (int c = 0; c < 1500; c++) {
            for (int i = 0; i < 4; i++, e++) {
                int k = e < TYPES ? e : java.util.Arrays.binarySearch(cum, rnd.nextDouble() * sum);
                k = k < 0 ? -k - 1 : k;
                b.add("case" + c, i * 10L, String.format("activity %03d", Math.min(TYPES - 1, k)));
            }
        }
        return b;
    }

    @Start
    void start(Stage stage) {
        CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();
        model = new AppModel(manyTypes(), runner);
        model.setErrorHandler(errors::add);
        model.selectedFeatureProperty().set(Feature.TRANSITIONS);
        view = new TransitionsView(model, runner);
        scene = new Scene((javafx.scene.Parent) view.getRoot(), 1100, 720);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
        model.openProject(Path.of("/tmp/many-types.mv.db"));
    }

    private HeatmapGeometry await(java.util.function.Predicate<HeatmapGeometry> ok) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            HeatmapGeometry g = view.canvas().getGeometry();
            return g != null && ok.test(g);
        });
        return view.canvas().getGeometry();
    }

    @Test
    void topThirtyWithOtherFitTheWindowWithTheLegendBeside(FxRobot robot) throws Exception {
        HeatmapGeometry g = await(x -> true);
        HeatmapData d = g.data();
        assertEquals(31, d.typeCount(), "30 types and Other");
        assertEquals(TYPES - 30, d.otherMembers().size());
        assertEquals("Other (351 types)", d.types().get(30));
        assertEquals("of 381", robot.lookup("#transitions-topk-of").queryLabeled().getText());
        // Fit: the whole chart, labels and legend included, lies inside the canvas
        assertTrue(g.width() <= view.canvas().getWidth() && g.height() <= view.canvas().getHeight(),
                g.width() + "x" + g.height() + " in " + view.canvas().getWidth() + "x" + view.canvas().getHeight());
        assertTrue(g.legend().x() >= g.gridX() + g.cols() * g.cellSize(), "legend right of the grid");
        // and one pixel more per cell would not fit
        HeatmapGeometry bigger = HeatmapCanvas.layout(d, HeatmapLayout.Mode.PROBABILITY, HeatmapLayout.Order.FREQUENCY,
                g.cellSize() + 1, HeatmapLayout.Ramp.LIGHT);
        assertTrue(g.cellSize() == HeatmapLayout.MAX_CELL || bigger.width() > view.canvas().getWidth()
                || bigger.height() > view.canvas().getHeight());
        // a grid wholly in view is painted without clips: pixel for pixel what the whole-chart (export) painter paints
        WritableImage[] shown = new WritableImage[2];
        robot.interact(() -> {
            javafx.scene.canvas.Canvas a = new javafx.scene.canvas.Canvas(Math.ceil(g.width()), Math.ceil(g.height()));
            javafx.scene.canvas.Canvas b = new javafx.scene.canvas.Canvas(a.getWidth(), a.getHeight());
            HeatmapCanvas.Palette p = view.canvas().palette();
            a.getGraphicsContext2D().setFill(p.background());
            a.getGraphicsContext2D().fillRect(0, 0, a.getWidth(), a.getHeight());
            HeatmapCanvas.paintView(a.getGraphicsContext2D(), g, p, 0, 0, a.getWidth(), a.getHeight(), null);
            HeatmapCanvas.paintAll(b.getGraphicsContext2D(), g, p);
            shown[0] = a.snapshot(null, null);
            shown[1] = b.snapshot(null, null);
        });
        int differ = 0;
        for (int y = 0; y < (int) shown[0].getHeight(); y++) {
            for (int x = 0; x < (int) shown[0].getWidth(); x++) {
                if (shown[0].getPixelReader().getArgb(x, y) != shown[1].getPixelReader().getArgb(x, y)) {
                    differ++;
                }
            }
        }
        assertEquals(0, differ, "pixels where the view differs from the whole chart");
        // the Other row drills into the cases where a grouped activity is followed by END
        int other = 30;
        view.viewModel().drill(other + 1, d.typeCount());
        assertTrue(model.drilldownProperty().get().description().startsWith("Sessions with Other (351 types) → END"));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void allTypesScrollWithTheLegendPinnedBesideTheColumns(FxRobot robot) throws Exception {
        await(x -> true);
        @SuppressWarnings("unchecked")
        Spinner<Integer> top = robot.lookup("#transitions-topk").queryAs(Spinner.class);
        robot.interact(() -> top.getValueFactory().setValue(TYPES));
        robot.interact(() -> view.canvas().cellSizeProperty().set(20));
        HeatmapGeometry g = await(x -> x.data().typeCount() == TYPES && x.cellSize() == 20);
        assertTrue(g.data().otherMembers().isEmpty());
        double w = view.canvas().getWidth() - 12; // the vertical scroll bar
        assertTrue(g.width() > w, "382 columns of 20 px scroll");
        double strip = g.width() - (g.gridX() + g.cols() * g.cellSize());
        double legendBarX = w - strip + (g.legend().x() - (g.gridX() + g.cols() * g.cellSize())) + 7;
        double y = g.legend().y() + 3;
        // no cell under the legend: hovering there finds none, and the painted pixel is the legend's top colour
        assertNull(view.canvas().cellAtView(legendBarX, y));
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = view.canvas().snapshot(null, null));
        Color painted = img[0].getPixelReader().getColor((int) legendBarX, (int) y);
        Color top100 = Color.web(HeatmapLayout.Ramp.LIGHT.stops().get(4));
        assertEquals(top100.getRed(), painted.getRed(), 0.08, painted.toString());
        assertEquals(top100.getBlue(), painted.getBlue(), 0.08, painted.toString());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void theDarkThemeScaleRunsFromDarkToBright(FxRobot robot) throws Exception {
        HeatmapGeometry light = await(x -> true);
        robot.interact(() -> scene.getRoot().getStyleClass().add("dark"));
        HeatmapGeometry dark = await(x -> x != light);
        List<HeatmapGeometry.Stop> stops = dark.legend().stops();
        double rare = Color.web(stops.get(0).color()).getBrightness();
        double frequent = Color.web(stops.get(stops.size() - 1).color()).getBrightness();
        assertTrue(rare < frequent, "dark theme: rare " + rare + " darker than frequent " + frequent);
        List<HeatmapGeometry.Stop> ls = light.legend().stops();
        assertTrue(Color.web(ls.get(0).color()).getBrightness() > Color.web(ls.get(ls.size() - 1).color())
                .getBrightness(), "light theme: rare is light, frequent dark");
        // the cells follow the scale: the START row's biggest share is the brightest cell of that row
        HeatmapGeometry.Cell max = dark.cells().stream().filter(c -> c.row() == 0 && c.color() != null)
                .max(java.util.Comparator.comparingDouble(HeatmapGeometry.Cell::value)).orElseThrow();
        HeatmapGeometry.Cell min = dark.cells().stream().filter(c -> c.row() == 0 && c.color() != null)
                .min(java.util.Comparator.comparingDouble(HeatmapGeometry.Cell::value)).orElseThrow();
        assertTrue(Color.web(max.color()).getBrightness() > Color.web(min.color()).getBrightness());
    }
}
