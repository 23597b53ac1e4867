package io.funnelworkbench.ui.dialogs;

import java.util.List;

/**
 * What a file chooser asks for. Choosers of the same {@code kind} (projects, event exports, tables, images)
 * open in the folder last used for that kind.
 */
public record FileRequest(String kind, String title, String initialName, List<Filter> filters) {
    public FileRequest {
        filters = List.copyOf(filters);
    }

    public static FileRequest of(String kind, String title, String initialName, Filter... filters) {
        return new FileRequest(kind, title, initialName, List.of(filters));
    }

    /** A choice in the chooser's file type list, such as "CSV" with "*.csv". */
    public record Filter(String description, List<String> patterns) {
        public Filter {
            patterns = List.copyOf(patterns);
        }

        public static Filter of(String description, String... patterns) {
            return new Filter(description, List.of(patterns));
        }
    }
}
