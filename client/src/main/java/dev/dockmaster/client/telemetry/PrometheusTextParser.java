package dev.dockmaster.client.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the Prometheus text exposition format (version 0.0.4, what {@code /metrics} serves) into metric families.
 *
 * <p>{@code # HELP} and {@code # TYPE} lines name a family; samples belong to the family of their name, or, for
 * histograms and summaries, of their name without {@code _bucket}/{@code _sum}/{@code _count} (and for counters
 * written the OpenMetrics way, without {@code _total}). Samples of a family without a TYPE line are untyped
 * ("Generic"). Label values may hold {@code \\}, {@code \"} and {@code \n} escapes. Histogram and summary samples are
 * grouped by their labels (without {@code le}/{@code quantile}) into one metric each. Anything that breaks the
 * format is refused with the line number, so that a page that is not an exporter (an HTML page, a gRPC port) is
 * reported as such instead of as empty.
 */
public final class PrometheusTextParser {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final Map<String, Family> families = new LinkedHashMap<>();
    private int lineNumber;

    private PrometheusTextParser() {
    }

    /** The families of {@code text}, sorted by name. */
    public static SortedMap<String, MetricSet> parse(String text) throws PrometheusTextException {
        PrometheusTextParser parser = new PrometheusTextParser();
        String[] lines = text.split("\n", -1);
        for (String line : lines) {
            parser.lineNumber++;
            parser.line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        SortedMap<String, MetricSet> result = new TreeMap<>();
        for (Family family : parser.families.values()) {
            result.put(family.name, family.build());
        }
        return result;
    }

    private void line(String line) throws PrometheusTextException {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        if (trimmed.startsWith("#")) {
            comment(trimmed.substring(1).stripLeading());
            return;
        }
        sample(new Cursor(trimmed));
    }

    private void comment(String rest) throws PrometheusTextException {
        String[] parts = rest.split("[ \t]+", 3);
        if (parts.length < 2 || !(parts[0].equals("HELP") || parts[0].equals("TYPE"))) {
            return; // an ordinary comment
        }
        String name = parts[1];
        if (!METRIC_NAME.matcher(name).matches()) {
            throw error("invalid metric name \"" + name + "\" in " + parts[0] + " line");
        }
        Family family = families.computeIfAbsent(name, Family::new);
        String text = parts.length > 2 ? parts[2] : "";
        if (parts[0].equals("HELP")) {
            if (family.help != null) {
                throw error("second HELP line for metric name \"" + name + "\"");
            }
            family.help = unescapeHelp(text);
            return;
        }
        if (family.type != null) {
            throw error("second TYPE line for metric name \"" + name + "\"");
        }
        if (family.hasSamples) {
            throw error("TYPE line for metric name \"" + name + "\" after its samples");
        }
        family.type = MetricType.fromPrometheus(text.strip())
                .orElseThrow(() -> error("unknown metric type \"" + text.strip() + "\""));
    }

    private void sample(Cursor in) throws PrometheusTextException {
        String name = in.name();
        if (!METRIC_NAME.matcher(name).matches()) {
            throw error("invalid metric name \"" + name + "\"");
        }
        in.skipBlanks();
        Map<String, String> labels = in.peek() == '{' ? labels(in) : new LinkedHashMap<>();
        in.skipBlanks();
        String valueText = in.word();
        if (valueText.isEmpty()) {
            throw error("missing value for metric \"" + name + "\"");
        }
        double value = number(valueText, "value");
        in.skipBlanks();
        String timestamp = in.word();
        if (!timestamp.isEmpty() && !timestamp.matches("-?\\d+")) {
            throw error("invalid timestamp \"" + timestamp + "\"");
        }
        in.skipBlanks();
        if (!in.atEnd()) {
            throw error("unexpected text after the sample: \"" + in.rest() + "\"");
        }
        place(name, labels, value);
    }

    /** Finds the family a sample belongs to and records it there. */
    private void place(String name, Map<String, String> labels, double value) throws PrometheusTextException {
        Family own = families.get(name);
        if (own != null && own.type() != MetricType.HISTOGRAM) {
            own.add(this, Role.VALUE, labels, value);
            return;
        }
        for (Role role : List.of(Role.BUCKET, Role.SUM, Role.COUNT, Role.TOTAL)) {
            if (!name.endsWith(role.suffix)) {
                continue;
            }
            Family base = families.get(name.substring(0, name.length() - role.suffix.length()));
            if (base != null && role.fits(base.type())) {
                base.add(this, role, labels, value);
                return;
            }
        }
        if (own != null) {
            throw error("sample \"" + name + "\" of histogram \"" + name + "\" without a _bucket, _sum or _count"
                    + " suffix");
        }
        Family untyped = new Family(name);
        families.put(name, untyped);
        untyped.add(this, Role.VALUE, labels, value);
    }

    private Map<String, String> labels(Cursor in) throws PrometheusTextException {
        Map<String, String> labels = new LinkedHashMap<>();
        in.expect('{');
        while (true) {
            in.skipBlanks();
            if (in.peek() == '}') {
                in.next();
                return labels;
            }
            String label = in.name();
            if (!LABEL_NAME.matcher(label).matches()) {
                throw error("invalid label name \"" + label + "\"");
            }
            in.skipBlanks();
            if (in.peek() != '=') {
                throw error("expected '=' after label name \"" + label + "\"");
            }
            in.next();
            in.skipBlanks();
            if (in.peek() != '"') {
                throw error("expected '\"' to start the value of label \"" + label + "\"");
            }
            in.next();
            String value = labelValue(in, label);
            if (labels.put(label, value) != null) {
                throw error("duplicate label name \"" + label + "\"");
            }
            in.skipBlanks();
            char c = in.peek();
            if (c == ',') {
                in.next();
            } else if (c != '}') {
                throw error("expected ',' or '}' after the value of label \"" + label + "\"");
            }
        }
    }

    private String labelValue(Cursor in, String label) throws PrometheusTextException {
        StringBuilder value = new StringBuilder();
        while (!in.atEnd()) {
            char c = in.next();
            if (c == '"') {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (in.atEnd()) {
                break;
            }
            char escaped = in.next();
            switch (escaped) {
                case '\\' -> value.append('\\');
                case '"' -> value.append('"');
                case 'n' -> value.append('\n');
                default -> throw error("invalid escape sequence \"\\" + escaped + "\" in label \"" + label + "\"");
            }
        }
        throw error("unterminated value of label \"" + label + "\"");
    }

    /** HELP text escapes: {@code \\} and {@code \n}; any other backslash stays as it is. */
    private static String unescapeHelp(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == '\\' || next == 'n') {
                    out.append(next == 'n' ? '\n' : '\\');
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    double number(String text, String what) throws PrometheusTextException {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf", "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!NUMBER.matcher(text).matches()) {
                    throw error("invalid " + what + " \"" + text + "\"");
                }
                return Double.parseDouble(text);
        }
    }

    long count(double value, String name) throws PrometheusTextException {
        if (value < 0 || value != Math.rint(value) || Double.isInfinite(value)) {
            throw error("count of \"" + name + "\" is not a non-negative whole number: " + value);
        }
        return (long) value;
    }

    PrometheusTextException error(String problem) {
        return new PrometheusTextException(lineNumber, problem);
    }

    /** What a sample is to its family. */
    enum Role {
        VALUE(""), BUCKET("_bucket"), SUM("_sum"), COUNT("_count"), TOTAL("_total");

        final String suffix;

        Role(String suffix) {
            this.suffix = suffix;
        }

        boolean fits(MetricType type) {
            return switch (this) {
                case BUCKET -> type == MetricType.HISTOGRAM;
                case SUM, COUNT -> type == MetricType.HISTOGRAM || type == MetricType.SUMMARY;
                case TOTAL -> type == MetricType.COUNTER;
                case VALUE -> true;
            };
        }
    }

    /** A family being read: its samples grouped by labels, in the order they came. */
    private static final class Family {
        final String name;
        String help;
        MetricType type;
        boolean hasSamples;
        final List<Metric.Simple> simple = new ArrayList<>();
        final Map<Map<String, String>, Group> groups = new LinkedHashMap<>();

        Family(String name) {
            this.name = name;
        }

        MetricType type() {
            return type == null ? MetricType.GENERIC : type;
        }

        void add(PrometheusTextParser parser, Role role, Map<String, String> labels, double value)
                throws PrometheusTextException {
            hasSamples = true;
            MetricType t = type();
            if (t != MetricType.HISTOGRAM && t != MetricType.SUMMARY) {
                simple.add(Metric.Simple.of(labels, value));
                return;
            }
            Map<String, String> own = new TreeMap<>(labels);
            String special = t == MetricType.HISTOGRAM ? "le" : "quantile";
            String bound = own.remove(special);
            Group group = groups.computeIfAbsent(own, k -> new Group());
            switch (role) {
                case SUM -> group.sum = value;
                case COUNT -> group.count = parser.count(value, name + "_count");
                case BUCKET, VALUE -> {
                    if (bound == null) {
                        throw parser.error("sample of " + t.jsonName() + " \"" + name + "\" without the \""
                                + special + "\" label");
                    }
                    double at = parser.number(bound, special + " label");
                    if (role == Role.BUCKET) {
                        group.buckets.add(new Metric.Bucket(at, parser.count(value, name + "_bucket")));
                    } else {
                        group.quantiles.put(at, value);
                    }
                }
                default -> throw parser.error("unexpected sample for " + t.jsonName() + " \"" + name + "\"");
            }
        }

        MetricSet build() {
            List<Metric> metrics = new ArrayList<>(simple);
            for (Map.Entry<Map<String, String>, Group> e : groups.entrySet()) {
                Group g = e.getValue();
                SortedMap<String, String> labels = new TreeMap<>(e.getKey());
                metrics.add(type() == MetricType.HISTOGRAM
                        ? new Metric.Histogram(labels, g.count, g.sum, g.buckets)
                        : new Metric.Summary(labels, g.count, g.sum, g.quantiles));
            }
            return new MetricSet(name, help == null ? "" : help, type(), metrics);
        }
    }

    private static final class Group {
        long count;
        double sum;
        final List<Metric.Bucket> buckets = new ArrayList<>();
        final SortedMap<Double, Double> quantiles = new TreeMap<>();
    }

    /** Reads one sample line. */
    private static final class Cursor {
        private final String text;
        private int at;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return at >= text.length();
        }

        char peek() {
            return atEnd() ? '\0' : text.charAt(at);
        }

        char next() {
            return text.charAt(at++);
        }

        void expect(char c) {
            if (next() != c) {
                throw new IllegalStateException("expected " + c);
            }
        }

        void skipBlanks() {
            while (!atEnd() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
        }

        /** A metric or label name: up to a blank, '{', '=', ',' or '}'. */
        String name() {
            int start = at;
            while (!atEnd() && " \t{}=,\"".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            return text.substring(start, at);
        }

        String word() {
            int start = at;
            while (!atEnd() && text.charAt(at) != ' ' && text.charAt(at) != '\t') {
                at++;
            }
            return text.substring(start, at);
        }

        String rest() {
            return text.substring(at);
        }
    }
}
