package io.onegrid.profile;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Sits between the YAML parser and the composer and refuses aliases and explicit tags (and, if asked,
 * anchors) where they are written, so the problem points at them and nothing is ever expanded or resolved;
 * it also stops a document with more values than its kind allows before they are composed.
 */
final class PlainEvents implements Parser {
    private final Parser delegate;
    private final String source;
    private final String kind;
    private final int maxValues;
    private final boolean refuseAnchors;
    private int values;
    private Mark last;

    PlainEvents(Parser delegate, String source, String kind, int maxValues, boolean refuseAnchors) {
        this.delegate = delegate;
        this.source = source;
        this.kind = kind;
        this.maxValues = maxValues;
        this.refuseAnchors = refuseAnchors;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return delegate.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return delegate.peekEvent();
    }

    /** Where the last event handed on started: the place to blame for an error the parser reports without one. */
    Mark lastMark() {
        return last;
    }

    @Override
    public Event getEvent() {
        Event e = delegate.getEvent();
        if (e.getStartMark() != null) last = e.getStartMark();
        if (e instanceof AliasEvent a) {
            throw refuse(e, "YAML aliases (*" + a.getAnchor() + ") are not allowed in " + kind + "s;"
                    + " write the value out in full");
        }
        if (refuseAnchors && e instanceof NodeEvent n && n.getAnchor() != null) {
            throw refuse(e, "YAML anchors (&" + n.getAnchor() + ") are not allowed in " + kind + "s;"
                    + " write every value out in full, without anchors or aliases");
        }
        if ((e instanceof ScalarEvent || e instanceof CollectionStartEvent) && ++values > maxValues) {
            throw refuse(e, "the " + kind + " holds more than " + maxValues + " values (keys, values, lists and"
                    + " mappings); that is far more than a real one needs");
        }
        String tag = e instanceof ScalarEvent s ? s.getTag() : e instanceof CollectionStartEvent c ? c.getTag() : null;
        if (tag != null) {
            tag = tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring(18) : tag;
            throw refuse(e, "YAML tag '" + tag + "' is not allowed in " + kind + "s; write plain values"
                    + " (text, numbers, true/false, lists and mappings) and quote text that looks like a number");
        }
        return e;
    }

    private ProfileException refuse(Event e, String problem) {
        Mark m = e.getStartMark();
        return new ProfileException(source, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, problem);
    }
}
