package io.funnelworkbench.analysis;

import static io.funnelworkbench.analysis.FunnelSemanticsTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.PropertyCatalog.Entry;
import io.funnelworkbench.analysis.PropertyCatalog.Kind;
import io.funnelworkbench.model.EventLogBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertyCatalogTest {
    /**
     * 60 users each view with their own email and a device; 3 of them add to cart and buy with a price; one buy
     * has a coupon "10OFF", which is text.
     */
    private static PropertyCatalog catalog() {
        EventLogBuilder builder = new EventLogBuilder();
        for (int i = 0; i < 60; i++) {
            builder.add("u" + i, "view", T0 + i, null, Map.of("email", "u" + i + "@example.com",
                    "device", i % 2 == 0 ? "ios" : "web"));
        }
        for (int i = 0; i < 3; i++) {
            builder.add("u" + i, "add_to_cart", T0 + 100, null, Map.of("price", i == 0 ? "9.5" : "20", "device",
                    "ios"));
            builder.add("u" + i, "add_to_cart", T0 + 101, null, Map.of("price", "20"));
            builder.add("u" + i, "purchase", T0 + 200, null, Map.of("price", "1e2", "coupon", i == 0 ? "10OFF" : ""));
        }
        return PropertyCatalog.of(builder.build());
    }

    @Test
    void eachPropertyHasItsKindItsDistinctValuesAndTheEventsThatCarryIt() {
        PropertyCatalog catalog = catalog();
        assertThat(catalog.entries()).extracting(Entry::name).containsExactly("coupon", "device", "email", "price");
        Entry price = catalog.entry("price");
        assertThat(price.kind()).isEqualTo(Kind.NUMBER);
        assertThat(price.distinctValues()).isEqualTo(3);
        assertThat(price.rows()).isEqualTo(9);
        assertThat(price.events()).containsExactly("add_to_cart", "purchase");
        assertThat(price.onEveryEvent()).isFalse();

        Entry email = catalog.entry("email");
        assertThat(email.kind()).as("60 distinct values on 60 rows").isEqualTo(Kind.ID_LIKE);
        assertThat(email.events()).containsExactly("view");

        Entry device = catalog.entry("device");
        assertThat(device.kind()).isEqualTo(Kind.TEXT);
        assertThat(device.distinctValues()).isEqualTo(2);
        assertThat(device.events()).containsExactly("view", "add_to_cart");

        Entry coupon = catalog.entry("coupon");
        assertThat(coupon.kind()).as("\"10OFF\" is text, and an empty value does not count").isEqualTo(Kind.TEXT);
        assertThat(coupon.distinctValues()).isEqualTo(1);
        assertThat(coupon.events()).containsExactly("purchase");
    }

    @Test
    void aPropertyOnEveryRowSaysSo() {
        PropertyCatalog catalog = PropertyCatalog.of(new EventLogBuilder()
                .add("a", "view", T0, null, Map.of("country", "FR"))
                .add("a", "buy", T0 + 1, null, Map.of("country", "FR"))
                .build());
        assertThat(catalog.entry("country").onEveryEvent()).isTrue();
        assertThat(catalog.entry("country").events()).containsExactly("buy", "view");
    }

    @Test
    void fewDistinctTextValuesAreTextEvenWhenEachIsRare() {
        EventLogBuilder builder = new EventLogBuilder();
        for (int i = 0; i < 50; i++) {
            builder.add("u" + i, "view", T0, null, Map.of("campaign", "c" + i));
        }
        Entry campaign = PropertyCatalog.of(builder.build()).entry("campaign");
        assertThat(campaign.kind()).as("50 values are not more than 50").isEqualTo(Kind.TEXT);
    }
}
