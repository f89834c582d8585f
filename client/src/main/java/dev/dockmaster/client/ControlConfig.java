package dev.dockmaster.client;

import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.spi.Fault;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The client configuration, {@code daos_control.yml}: system name, default control port, the servers to talk to and
 * the transport settings. Parsing is strict: an unknown or duplicated key is an error naming the key and its line,
 * because a misspelt key silently falling back to a default is how an admin ends up talking to the wrong system.
 *
 * @param name      the system name the servers must share ({@code name}, default {@code daos_server})
 * @param port      appended to host list entries that have no port ({@code port}, default 10001)
 * @param hostList  host list expressions ({@code hostlist}, default {@code [localhost]})
 * @param transport {@code transport_config}
 * @param source    the file this came from; empty for built-in defaults
 */
public record ControlConfig(String name, int port, List<String> hostList, TransportConfig transport,
                            Optional<Path> source) {

    public static final String FILE_NAME = "daos_control.yml";
    private static final Set<String> TOP_KEYS = Set.of("name", "port", "hostlist", "transport_config");
    private static final Set<String> TRANSPORT_KEYS = Set.of("allow_insecure", "ca_cert", "cert", "key");

    public ControlConfig {
        Objects.requireNonNull(name, "name");
        hostList = List.copyOf(hostList);
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(source, "source");
    }

    public static ControlConfig defaults() {
        return new ControlConfig(DaosWire.DEFAULT_SYSTEM_NAME, DaosWire.DEFAULT_CONTROL_PORT, List.of("localhost"),
                TransportConfig.defaults(), Optional.empty());
    }

    /**
     * Finds and loads the configuration: the explicit path when given (it must exist), else the first existing file
     * of {@code search}, else the built-in defaults.
     */
    public static ControlConfig locate(Optional<Path> explicit, ConfigSearchPath search) {
        if (explicit.isPresent()) {
            Path path = explicit.get();
            if (!Files.isRegularFile(path)) {
                throw new Fault(ClientFaults.DOMAIN, ClientFaults.UNKNOWN,
                        "control configuration file " + path + " does not exist or is not a regular file",
                        "check the path given with -o/--config-path");
            }
            return load(path);
        }
        for (Path candidate : search.candidates()) {
            if (Files.isRegularFile(candidate)) {
                return load(candidate);
            }
        }
        return defaults();
    }

    public static ControlConfig load(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Fault(ClientFaults.DOMAIN, ClientFaults.UNKNOWN,
                    "cannot read control configuration " + path + ": " + e.getMessage(),
                    "check that the file exists and is readable", e);
        }
        ControlConfig parsed = parse(text, path.toString());
        return new ControlConfig(parsed.name, parsed.port, parsed.hostList, parsed.transport, Optional.of(path));
    }

    /** Parses YAML text; {@code origin} names the text in errors (a path, or a label in tests). */
    public static ControlConfig parse(String text, String origin) {
        if (text.isBlank()) {
            throw invalid(origin, 0, "the file is empty",
                    "remove the file to use the defaults, or give at least one setting");
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (YAMLException e) {
            throw invalid(origin, 0, "not valid YAML: " + e.getMessage().replace('\n', ' '),
                    "fix the YAML syntax");
        }
        if (root == null) {
            throw invalid(origin, 0, "the file holds no settings",
                    "remove the file to use the defaults, or give at least one setting");
        }
        MappingNode top = mapping(origin, root, "the top level");
        ControlConfig defaults = defaults();
        String name = defaults.name;
        int port = defaults.port;
        List<String> hostList = defaults.hostList;
        TransportConfig transport = defaults.transport;
        for (NodeTuple tuple : uniqueKeys(origin, top, TOP_KEYS, "")) {
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            Node value = tuple.getValueNode();
            switch (key) {
                case "name" -> name = systemName(origin, value);
                case "port" -> port = port(origin, value);
                case "hostlist" -> hostList = hostList(origin, value);
                case "transport_config" -> transport = transport(origin, value);
                default -> throw new IllegalStateException(key);
            }
        }
        return new ControlConfig(name, port, hostList, transport, Optional.empty());
    }

    /** The configured servers, each with the default port when it has none. */
    public HostSet hosts() {
        return HostSet.parse(hostList).withDefaultPort(port);
    }

    public ControlConfig withAllowInsecure(boolean insecure) {
        return new ControlConfig(name, port, hostList, transport.withAllowInsecure(insecure), source);
    }

    public ControlConfig withTransport(TransportConfig newTransport) {
        return new ControlConfig(name, port, hostList, newTransport, source);
    }

    public ControlConfig withHostList(List<String> hosts) {
        return new ControlConfig(name, port, hosts, transport, source);
    }

    private static List<NodeTuple> uniqueKeys(String origin, MappingNode map, Set<String> allowed, String section) {
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            int line = line(keyNode);
            if (!(keyNode instanceof ScalarNode scalar)) {
                throw invalid(origin, line, "keys must be plain words", "valid keys are " + sorted(allowed));
            }
            String key = scalar.getValue();
            String where = section.isEmpty() ? "" : " in " + section;
            if (!allowed.contains(key)) {
                throw invalid(origin, line, "unknown key \"" + key + "\"" + where,
                        "remove it or correct the spelling; valid keys" + where + " are " + sorted(allowed));
            }
            if (!seen.add(key)) {
                throw invalid(origin, line, "key \"" + key + "\"" + where + " is given more than once",
                        "keep a single \"" + key + "\"");
            }
        }
        return map.getValue();
    }

    private static String systemName(String origin, Node value) {
        String name = scalar(origin, value, "name");
        if (name.isEmpty() || name.length() > DaosWire.MAX_SYSTEM_NAME_LENGTH) {
            throw invalid(origin, line(value), "invalid system name \"" + name + "\"",
                    "use a name of 1 to " + DaosWire.MAX_SYSTEM_NAME_LENGTH + " characters that matches the servers' name");
        }
        return name;
    }

    private static int port(String origin, Node value) {
        String text = scalar(origin, value, "port");
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new Fault(ClientFaults.DOMAIN, ClientFaults.CONFIG_BAD_CONTROL_PORT,
                    origin + " line " + line(value) + ": invalid control port \"" + text + "\"",
                    "specify a control port between 1 and 65535 ('port' parameter)");
        }
        return port;
    }

    private static List<String> hostList(String origin, Node value) {
        List<String> hosts = new ArrayList<>();
        if (value instanceof ScalarNode scalar) {
            hosts.add(scalar.getValue());
        } else if (value instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                hosts.add(scalar(origin, item, "hostlist entry"));
            }
        } else {
            throw invalid(origin, line(value), "hostlist must be a list of host names",
                    "write e.g. hostlist: ['wolf-[71-72]', 'node3:10001']");
        }
        try {
            HostSet.parse(hosts);
        } catch (Fault f) {
            throw invalid(origin, line(value), f.description(), f.resolution());
        }
        return hosts;
    }

    private static TransportConfig transport(String origin, Node value) {
        MappingNode map = mapping(origin, value, "transport_config");
        TransportConfig t = TransportConfig.defaults();
        boolean insecure = t.allowInsecure();
        String ca = t.caCert();
        String cert = t.cert();
        String key = t.key();
        for (NodeTuple tuple : uniqueKeys(origin, map, TRANSPORT_KEYS, "transport_config")) {
            String k = ((ScalarNode) tuple.getKeyNode()).getValue();
            Node v = tuple.getValueNode();
            switch (k) {
                case "allow_insecure" -> insecure = bool(origin, v, k);
                case "ca_cert" -> ca = scalar(origin, v, k);
                case "cert" -> cert = scalar(origin, v, k);
                case "key" -> key = scalar(origin, v, k);
                default -> throw new IllegalStateException(k);
            }
        }
        return new TransportConfig(insecure, ca, cert, key);
    }

    private static boolean bool(String origin, Node value, String key) {
        String text = scalar(origin, value, key);
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw invalid(origin, line(value), key + " must be true or false, not \"" + text + "\"",
                    "write " + key + ": true or " + key + ": false");
        };
    }

    private static String scalar(String origin, Node value, String what) {
        if (value instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw invalid(origin, line(value), what + " must be a single value", "write it as " + what + ": <value>");
    }

    private static MappingNode mapping(String origin, Node node, String what) {
        if (node instanceof MappingNode map) {
            return map;
        }
        throw invalid(origin, line(node), what + " must be a mapping of key: value pairs",
                "see the example daos_control.yml");
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", keys.stream().sorted().toList());
    }

    private static Fault invalid(String origin, int line, String problem, String resolution) {
        String where = line > 0 ? origin + " line " + line : origin;
        return new Fault(ClientFaults.DOMAIN, ClientFaults.UNKNOWN, where + ": " + problem, resolution);
    }
}
