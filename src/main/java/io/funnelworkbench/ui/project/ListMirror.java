package io.funnelworkbench.ui.project;

import java.util.List;
import javafx.collections.ObservableList;

/**
 * Makes an observable list equal to the workspace's list with the smallest change a single edit needs (one
 * element replaced, added or removed), so list views keep their selection and scroll position.
 */
final class ListMirror {
    private ListMirror() {
    }

    static <T> void follow(ObservableList<T> mirror, List<T> truth) {
        if (mirror.equals(truth)) {
            return;
        }
        if (mirror.size() == truth.size()) {
            for (int i = 0; i < truth.size(); i++) {
                if (!mirror.get(i).equals(truth.get(i))) {
                    mirror.set(i, truth.get(i));
                }
            }
            return;
        }
        int first = firstDifference(mirror, truth);
        if (mirror.size() + 1 == truth.size() && sameWithout(truth, first, mirror)) {
            mirror.add(first, truth.get(first));
        } else if (mirror.size() == truth.size() + 1 && sameWithout(mirror, first, truth)) {
            mirror.remove(first);
        } else {
            mirror.setAll(truth);
        }
    }

    private static <T> int firstDifference(List<T> a, List<T> b) {
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        return i;
    }

    /** Whether {@code longer} without its element at {@code index} equals {@code shorter}. */
    private static <T> boolean sameWithout(List<T> longer, int index, List<T> shorter) {
        for (int i = index; i < shorter.size(); i++) {
            if (!longer.get(i + 1).equals(shorter.get(i))) {
                return false;
            }
        }
        return true;
    }
}
