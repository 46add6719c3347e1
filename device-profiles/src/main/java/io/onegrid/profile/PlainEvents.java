package io.onegrid.profile;

import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Sits between the YAML parser and the composer and refuses aliases and explicit tags where they are
 * written, so the problem points at the alias or tag itself and nothing is ever expanded or resolved.
 */
final class PlainEvents implements Parser {
    private final Parser delegate;
    private final String source;

    PlainEvents(Parser delegate, String source) {
        this.delegate = delegate;
        this.source = source;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return delegate.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return delegate.peekEvent();
    }

    @Override
    public Event getEvent() {
        Event e = delegate.getEvent();
        int line = e.getStartMark() == null ? 0 : e.getStartMark().getLine() + 1;
        if (e instanceof AliasEvent a) {
            throw new ProfileException(source, line, "YAML aliases (*" + a.getAnchor() + ") are not allowed in profiles;"
                    + " write the value out in full");
        }
        String tag = e instanceof ScalarEvent s ? s.getTag() : e instanceof CollectionStartEvent c ? c.getTag() : null;
        if (tag != null) {
            tag = tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring(18) : tag;
            throw new ProfileException(source, line, "YAML tag '" + tag + "' is not allowed in profiles; write plain values"
                    + " (text, numbers, true/false, lists and mappings) and quote text that looks like a number");
        }
        return e;
    }
}
