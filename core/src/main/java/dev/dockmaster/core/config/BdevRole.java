package dev.dockmaster.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** An MD-on-SSD role of a bdev tier ({@code bdev_roles}); the bit values match DAOS's. */
public enum BdevRole {
    DATA(1),
    META(2),
    WAL(4);

    private final int bit;

    BdevRole(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BdevRole> fromConfigName(String value) {
        return Arrays.stream(values()).filter(r -> r.configName().equals(value)).findFirst();
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(BdevRole::configName).toList();
    }
}
