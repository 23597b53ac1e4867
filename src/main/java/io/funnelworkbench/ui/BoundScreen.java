package io.funnelworkbench.ui;

/** A screen's controller that is handed its view model once, right after its FXML is loaded. */
public interface BoundScreen<M> {
    void bind(M viewModel);
}
