package dev.dockmaster.core.drpc;

/**
 * DAOS's dRPC module ids ({@code drpc_modules.h}). A module's methods are numbered {@code id*100 + n}, n from 1.
 */
public enum DrpcModule {
    TEST(0), SEC_AGENT(1), MGMT(2), SRV(3), SEC(4);

    private final int id;

    DrpcModule(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static java.util.Optional<DrpcModule> byId(int id) {
        for (DrpcModule m : values()) {
            if (m.id == id) {
                return java.util.Optional.of(m);
            }
        }
        return java.util.Optional.empty();
    }
}
