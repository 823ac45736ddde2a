package org.preemptsim.workload.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed scenario document that remembers where every key and value was written, so that every
 * error can name file, line, column and path. YAML's own vocabulary: mappings, sequences, scalars.
 */
public sealed interface Node permits Node.Mapping, Node.Sequence, Node.Scalar {

    Where at();

    /** What kind of value this is, for "expected X, got Y" messages. */
    String describe();

    /** A key of a mapping, with the place of the key itself. */
    record Entry(String key, Where keyAt, Node value) {
    }

    /** A mapping; keys in document order. */
    record Mapping(Where at, Map<String, Entry> entries) implements Node {

        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public Node get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(Where at, java.util.List<Node> items) implements Node {

        public Sequence {
            items = java.util.List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** The scalar kinds the parser tells apart. */
    enum Kind { STRING, INT, FLOAT, BOOL, NULL }

    /** A scalar, with its text as written (so 6.10 stays "6.10"). */
    record Scalar(Where at, String text, Kind kind) implements Node {

        @Override
        public String describe() {
            switch (kind) {
                case INT:
                case FLOAT:
                    return "the number " + text;
                case BOOL:
                    return text;
                case NULL:
                    return "nothing";
                default:
                    return "'" + text + "'";
            }
        }
    }
}
