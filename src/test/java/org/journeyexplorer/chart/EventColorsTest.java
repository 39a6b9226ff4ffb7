package org.journeyexplorer.chart;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event colours: derived from the name only, red kept for drop-offs, the palette's colours kept apart. */
class EventColorsTest {

    /** sRGB hex → OKLab (Björn Ottosson's matrices), the space in which the palette was chosen. */
    static double[] oklab(String hex) {
        int[] c = EventColors.rgb(hex);
        double[] lin = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = c[i] / 255.0;
            lin[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        double l = Math.cbrt(0.4122214708 * lin[0] + 0.5363325363 * lin[1] + 0.0514459929 * lin[2]);
        double m = Math.cbrt(0.2119034982 * lin[0] + 0.6806995451 * lin[1] + 0.1073969566 * lin[2]);
        double s = Math.cbrt(0.0883024619 * lin[0] + 0.2817188376 * lin[1] + 0.6299787005 * lin[2]);
        return new double[]{0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
                1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
                0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s};
    }

    static double distance(String a, String b) {
        double[] x = oklab(a);
        double[] y = oklab(b);
        return Math.sqrt(Math.pow(x[0] - y[0], 2) + Math.pow(x[1] - y[1], 2) + Math.pow(x[2] - y[2], 2));
    }

    @Test
    void hexWritesWhatTheFormatterWrote() {
        for (int r = 0; r < 256; r += 5) {
            for (int g = 0; g < 256; g += 17) {
                for (int b : new int[]{0, 1, 15, 16, 128, 254, 255}) {
                    assertEquals(String.format("#%02x%02x%02x", r, g, b), EventColors.hex(r, g, b));
                }
            }
        }
        assertEquals("#0a0b0c", EventColors.hex(10, 11, 12));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> EventColors.hex(256, 0, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> EventColors.hex(0, -1, 0));
    }

    @Test
    void heatmapRampsKeepTheirColours() {
        // the ramp's 257 steps, made without the formatter now: ends at the stops, and a mid step by hand
        HeatmapLayout.Ramp light = HeatmapLayout.Ramp.LIGHT;
        assertEquals("#d4e4f4", light.colorAt(0));
        assertEquals("#08306b", light.colorAt(1));
        assertEquals("#6baed6", light.colorAt(0.5));
        // a quarter of the way from #d4e4f4 to #a9cbe6 (f = 1/16): d4 - 0.25 * 2b = 201.25 → c9, e4 - 0.25 * 19 =
        // 221.75 → de, f4 - 0.25 * e = 240.5 → f1 (rounded half up)
        assertEquals("#c9def1", light.colorAt(1 / 16.0));
    }

    @Test
    void aColourDependsOnTheNameOnly() {
        // pinned: a change of the derivation would recolour every user's charts, so it must be deliberate
        assertEquals("#c07e45", EventColors.colorOf("page_view"));
        assertEquals("#795ac4", EventColors.colorOf("search"));
        assertEquals("#eb83d4", EventColors.colorOf("purchase"));
        assertEquals(EventColors.colorOf("page_view"), EventColors.colorOf(new String("page_view")));
        assertEquals(EventColors.START_COLOR, EventColors.colorOf(EventColors.START));
        assertEquals(EventColors.OTHER_COLOR, EventColors.colorOf(null));
    }

    @Test
    void redIsForDropOffsOnlyAndGreysForSyntheticNodes() {
        for (String c : EventColors.palette()) {
            assertTrue(distance(c, EventColors.DROP_OFF_COLOR) >= 0.10, c + " is too close to the drop-off red");
            for (String grey : List.of(EventColors.START_COLOR, EventColors.END_COLOR, EventColors.OTHER_COLOR)) {
                assertTrue(distance(c, grey) >= 0.08, c + " is too close to the grey " + grey);
            }
            double[] lab = oklab(c);
            double hue = Math.toDegrees(Math.atan2(lab[2], lab[1]));
            hue = hue < 0 ? hue + 360 : hue;
            assertTrue(hue >= 50 && hue < 340, c + " has a red hue " + hue);
        }
    }

    @Test
    void paletteColoursStayApart() {
        List<String> p = EventColors.palette();
        assertEquals(24, p.stream().distinct().count());
        double min = Double.MAX_VALUE;
        for (int i = 0; i < p.size(); i++) {
            for (int j = i + 1; j < p.size(); j++) {
                min = Math.min(min, distance(p.get(i), p.get(j)));
            }
        }
        // ≈ 6.7 ΔE in OKLab ×100; a just noticeable difference is about 2
        assertTrue(min >= 0.065, "closest pair " + min);
        // farthest-point order: each colour is far from the one before it
        for (int i = 1; i < p.size(); i++) {
            assertTrue(distance(p.get(i - 1), p.get(i)) >= 0.085, p.get(i - 1) + " next to " + p.get(i));
        }
    }
}
