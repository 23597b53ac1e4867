package io.funnelworkbench.testing;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

/** Checks on rendered images: that something was drawn, and how wide a colour runs. */
public final class Pixels {
    /** The charts' accent blue (RGB), the colour of their bars. */
    public static final int CHART_ACCENT = 0x2F6FB3;
    private Pixels() {
    }

    /** Distinct colours among every {@code step}-th pixel in both directions: a blank image has one. */
    public static int distinctColours(BufferedImage image, int step) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += step) {
            for (int x = 0; x < image.getWidth(); x += step) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** The longest horizontal run of pixels of exactly this RGB colour (alpha ignored). */
    public static int widestRun(BufferedImage image, int rgb) {
        int widest = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            int run = 0;
            for (int x = 0; x < image.getWidth(); x++) {
                run = (image.getRGB(x, y) & 0xFFFFFF) == rgb ? run + 1 : 0;
                widest = Math.max(widest, run);
            }
        }
        return widest;
    }
}
