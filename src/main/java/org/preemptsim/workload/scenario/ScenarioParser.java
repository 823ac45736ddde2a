package org.preemptsim.workload.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML or JSON (by file name: {@code .json} is JSON, anything else YAML) with Jackson's
 * streaming parser into a {@link Node} tree that keeps every token's line and column. Jackson's
 * tree model drops locations, so the tree is built here from the token stream. YAML anchors and
 * aliases ({@code &worker} / {@code *worker}) are resolved here too: an alias stands for the
 * anchored value, which keeps the place where it was written.
 */
public final class ScenarioParser {

    private ScenarioParser() {
    }

    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
    private static final YAMLFactory YAML = new YAMLFactory();

    /** Parses {@code text}, written in {@code file}, to its root mapping. */
    public static Node.Mapping parse(String file, String text) {
        boolean json = file.endsWith(".json");
        Where root = new Where(file, 1, 1, "");
        try (JsonParser p = (json ? JSON : YAML).createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new ScenarioError(root, "the scenario is empty", "start from one of the files in examples/");
            }
            Node n = new ScenarioParser.Reader(p).read(root);
            if (!(n instanceof Node.Mapping m)) {
                throw new ScenarioError(n.at(), "a scenario must be a mapping of keys (cpus:, tasks:, ...), got " + n.describe());
            }
            if (p.nextToken() != null) {
                Where w = where(root, p.currentTokenLocation());
                throw new ScenarioError(w, "more than one document in the file", "keep one scenario per file");
            }
            return m;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
                // SnakeYAML says what it expected, and where the enclosing construct began.
                Where w = root.at(y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1);
                String ctx = y.getContext() != null && y.getContextMark() != null
                    ? " (" + y.getContext() + " that starts at line " + (y.getContextMark().getLine() + 1) + ")" : "";
                String hint = y.getProblem().contains("block") ? "check the indentation of this line" : null;
                throw new ScenarioError(w, "YAML syntax: " + y.getProblem() + ctx, hint);
            }
            JsonLocation loc = e.getLocation();
            Where w = loc == null ? root : where(root, loc);
            throw new ScenarioError(w, (json ? "JSON" : "YAML") + " syntax: " + cleanMessage(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Where where(Where base, JsonLocation loc) {
        return base.at(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }

    /** Jackson and SnakeYAML messages span lines and quote the input; keep the first line. */
    private static String cleanMessage(String m) {
        if (m == null) {
            return "unreadable input";
        }
        String first = m.strip().split("\n", 2)[0].strip();
        return first.isEmpty() ? "unreadable input" : first;
    }

    /** Builds the tree from the token stream; {@code at} carries the path of the value being read. */
    private static final class Reader {

        private final JsonParser p;
        private final Map<String, Node> anchors = new HashMap<>();

        Reader(JsonParser p) {
            this.p = p;
        }

        /** Reads the value at the current token, remembering it under its anchor (read before its children). */
        Node read(Where at) throws IOException {
            Object anchor = p instanceof YAMLParser yp && !yp.isCurrentAlias() ? yp.getObjectId() : null;
            Node n = value(at);
            if (anchor != null) {
                anchors.put(anchor.toString(), n);
            }
            return n;
        }

        private Node value(Where at) throws IOException {
            JsonToken t = p.currentToken();
            Where here = where(at, p.currentTokenLocation());
            if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
                Node target = anchors.get(p.getText());
                if (target == null) {
                    throw new ScenarioError(here, "alias *" + p.getText() + " has no anchor &" + p.getText() + " before it");
                }
                return target;
            }
            switch (t) {
                case START_OBJECT: {
                    Map<String, Node.Entry> entries = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        JsonLocation kl = p.currentTokenLocation();
                        Where keyAt = here.key(key, kl.getLineNr(), kl.getColumnNr());
                        Node.Entry first = entries.get(key);
                        if (first != null) {
                            throw new ScenarioError(keyAt, "duplicate key '" + key + "' (first written at line "
                                + first.keyAt().line() + ")", "remove one of them");
                        }
                        p.nextToken();
                        entries.put(key, new Node.Entry(key, keyAt, read(keyAt)));
                    }
                    return new Node.Mapping(here, entries);
                }
                case START_ARRAY: {
                    List<Node> items = new ArrayList<>();
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        JsonLocation il = p.currentTokenLocation();
                        items.add(read(at.index(i++, il.getLineNr(), il.getColumnNr())));
                    }
                    return new Node.Sequence(here, items);
                }
                case VALUE_STRING:
                    return new Node.Scalar(here, p.getText(), Node.Kind.STRING);
                case VALUE_NUMBER_INT:
                    return new Node.Scalar(here, p.getText(), Node.Kind.INT);
                case VALUE_NUMBER_FLOAT:
                    return new Node.Scalar(here, p.getText(), Node.Kind.FLOAT);
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return new Node.Scalar(here, p.getText(), Node.Kind.BOOL);
                case VALUE_NULL:
                    return new Node.Scalar(here, "", Node.Kind.NULL);
                default:
                    throw new ScenarioError(here, "unsupported value (" + t + ")");
            }
        }
    }
}
