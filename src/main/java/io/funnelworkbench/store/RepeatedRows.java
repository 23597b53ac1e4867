package io.funnelworkbench.store;

/**
 * What an import does with rows identical to events the project already has (same user, event, time, session
 * and properties), as an export that overlaps an earlier one brings: refuse the file (the default, saying how
 * many), import only the other rows, or import them all anyway.
 */
public enum RepeatedRows { REFUSE, ONLY_NEW, APPEND }
