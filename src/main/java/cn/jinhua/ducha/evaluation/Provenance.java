package cn.jinhua.ducha.evaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.Match;

/**
 * Listens to a session and remembers, for every fact a rule inserted, the rule and the facts its match held.
 * One per session; not thread-safe.
 */
final class Provenance extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    private final Map<Object, Match> insertedBy = new IdentityHashMap<>();
    /**
     * Facts already described, by identity: a verdict's trace repeats the facts that many other traces hold (the
     * period, the catalogue, a subject), and a trace is immutable, so each is described once and shared.
     */
    private final Map<Object, Trace.Fact> described = new IdentityHashMap<>();
    private Match firing;

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        firing = event.getMatch();
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (firing != null && event.getRule() != null) {
            insertedBy.put(event.getObject(), firing);
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // facts are immutable here: nothing is modified
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // nothing is retracted while judging
    }

    /** The trace of a fact a rule inserted, or null for one inserted from outside the rules. */
    Trace trace(Object fact) {
        Match match = insertedBy.get(fact);
        if (match == null) {
            return null;
        }
        List<Trace.Fact> matched = new ArrayList<>();
        for (Object o : match.getObjects()) {
            if (o != null) {
                matched.add(describe(o));
            }
        }
        return new Trace(match.getRule().getName(), matched);
    }

    private Trace.Fact describe(Object o) {
        Trace.Fact fact = described.get(o);
        if (fact == null) {
            fact = describeOnce(o);
            described.put(o, fact);
        }
        return fact;
    }

    private Trace.Fact describeOnce(Object o) {
        Map<String, Object> fields = new LinkedHashMap<>();
        String type = o.getClass().getSimpleName();
        if (o instanceof Judging j) {
            fields.put("period", j.period().toString());
            fields.put("yellowBand", j.yellowBand());
            fields.put("milestoneLastQuarter", j.milestoneLastQuarter());
        } else if (o instanceof Observation obs) {
            fields.put("unit", obs.getUnit().id());
            fields.put("commitment", obs.getCommitment().id());
            fields.put("period", obs.subject().period().toString());
            fields.put("value", plain(obs.value()));
            fields.put("present", obs.isPresent());
        } else if (o instanceof Subject s) {
            fields.put("unit", s.unit().id());
            fields.put("commitment", s.commitment().id());
            fields.put("period", s.period().toString());
        } else if (o instanceof Reading r) {
            fields.put("unit", r.unit());
            fields.put("metric", r.metric());
            fields.put("value", plain(r.value()));
            fields.put("source", r.source());
        } else if (o instanceof Verdict v) {
            fields.put("unit", v.unit().id());
            fields.put("commitment", v.commitment().id());
            fields.put("status", v.status().name());
        } else if (o instanceof PriorVerdict p) {
            fields.put("unit", p.unit());
            fields.put("commitment", p.commitment());
            fields.put("status", p.status().name());
        } else if (o instanceof Owed owed) {
            fields.put("unit", owed.unit().id());
            fields.put("commitment", owed.commitment().id());
        } else if (o instanceof Missing m) {
            fields.put("unit", m.unit().id());
            fields.put("commitment", m.commitment().id());
        } else if (o instanceof Submission s) {
            fields.put("unit", s.unit());
            fields.put("source", s.source());
        } else if (o instanceof Unit u) {
            fields.put("id", u.id());
        } else if (o instanceof Commitment c) {
            fields.put("id", c.id());
        } else if (o instanceof List<?> list) {
            type = "List";
            List<Trace.Fact> items = new ArrayList<>();
            list.forEach(item -> items.add(describe(item)));
            fields.put("items", items);
        } else {
            fields.put("value", o.toString());
        }
        return new Trace.Fact(type, fields, trace(o));
    }

    private static Object plain(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : value;
    }
}
