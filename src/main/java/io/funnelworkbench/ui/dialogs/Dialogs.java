package io.funnelworkbench.ui.dialogs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every question and message the app puts in front of the user in a window of its own: file choosers,
 * confirmations, text prompts, errors and information. Screens ask through this one service, so that the look and
 * the remembered folders are the same everywhere, and so that UI tests can answer with a scripted implementation.
 * Call on the FX thread.
 */
public interface Dialogs {
    /** One file to read, or empty when the user cancels. */
    Optional<Path> openFile(FileRequest request);

    /** Files to read; empty when the user cancels. */
    List<Path> openFiles(FileRequest request);

    /** Where to write, or empty when the user cancels. */
    Optional<Path> saveFile(FileRequest request);

    /** Asks a question with up to three answers; closing the dialog answers {@link Answer#CANCEL}. */
    Answer confirm(Confirmation question);

    /** A line of text (such as a name), or empty when the user cancels. */
    Optional<String> askText(String title, String question, String initialText);

    /** A failure the user must read; {@code details}, when not null, can be expanded to its stack trace. */
    void error(String message, Throwable details);

    /** Something worth a window of its own, such as the About box. */
    void info(String title, String header, String message);

    /** The user's answer to a {@link Confirmation}. */
    enum Answer {
        YES, NO, CANCEL
    }
}
