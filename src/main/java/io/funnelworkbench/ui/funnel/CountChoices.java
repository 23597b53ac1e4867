package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.analysis.PropertyCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The properties the builder's Count list offers: those that look like ids first (an account, company or team id
 * is what a funnel is usually counted by), then the others, each part in name order.
 */
final class CountChoices {
    private CountChoices() {
    }

    /**
     * {@code names} in the order of the list; a property looks like an id when its name ends in an "id" word or,
     * once the {@code catalog} is known (may be null), when the catalog calls it id-like.
     */
    static List<String> of(Collection<String> names, PropertyCatalog catalog) {
        Set<String> idLike = catalog == null ? Set.of() : catalog.entries().stream()
                .filter(e -> e.kind() == PropertyCatalog.Kind.ID_LIKE).map(PropertyCatalog.Entry::name)
                .collect(Collectors.toSet());
        List<String> ids = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String name : names.stream().sorted().toList()) {
            (idLike.contains(name) || looksLikeId(name) ? ids : others).add(name);
        }
        ids.addAll(others);
        return ids;
    }

    /** "id", "company_id", "team-id", "account id", "companyId"; not "paid". */
    private static boolean looksLikeId(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("id") || lower.matches(".*[_\\- .]id") || name.matches(".*[a-z]Id");
    }
}
