package cn.jinhua.ducha.web;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import cn.jinhua.ducha.rulebook.Rulebook;
import cn.jinhua.ducha.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules the server judges with. A reload compiles {@code rules/} afresh beside the rules in force and swaps
 * them in one step only when the new ones compile; a request holds the rulebook it started with to its end.
 */
public final class RulesInForce {

    private static final Logger LOG = LoggerFactory.getLogger(RulesInForce.class);

    private final Path directory;
    private final Store store;
    private final AtomicReference<Rulebook> current;

    RulesInForce(Path directory, Store store) {
        this.directory = directory;
        this.store = store;
        Rulebook first = Rulebook.load(directory);
        store.runs().storeRuleset(first);
        this.current = new AtomicReference<>(first);
    }

    public Rulebook current() {
        return current.get();
    }

    /**
     * The id of the unit a request names by id, code, Chinese name or alias; an unknown name is answered as given,
     * so that a filter on it finds nothing rather than failing.
     */
    public String unitId(String name) {
        return name == null ? null : current().catalogue().unit(name).map(u -> u.id()).orElse(name);
    }

    /** The outcome of a reload: the ruleset before and after, and whether the store had not seen it before. */
    public record Reloaded(String before, String after, int rules, boolean recorded) {
    }

    /**
     * Compiles {@code rules/} afresh. On success the new rules are recorded in the store and the audit chain, then
     * put in force; on failure nothing changes.
     *
     * @throws cn.jinhua.ducha.rulebook.RulebookException naming each file and line that does not compile
     */
    public synchronized Reloaded reload() {
        Rulebook next = Rulebook.load(directory);
        boolean recorded = store.runs().storeRuleset(next);
        Rulebook before = current.getAndSet(next);
        LOG.info("规则已重新加载 / rules reloaded: {} -> {}", before.hash(), next.hash());
        return new Reloaded(before.hash(), next.hash(), next.kieBase().getKiePackages().stream()
                .mapToInt(p -> p.getRules().size()).sum(), recorded);
    }
}
