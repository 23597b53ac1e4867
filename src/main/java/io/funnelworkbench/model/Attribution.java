package io.funnelworkbench.model;

/** Which event's property value puts a user into a breakdown group. */
public enum Attribution {
    /** The user's earliest step-1 event (in any order: the earliest event matching any step). */
    FIRST_TOUCH,
    /** The event of the last step the user reached in the counted attempt. */
    LAST_STEP
}
