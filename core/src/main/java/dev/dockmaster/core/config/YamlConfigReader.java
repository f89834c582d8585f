package dev.dockmaster.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.Reader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a YAML document into a typesafe {@link Config} whose every value remembers the file and line it was written
 * on, so that validation problems (and plugins' {@code ConfigView} faults) can point at the line to fix.
 *
 * <p>We walk SnakeYAML's node graph rather than loading plain Java objects because only nodes carry marks. Scalars
 * are resolved with SnakeYAML's safe constructor, so {@code 0x13}, {@code true}, {@code ~} mean what they mean in YAML.
 */
final class YamlConfigReader {

    private final String sourceName;
    private final Problems problems;
    private final ScalarResolver scalars = new ScalarResolver();

    private YamlConfigReader(String sourceName, Problems problems) {
        this.sourceName = sourceName;
        this.problems = problems;
    }

    /**
     * Parses one YAML document. Syntax errors and duplicate keys go to {@code problems}; a syntax error yields
     * {@code null} because nothing after it can be trusted.
     *
     * @param sourceName the name origins carry, normally the file's path
     */
    static Config read(Reader text, String sourceName, Problems problems) {
        return new YamlConfigReader(sourceName, problems).read(text);
    }

    private Config read(Reader text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by us, with both lines, instead of failing on the first
            root = new Yaml(options).compose(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? sourceName : sourceName + ":" + (mark.getLine() + 1);
            String column = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            problems.add("(yaml)", where, ConfigFaultCodes.BAD_CONFIG,
                    "YAML syntax error" + column + ": " + what + context,
                    "correct the YAML syntax; indent with spaces, not tabs, and quote values containing ': ' or '#'");
            return null;
        } catch (YAMLException e) {
            problems.add("(yaml)", sourceName, ConfigFaultCodes.BAD_CONFIG, "YAML error: " + e.getMessage(),
                    "correct the YAML syntax");
            return null;
        }
        if (root == null) {
            return ConfigFactory.empty(sourceName); // an empty file means "all defaults", as in DAOS
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add("(root)", sourceName + ":" + line(root), ConfigFaultCodes.BAD_CONFIG,
                    "the document must be a mapping of keys to values, found a " + kind(root),
                    "write the configuration as 'key: value' lines, see the example daos_server.yml");
            return null;
        }
        return ((ConfigObject) convert(mapping, "", line(mapping))).toConfig();
    }

    /**
     * @param line the line the value is attributed to: for a mapping entry the key's line, which is where an
     *             operator looks for "storage:" even though the list itself starts on the next line
     */
    private ConfigValue convert(Node node, String path, int line) {
        if (node instanceof MappingNode mapping) {
            reportDuplicateKeys(mapping, path);
            scalars.flatten(mapping); // resolves YAML merge keys (<<) as DAOS's YAML library does; last key wins
            Map<String, ConfigValue> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode scalarKey)) {
                    problems.add(path.isEmpty() ? "(root)" : path, sourceName + ":" + line(keyNode),
                            ConfigFaultCodes.BAD_CONFIG, "a key must be a plain word, found a " + kind(keyNode),
                            "use 'name: value' with a plain name");
                    continue;
                }
                String key = scalarKey.getValue();
                String childPath = path.isEmpty() ? key : path + "." + key;
                entries.put(key, convert(tuple.getValueNode(), childPath, line(keyNode)));
            }
            return ConfigValueFactory.fromMap(entries).withOrigin(origin(line));
        }
        if (node instanceof SequenceNode sequence) {
            List<ConfigValue> items = new ArrayList<>();
            int index = 0;
            for (Node item : sequence.getValue()) {
                items.add(convert(item, path + "[" + index++ + "]", line(item)));
            }
            return ConfigValueFactory.fromIterable(items).withOrigin(origin(line));
        }
        return ConfigValueFactory.fromAnyRef(scalarValue((ScalarNode) node)).withOrigin(origin(line));
    }

    /** Before flattening, which silently keeps the last of duplicate keys: DAOS's strict parser rejects them. */
    private void reportDuplicateKeys(MappingNode mapping, String path) {
        Map<String, Integer> firstLines = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalarKey && !"<<".equals(scalarKey.getValue())) {
                String key = scalarKey.getValue();
                Integer seen = firstLines.putIfAbsent(key, line(scalarKey));
                if (seen != null) {
                    problems.add(path.isEmpty() ? key : path + "." + key, sourceName + ":" + line(scalarKey),
                            ConfigFaultCodes.BAD_CONFIG, "duplicate key, already given on line " + seen,
                            "keep only one '" + key + "' entry in this block");
                }
            }
        }
    }

    private Object scalarValue(ScalarNode node) {
        Object value = scalars.construct(node);
        if (value instanceof BigInteger big) {
            // beyond long: keep the digits so that range checks report the number the operator wrote
            return big.toString();
        }
        if (value instanceof Date || value instanceof byte[]) {
            return node.getValue(); // timestamps and binary have no meaning here; keep the text
        }
        return value;
    }

    private ConfigOrigin origin(int line) {
        // newFile: the origin's filename is what Origins.describe prints, whether or not it is a real file
        return ConfigOriginFactory.newFile(sourceName).withLineNumber(line);
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "mapping";
        }
        return node instanceof SequenceNode ? "list" : "value";
    }

    /** Exposes the safe constructor's scalar resolution and merge-key flattening for single nodes. */
    private static final class ScalarResolver extends SafeConstructor {
        ScalarResolver() {
            super(new LoaderOptions());
        }

        Object construct(ScalarNode node) {
            return constructObject(node);
        }

        void flatten(MappingNode node) {
            flattenMapping(node);
        }
    }
}
