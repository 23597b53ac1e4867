package io.funnelworkbench.ui.dialogs;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The dialogs as JavaFX windows, owned by the app's focused window (the goal editor or import wizard when open,
 * else the main window). File choosers remember the last folder per kind of file while the app runs.
 */
public final class FxDialogs implements Dialogs {
    private final Map<String, Path> lastFolders = new HashMap<>();

    @Override
    public Optional<Path> openFile(FileRequest request) {
        return remember(request, Optional.ofNullable(chooser(request).showOpenDialog(owner())).map(File::toPath));
    }

    @Override
    public List<Path> openFiles(FileRequest request) {
        List<File> chosen = chooser(request).showOpenMultipleDialog(owner());
        List<Path> files = chosen == null ? List.of() : chosen.stream().map(File::toPath).toList();
        remember(request, files.stream().findFirst());
        return files;
    }

    @Override
    public Optional<Path> saveFile(FileRequest request) {
        return remember(request, Optional.ofNullable(chooser(request).showSaveDialog(owner())).map(File::toPath));
    }

    private FileChooser chooser(FileRequest request) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(request.title());
        if (request.initialName() != null) {
            chooser.setInitialFileName(request.initialName());
        }
        request.filters().forEach(filter -> chooser.getExtensionFilters()
                .add(new FileChooser.ExtensionFilter(filter.description(), filter.patterns())));
        Path folder = lastFolders.get(request.kind());
        if (folder != null && Files.isDirectory(folder)) {
            chooser.setInitialDirectory(folder.toFile());
        }
        return chooser;
    }

    private Optional<Path> remember(FileRequest request, Optional<Path> chosen) {
        chosen.map(Path::toAbsolutePath).map(Path::getParent)
                .ifPresent(folder -> lastFolders.put(request.kind(), folder));
        return chosen;
    }

    @Override
    public Answer confirm(Confirmation question) {
        ButtonType yes = new ButtonType(question.yesLabel(), ButtonData.YES);
        ButtonType no = question.noLabel() == null ? null : new ButtonType(question.noLabel(), ButtonData.NO);
        ButtonType cancel = new ButtonType(question.cancelLabel(), ButtonData.CANCEL_CLOSE);
        Alert alert = alert(Alert.AlertType.CONFIRMATION, question.title(), question.question(), question.details());
        alert.getButtonTypes().setAll(no == null ? List.of(yes, cancel) : List.of(yes, no, cancel));
        ButtonType answer = alert.showAndWait().orElse(cancel);
        return answer == yes ? Answer.YES : answer == no ? Answer.NO : Answer.CANCEL;
    }

    @Override
    public Optional<String> askText(String title, String question, String initialText) {
        TextInputDialog dialog = new TextInputDialog(initialText);
        ownBy(dialog);
        dialog.setTitle(title);
        dialog.setHeaderText(question);
        return dialog.showAndWait();
    }

    @Override
    public void error(String message, Throwable details) {
        Alert alert = alert(Alert.AlertType.ERROR, "Funnel Workbench", "That did not work", null);
        Label text = new Label(message);
        text.setWrapText(true);
        alert.getDialogPane().setContent(new VBox(text));
        alert.getDialogPane().setMinWidth(520);
        if (details != null) {
            TextArea trace = new TextArea(stackTrace(details));
            trace.setEditable(false);
            trace.setPrefRowCount(14);
            VBox.setVgrow(trace, Priority.ALWAYS);
            trace.setId("errorDetails");
            alert.getDialogPane().setExpandableContent(new VBox(6, new Label("Details, for a bug report:"), trace));
        }
        alert.show();
    }

    @Override
    public void info(String title, String header, String message) {
        alert(Alert.AlertType.INFORMATION, title, header, message).showAndWait();
    }

    private Alert alert(Alert.AlertType type, String title, String header, String content) {
        Alert alert = new Alert(type);
        ownBy(alert);
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.setContentText(content);
        return alert;
    }

    private static void ownBy(Dialog<?> dialog) {
        Window owner = owner();
        if (owner != null) {
            dialog.initOwner(owner);
        }
    }

    /** The focused window, else the first one showing: the dialog appears over what the user is looking at. */
    private static Window owner() {
        List<Window> showing = Window.getWindows().stream().filter(Window::isShowing).toList();
        return showing.stream().filter(Window::isFocused).findFirst()
                .orElse(showing.stream().filter(Stage.class::isInstance).findFirst().orElse(null));
    }

    static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
