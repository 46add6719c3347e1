package io.onegrid.gateway.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Finds where a document the shared reader refused without a position went wrong: SnakeYAML reports a
 * character YAML does not allow and a nesting deeper than the limit without a mark, and an installer needs
 * a line to look at. Only runs on that error path.
 */
final class SyntaxLocator {
    private SyntaxLocator() {
    }

    /** {line, column} (1-based) of the first character YAML forbids, the collection nested too deep, or the last
     * event the parser produced before it stopped; {1, 0} when nothing better is known. */
    static int[] locate(String text, int maxDepth) {
        String t = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        int line = 1;
        int column = 1;
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            if (!StreamReader.isPrintable(cp)) return new int[] {line, column};
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += Character.charCount(cp);
        }
        LoaderOptions options = new LoaderOptions();
        options.setNestingDepthLimit(Integer.MAX_VALUE);
        options.setCodePointLimit(Integer.MAX_VALUE);
        ParserImpl parser = new ParserImpl(new StreamReader(t), options);
        Mark last = null;
        int depth = 0;
        try {
            while (!parser.checkEvent(Event.ID.StreamEnd)) {
                Event e = parser.getEvent();
                last = e.getStartMark();
                if (e instanceof CollectionStartEvent && ++depth > maxDepth) break;
                if (e instanceof CollectionEndEvent) depth--;
            }
        } catch (YAMLException e) {
            // the position of the last good event is the answer
        }
        return last == null ? new int[] {1, 0} : new int[] {last.getLine() + 1, last.getColumn() + 1};
    }
}
