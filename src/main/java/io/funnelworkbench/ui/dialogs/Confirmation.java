package io.funnelworkbench.ui.dialogs;

/**
 * A question such as "Save changes?": the labels of its answers name what they do ("Save", "Don't save") rather
 * than saying yes or no. A null {@code noLabel} leaves that answer out.
 */
public record Confirmation(String title, String question, String details, String yesLabel, String noLabel,
                           String cancelLabel) {
    /** Save, Don't save or Cancel, before work that is not saved would be lost. */
    public static Confirmation saveChanges(String what) {
        return new Confirmation("Save changes?", "Save the changes to " + what + "?",
                "If you don't save, your changes will be lost.", "Save", "Don't save", "Cancel");
    }
}
