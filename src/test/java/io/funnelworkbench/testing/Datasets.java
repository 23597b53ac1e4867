package io.funnelworkbench.testing;

import java.nio.file.Path;

/** The real public exports the tests read, kept in the repository (see src/test/resources/datasets/README.md). */
public final class Datasets {
    public static final Path ROOT = Path.of("src", "test", "resources", "datasets");
    public static final Path OLIST = ROOT.resolve("olist-marketing-funnel");
    public static final Path OLIST_LEADS = OLIST.resolve("olist_marketing_qualified_leads_dataset.csv");
    public static final Path OLIST_DEALS = OLIST.resolve("olist_closed_deals_dataset.csv");
    public static final Path SHOPPERS = ROOT.resolve("uci-online-shoppers-intention/online_shoppers_intention.csv");

    private Datasets() {
    }
}
