package io.funnelworkbench.ui;

import io.funnelworkbench.ui.dialogs.Confirmation;
import io.funnelworkbench.ui.dialogs.Dialogs;
import io.funnelworkbench.ui.dialogs.FileRequest;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Dialogs answered from a script, for UI tests: queue the answers a test expects to give, then read what was
 * asked and shown. A question with no answer queued fails the test rather than blocking it on a native window.
 */
public final class ScriptedDialogs implements Dialogs {
    private final Deque<Object> answers = new ArrayDeque<>();
    private final List<String> asked = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();

    /** The next file chooser answers {@code files}; {@link #cancel()} answers as a cancelled chooser. */
    public ScriptedDialogs willChoose(Path... files) {
        answers.add(List.of(files));
        return this;
    }

    public ScriptedDialogs willAnswer(Answer answer) {
        answers.add(answer);
        return this;
    }

    public ScriptedDialogs willType(String text) {
        answers.add(Optional.of(text));
        return this;
    }

    /** The next question of any kind is cancelled. */
    public ScriptedDialogs cancel() {
        answers.add(Optional.empty());
        return this;
    }

    /** Titles and questions asked so far, in order. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    public List<String> infos() {
        return List.copyOf(infos);
    }

    public boolean allAnswersUsed() {
        return answers.isEmpty();
    }

    @Override
    public Optional<Path> openFile(FileRequest request) {
        return openFiles(request).stream().findFirst();
    }

    @Override
    public List<Path> openFiles(FileRequest request) {
        Object answer = next(request.title());
        @SuppressWarnings("unchecked")
        List<Path> files = answer instanceof List<?> list ? (List<Path>) list : List.of();
        return files;
    }

    @Override
    public Optional<Path> saveFile(FileRequest request) {
        return openFile(request);
    }

    @Override
    public Answer confirm(Confirmation question) {
        Object answer = next(question.question());
        return answer instanceof Answer given ? given : Answer.CANCEL;
    }

    @Override
    public Optional<String> askText(String title, String question, String initialText) {
        Object answer = next(question);
        return answer instanceof Optional<?> text ? text.map(String.class::cast) : Optional.empty();
    }

    @Override
    public void error(String message, Throwable details) {
        errors.add(message);
    }

    @Override
    public void info(String title, String header, String message) {
        infos.add(header);
    }

    private Object next(String question) {
        asked.add(question);
        if (answers.isEmpty()) {
            throw new AssertionError("The app asked “" + question + "” but the test scripted no answer");
        }
        return answers.poll();
    }
}
