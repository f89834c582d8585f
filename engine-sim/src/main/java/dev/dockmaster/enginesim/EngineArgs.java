package dev.dockmaster.enginesim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * daos_engine's command line (src/engine/init.c): short options {@code c:d:f:g:hm:n:p:r:H:t:s:x:I:bT:C} and their
 * long forms. Numbers accept C's base prefixes (0x.., 0..), as strtoul(.., 0) does.
 */
public record EngineArgs(int targets, int helperXs, int firstCore, String group, String socketDir, String storage,
                         String nvmeConfig, int instanceIdx, int numaNode, int memSizeMib, int hugepageSizeMib,
                         int storageTiers, boolean bypassHealthCheck, boolean checkMode, String modules,
                         boolean help) {

    static final int SYSTEM_NAME_MAX = 15;

    /** A bad command line: the message daos_engine prints. */
    public static final class BadArgs extends Exception {
        private static final long serialVersionUID = 1L;

        BadArgs(String message) {
            super(message);
        }
    }

    private static final Map<String, Character> LONG = Map.ofEntries(
            Map.entry("cores", 'c'), Map.entry("socket_dir", 'd'), Map.entry("firstcore", 'f'),
            Map.entry("group", 'g'), Map.entry("help", 'h'), Map.entry("modules", 'm'), Map.entry("nvme", 'n'),
            Map.entry("pinned_numa_node", 'p'), Map.entry("mem_size", 'r'), Map.entry("hugepage_size", 'H'),
            Map.entry("targets", 't'), Map.entry("storage", 's'), Map.entry("xshelpernr", 'x'),
            Map.entry("instance_idx", 'I'), Map.entry("bypass_health_chk", 'b'), Map.entry("storage_tiers", 'T'),
            Map.entry("check", 'C'));
    private static final String WITH_ARGUMENT = "cdfgmnprHtsxIT";
    private static final String FLAGS = "hbC";

    public static EngineArgs parse(String... argv) throws BadArgs {
        int targets = 0;
        int helpers = 2;
        int firstCore = 0;
        String group = "daos_server";
        String socketDir = "/var/run/daos_server";
        String storage = "/mnt/daos";
        String nvme = "/mnt/daos/daos_nvme.conf";
        int idx = 0;
        int numa = -1;
        int mem = 0;
        int hugepage = 0;
        int tiers = 1;
        boolean bypass = false;
        boolean check = false;
        boolean help = false;
        String modules = "vos,rdb,rsvc,security,mgmt,dtx,pool,cont,obj,rebuild,gurt,telem,chk";
        List<String> args = new ArrayList<>(List.of(argv));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            char opt;
            String value = null;
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                Character c = LONG.get(name);
                if (c == null) {
                    throw new BadArgs("unrecognized option '--" + name + "'");
                }
                opt = c;
            } else if (a.startsWith("-") && a.length() > 1) {
                opt = a.charAt(1);
                if (a.length() > 2) {
                    if (FLAGS.indexOf(opt) >= 0) { // -bC: flags bundled, handle the rest next round
                        args.add(i + 1, "-" + a.substring(2));
                    } else {
                        value = a.substring(2);
                    }
                }
            } else {
                continue; // getopt permutes non-options to the end; the engine ignores them
            }
            boolean takesValue = WITH_ARGUMENT.indexOf(opt) >= 0;
            if (!takesValue && FLAGS.indexOf(opt) < 0) {
                throw new BadArgs("invalid option -- '" + opt + "'");
            }
            if (takesValue && value == null) {
                if (i + 1 >= args.size()) {
                    throw new BadArgs("option requires an argument -- '" + opt + "'");
                }
                value = args.get(++i);
            }
            switch (opt) {
                case 'c', 't' -> targets = number(value, opt);
                case 'x' -> helpers = number(value, opt);
                case 'f' -> firstCore = number(value, opt);
                case 'g' -> {
                    if (value.length() > SYSTEM_NAME_MAX) {
                        throw new BadArgs("DAOS system name must be at most " + SYSTEM_NAME_MAX + " bytes");
                    }
                    group = value;
                }
                case 's' -> storage = value;
                case 'd' -> socketDir = value;
                case 'n' -> nvme = value;
                case 'p' -> numa = atoi(value);
                case 'r' -> mem = number(value, opt);
                case 'H' -> hugepage = number(value, opt);
                case 'I' -> idx = number(value, opt);
                case 'b' -> bypass = true;
                case 'T' -> {
                    tiers = number(value, opt);
                    if (tiers < 1 || tiers > 4) {
                        throw new BadArgs("Requires 1 to 4 tiers");
                    }
                }
                case 'C' -> check = true;
                case 'm' -> modules = value;
                case 'h' -> help = true;
                default -> throw new BadArgs("invalid option -- '" + opt + "'");
            }
        }
        return new EngineArgs(targets, helpers, firstCore, group, socketDir, storage, nvme, idx, numa, mem, hugepage,
                tiers, bypass, check, modules, help);
    }

    /** strtoul(s, .., 0) with the whole string required to be a number, as the engine checks. */
    private static int number(String s, char opt) throws BadArgs {
        try {
            String t = s.trim();
            long v;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                v = Long.parseLong(t.substring(2), 16);
            } else if (t.length() > 1 && t.startsWith("0")) {
                v = Long.parseLong(t.substring(1), 8);
            } else {
                v = Long.parseLong(t);
            }
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new BadArgs("invalid numeric value: " + s + " (set by \"-" + opt + "\")");
        }
    }

    /** atoi: leading digits, 0 when there are none. */
    private static int atoi(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([+-]?\\d+)").matcher(s);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static String usage(String prog) {
        return "Usage:\n  " + prog + " -h\n  " + prog + " [-m modules] [-t targets] [-x helpers] [-f firstcore]"
                + " [-g group] [-s storage] [-d socket_dir] [-n nvme_conf] [-I instance_idx] [-p numa_node]"
                + " [-r mem_size] [-H hugepage_size] [-T storage_tiers] [-b] [-C]\n";
    }
}
