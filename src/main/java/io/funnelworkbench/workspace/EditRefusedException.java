package io.funnelworkbench.workspace;

/**
 * An edit the workspace's rules refuse, such as a second goal with a name already taken. The message is a
 * sentence for the user, naming the goal or funnel; nothing was changed.
 */
public class EditRefusedException extends IllegalArgumentException {
    public EditRefusedException(String sentence) {
        super(sentence);
    }
}
