package io.funnelworkbench.chart;

import io.funnelworkbench.model.PathReport;
import io.funnelworkbench.model.PathRow;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.text.PathChartText;
import io.funnelworkbench.text.PathText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.Line;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;

/**
 * The paths of a step as a flow (Sankey-style): on the left the step's users (dropped after it, or on the way to
 * the next step), then one column per position in the path (1st event, 2nd event, ...). Each listed path is a
 * chain of nodes, one per event, and paths that start alike share their first nodes, so ribbons never cross and
 * every path can be followed to its end; node heights and ribbon widths are users on one scale. "No further
 * events" and "Other paths" are their own grey nodes. Every node is named with its users; when the height cannot
 * hold every label, the least taken listed paths join Other paths and the chart says so.
 */
public final class PathFlowChart extends SurfaceChart {
    private static final double PAD = 12;
    private static final double NODE_WIDTH = 12;
    private static final double NODE_GAP = 10;
    private static final double SIBLING_GAP = 3;
    private static final double LABEL_GAP = 5;
    private static final double LABEL_SPACING = 4;
    private static final double RIBBON_OPACITY = 0.3;

    /** What a drawn node stands for. */
    public enum NodeKind { STEP, EVENT, NO_FURTHER_EVENTS, OTHER_PATHS }

    /** A node as drawn: its column (0 is the step), the events of its path so far, its name and users. */
    public record DrawnNode(int column, List<String> path, String name, long users, NodeKind kind) {
    }

    private PathReport report;
    private String stepName = "";
    private String nextStepName = "";
    private String group;
    private List<DrawnNode> drawnNodes = List.of();
    private int groupedPaths;
    private Consumer<DrawnNode> onNodeClicked = node -> { };

    public PathFlowChart() {
        super("path-flow-chart", 960, 480);
    }

    /** Shows a report of the step named {@code stepName} (next step {@code nextStepName}); null shows nothing. */
    public void setReport(PathReport report, String stepName, String nextStepName) {
        setReport(report, stepName, nextStepName, null);
    }

    /** As {@link #setReport(PathReport, String, String)}, for the users of one breakdown group ("device = mobile"). */
    public void setReport(PathReport report, String stepName, String nextStepName, String group) {
        this.report = report;
        this.stepName = stepName == null ? "" : stepName;
        this.nextStepName = nextStepName == null ? "" : nextStepName;
        this.group = group;
        redrawLater();
    }

    /** Called with the node clicked. */
    public void setOnNodeClicked(Consumer<DrawnNode> handler) {
        onNodeClicked = handler == null ? node -> { } : handler;
    }

    /** The nodes drawn at the current size, column by column. */
    public List<DrawnNode> drawnNodes() {
        return drawnNodes;
    }

    /** How many listed paths the chart grouped in Other paths for room (0 when every listed path is drawn). */
    public int groupedPaths() {
        return groupedPaths;
    }

    @Override
    public Region copyForExport() {
        PathFlowChart copy = new PathFlowChart();
        copy.setReport(report, stepName, nextStepName, group);
        return copy;
    }

    @Override
    List<Node> draw(double width, double height) {
        drawnNodes = List.of();
        groupedPaths = 0;
        if (report == null) {
            return List.of(ChartSurface.placeholder("Computing the paths…", width, height));
        }
        if (report.users() == 0) {
            return List.of(ChartSurface.placeholder("Nobody: " + PathChartText.whose(report.kind(), report.step(),
                    stepName, nextStepName, group), width, height));
        }
        List<Node> nodes = new ArrayList<>();
        Font titleFont = ChartStyle.bold(13);
        Font noteFont = ChartStyle.regular(11);
        Font headerFont = ChartStyle.bold(11);
        double textWidth = width - 2 * PAD;
        double y = PAD;
        String title = PathChartText.title(report, stepName, nextStepName, group);
        for (String line : TextFit.wrap(title, titleFont, textWidth, 2)) {
            nodes.add(TextFit.text(line, titleFont, ChartStyle.TEXT, PAD, y));
            y += TextFit.lineHeight(titleFont);
        }
        List<String> notes = new ArrayList<>(List.of(PathChartText.howToRead(report)));
        Columns columns = new Columns(width, report.depth());
        Layout layout = null;
        List<PathRow> named = namedPaths();
        double flowTop = y + 2 + 2 * (TextFit.lineHeight(noteFont) + 2) + TextFit.lineHeight(headerFont) + 8;
        for (int drawn = named.size(); drawn >= 0; drawn--) {
            layout = Layout.of(this, named.subList(0, drawn), named.subList(drawn, named.size()), columns,
                    flowTop, height - PAD);
            if (layout.labelsFit()) {
                groupedPaths = named.size() - drawn;
                break;
            }
        }
        if (groupedPaths > 0) {
            notes.add(PathChartText.grouped(groupedPaths, named.size()));
        }
        for (String note : notes) {
            for (String line : TextFit.wrap(note, noteFont, textWidth, 2)) {
                nodes.add(TextFit.text(line, noteFont, ChartStyle.TEXT_MUTED, PAD, y + 2));
                y += TextFit.lineHeight(noteFont) + 2;
            }
        }
        for (int column = 1; column <= report.depth(); column++) {
            nodes.add(TextFit.text(PathChartText.column(column), headerFont, ChartStyle.TEXT_MUTED,
                    columns.x(column), flowTop - TextFit.lineHeight(headerFont) - 6));
        }
        layout.drawInto(nodes);
        drawnNodes = layout.drawnNodes();
        return nodes;
    }

    /** The listed paths with events, most users first (the empty path has its own node). */
    private List<PathRow> namedPaths() {
        return report.paths().stream().filter(p -> !p.events().isEmpty() && p.users() > 0).toList();
    }

    private long emptyPathUsers() {
        return report.paths().stream().filter(p -> p.events().isEmpty()).mapToLong(PathRow::users).sum();
    }

    /** Where the columns sit: the step at column 0, then one per position, each with room for its labels. */
    private record Columns(double width, int depth) {
        double step() {
            return (width - 2 * PAD) / (depth + 1);
        }

        double x(int column) {
            return PAD + column * step();
        }

        double labelWidth() {
            return Math.max(40, step() - NODE_WIDTH - 2 * LABEL_GAP - 4);
        }
    }

    /** One node of the flow and where it is drawn; children are the events that came next on listed paths. */
    private static final class FlowNode {
        final int column;
        final List<String> path;
        final String name;
        final NodeKind kind;
        final List<FlowNode> children = new ArrayList<>();
        long users;
        double y;
        double height;
        Label label;

        FlowNode(int column, List<String> path, String name, NodeKind kind) {
            this.column = column;
            this.path = path;
            this.name = name;
            this.kind = kind;
        }

        double bottom() {
            return y + height;
        }

        boolean muted() {
            return kind == NodeKind.NO_FURTHER_EVENTS || kind == NodeKind.OTHER_PATHS;
        }
    }

    /** A node's label: its lines, where it is drawn and how tall it is. */
    private record Label(List<String> nameLines, String countLine, Font nameFont, Font countFont, double width,
                         double height, double[] top) {
        static Label of(String name, String count, double maxWidth, int nameLines, boolean bold) {
            Font nameFont = bold ? ChartStyle.bold(12) : ChartStyle.regular(12);
            Font countFont = ChartStyle.regular(11);
            List<String> lines = TextFit.wrap(name, nameFont, maxWidth, nameLines);
            double width = Math.max(TextFit.widest(lines, nameFont), TextFit.width(count, countFont));
            double height = lines.size() * TextFit.lineHeight(nameFont) + TextFit.lineHeight(countFont);
            return new Label(lines, count, nameFont, countFont, width, height, new double[1]);
        }
    }

    /** The flow laid out in a height: nodes per column, their positions, and their labels' positions. */
    private static final class Layout {
        private final PathFlowChart chart;
        private final Columns columns;
        private final double top;
        private final double bottom;
        private final FlowNode start;
        private final List<List<FlowNode>> byColumn = new ArrayList<>();

        private Layout(PathFlowChart chart, Columns columns, double top, double bottom, FlowNode start) {
            this.chart = chart;
            this.columns = columns;
            this.top = top;
            this.bottom = bottom;
            this.start = start;
        }

        static Layout of(PathFlowChart chart, List<PathRow> drawn, List<PathRow> grouped, Columns columns,
                         double top, double bottom) {
            PathReport report = chart.report;
            FlowNode start = new FlowNode(0, List.of(), PathChartText.whose(report.kind(), report.step(),
                    chart.stepName, chart.nextStepName, chart.group), NodeKind.STEP);
            start.users = report.users();
            for (PathRow path : drawn) {
                FlowNode node = start;
                for (int i = 0; i < path.events().size(); i++) {
                    node = child(node, path.events().subList(0, i + 1));
                    node.users += path.users();
                }
            }
            sortChildren(start);
            long none = chart.emptyPathUsers();
            if (none > 0) {
                FlowNode node = new FlowNode(1, List.of(), PathText.label(List.of(), report.kind()),
                        NodeKind.NO_FURTHER_EVENTS);
                node.users = none;
                start.children.add(node);
            }
            long other = report.otherPathsUsers() + grouped.stream().mapToLong(PathRow::users).sum();
            if (other > 0) {
                FlowNode node = new FlowNode(1, null, PathText.OTHER_PATHS, NodeKind.OTHER_PATHS);
                node.users = other;
                start.children.add(node);
            }
            Layout layout = new Layout(chart, columns, top, bottom, start);
            layout.collectColumns();
            layout.placeNodes();
            layout.placeLabels();
            return layout;
        }

        private static FlowNode child(FlowNode parent, List<String> path) {
            for (FlowNode child : parent.children) {
                if (child.path.equals(path)) {
                    return child;
                }
            }
            FlowNode child = new FlowNode(path.size(), List.copyOf(path), path.get(path.size() - 1),
                    NodeKind.EVENT);
            parent.children.add(child);
            return child;
        }

        private static void sortChildren(FlowNode node) {
            node.children.sort((a, b) -> Long.compare(b.users, a.users));
            node.children.forEach(Layout::sortChildren);
        }

        /** Columns in the order of their parents, so that ribbons never cross. */
        private void collectColumns() {
            byColumn.add(List.of(start));
            List<FlowNode> previous = List.of(start);
            while (true) {
                List<FlowNode> next = new ArrayList<>();
                previous.forEach(node -> next.addAll(node.children));
                if (next.isEmpty()) {
                    break;
                }
                byColumn.add(next);
                previous = next;
            }
        }

        private void placeNodes() {
            List<FlowNode> first = byColumn.get(1);
            double gaps = (first.size() - 1) * NODE_GAP;
            double scale = Math.max(0, bottom - top - gaps) / start.users;
            start.height = Math.max(1, start.users * scale);
            start.y = top + gaps / 2;
            double y = top;
            for (FlowNode node : first) {
                node.height = Math.max(1, node.users * scale);
                node.y = y;
                y += node.height + NODE_GAP;
            }
            for (int column = 2; column < byColumn.size(); column++) {
                double floor = top;
                for (FlowNode parent : byColumn.get(column - 1)) {
                    double slot = parent.y;
                    for (FlowNode child : parent.children) {
                        child.height = Math.max(1, child.users * scale);
                        child.y = Math.max(slot, floor);
                        slot = child.bottom() + SIBLING_GAP;
                        floor = child.bottom() + SIBLING_GAP;
                    }
                    floor = Math.max(floor, parent.bottom() + SIBLING_GAP);
                }
                pullUpInto(byColumn.get(column), bottom);
            }
        }

        /** When nodes were pushed past the bottom, moves them up just enough, keeping their order. */
        private static void pullUpInto(List<FlowNode> column, double bottom) {
            double limit = bottom;
            for (int i = column.size() - 1; i >= 0; i--) {
                FlowNode node = column.get(i);
                if (node.bottom() > limit) {
                    node.y = limit - node.height;
                }
                limit = node.y - SIBLING_GAP;
            }
        }

        private void placeLabels() {
            double maxWidth = columns.labelWidth();
            for (List<FlowNode> column : byColumn) {
                for (FlowNode node : column) {
                    String count = node.kind == NodeKind.STEP ? Numbers.counted(node.users, "user")
                            : PathChartText.usersAndShare(node.users, start.users);
                    node.label = Label.of(node.name, count, maxWidth, node.kind == NodeKind.STEP ? 4 : 3,
                            node.kind == NodeKind.STEP);
                }
                spread(column);
            }
        }

        /** Labels at their nodes' middles, pushed apart where they would overlap and kept inside the flow. */
        private void spread(List<FlowNode> column) {
            double floor = top;
            for (FlowNode node : column) {
                double wanted = node.y + node.height / 2 - node.label.height() / 2;
                node.label.top()[0] = Math.max(wanted, floor);
                floor = node.label.top()[0] + node.label.height() + LABEL_SPACING;
            }
            double limit = bottom;
            for (int i = column.size() - 1; i >= 0; i--) {
                Label label = column.get(i).label;
                label.top()[0] = Math.min(label.top()[0], limit - label.height());
                limit = label.top()[0] - LABEL_SPACING;
            }
        }

        boolean labelsFit() {
            for (List<FlowNode> column : byColumn) {
                double needed = column.stream().mapToDouble(n -> n.label.height() + LABEL_SPACING).sum()
                        - LABEL_SPACING;
                if (needed > bottom - top) {
                    return false;
                }
            }
            return true;
        }

        List<DrawnNode> drawnNodes() {
            List<DrawnNode> drawn = new ArrayList<>();
            byColumn.forEach(column -> column.forEach(node -> drawn.add(drawnNode(node))));
            return List.copyOf(drawn);
        }

        private static DrawnNode drawnNode(FlowNode node) {
            return new DrawnNode(node.column, node.path, node.name, node.users, node.kind);
        }

        void drawInto(List<Node> nodes) {
            for (List<FlowNode> column : byColumn) {
                for (FlowNode node : column) {
                    double slot = node.y;
                    for (FlowNode child : node.children) {
                        nodes.add(ribbon(node, slot, child));
                        slot += child.height;
                    }
                }
            }
            for (List<FlowNode> column : byColumn) {
                for (FlowNode node : column) {
                    nodes.add(box(node));
                }
            }
            for (List<FlowNode> column : byColumn) {
                for (FlowNode node : column) {
                    drawLabel(nodes, node);
                }
            }
        }

        private Node ribbon(FlowNode from, double slot, FlowNode to) {
            double x1 = columns.x(from.column) + NODE_WIDTH;
            double x2 = columns.x(to.column);
            double middle = (x1 + x2) / 2;
            double height = to.height;
            Path ribbon = new Path(new MoveTo(x1, slot), new CubicCurveTo(middle, slot, middle, to.y, x2, to.y),
                    new LineTo(x2, to.y + height), new CubicCurveTo(middle, to.y + height, middle, slot + height, x1,
                    slot + height), new ClosePath());
            ribbon.setStroke(null);
            ribbon.setFill(to.muted() ? ChartStyle.TEXT_FAINT : ChartStyle.ACCENT);
            ribbon.setOpacity(RIBBON_OPACITY);
            ribbon.getStyleClass().add("path-ribbon");
            return ribbon;
        }

        private Node box(FlowNode node) {
            double x = columns.x(node.column);
            Node box;
            if (node.kind == NodeKind.OTHER_PATHS) {
                box = Hatching.rectangle(x, node.y, NODE_WIDTH, node.height, ChartStyle.DROP_FILL,
                        ChartStyle.DROP_HATCH, ChartStyle.TEXT_FAINT);
            } else {
                Rectangle rectangle = new Rectangle(x, node.y, NODE_WIDTH, node.height);
                rectangle.setFill(node.kind == NodeKind.STEP ? ChartStyle.ACCENT_DARK
                        : node.muted() ? ChartStyle.TEXT_FAINT : ChartStyle.ACCENT);
                box = rectangle;
            }
            // The hit area is at least a label's height, so a thin node can still be clicked.
            double hitTop = Math.min(node.y, node.label.top()[0]);
            double hitBottom = Math.max(node.bottom(), node.label.top()[0] + node.label.height());
            Rectangle hit = new Rectangle(x, hitTop, NODE_WIDTH + LABEL_GAP + node.label.width(), hitBottom - hitTop);
            hit.setFill(Color.TRANSPARENT);
            hit.setCursor(Cursor.HAND);
            DrawnNode drawn = drawnNode(node);
            hit.getProperties().put("path-node", drawn);
            hit.setOnMouseClicked(e -> chart.onNodeClicked.accept(drawn));
            return new Group(box, hit);
        }

        private void drawLabel(List<Node> nodes, FlowNode node) {
            Label label = node.label;
            double x = columns.x(node.column) + NODE_WIDTH + LABEL_GAP;
            double labelTop = label.top()[0];
            double middle = node.y + node.height / 2;
            if (middle < labelTop || middle > labelTop + label.height()) {
                // The label had to move away from a thin node: a leader line says which node it names.
                Line leader = new Line(x - LABEL_GAP + 1, middle, x - 1, Math.max(labelTop + 6,
                        Math.min(middle, labelTop + label.height() - 6)));
                leader.setStroke(ChartStyle.AXIS);
                nodes.add(leader);
            }
            Rectangle backdrop = new Rectangle(x - 2, labelTop - 1, label.width() + 4, label.height() + 2);
            backdrop.setFill(Color.WHITE);
            backdrop.setOpacity(0.82);
            backdrop.setArcWidth(4);
            backdrop.setArcHeight(4);
            nodes.add(backdrop);
            double y = labelTop;
            Color nameColour = node.muted() ? ChartStyle.TEXT_MUTED : ChartStyle.TEXT;
            for (String line : label.nameLines()) {
                nodes.add(TextFit.text(line, label.nameFont(), nameColour, x, y));
                y += TextFit.lineHeight(label.nameFont());
            }
            nodes.add(TextFit.text(label.countLine(), label.countFont(), ChartStyle.TEXT_MUTED, x, y));
        }
    }
}
