package io.funnelworkbench.chart;

import javafx.scene.layout.Region;

/** A chart that can make a fresh copy of itself, so exporting never takes the on-screen node out of its window. */
interface ExportableChart {
    Region copyForExport();
}
