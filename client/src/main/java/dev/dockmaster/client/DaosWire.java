package dev.dockmaster.client;

/** Constants of the DAOS wire protocol this client speaks. */
public final class DaosWire {
    /** The DAOS release whose control protocol we speak; sent as {@code x-daos-version}. */
    public static final String VERSION = "2.6.5";
    public static final String COMPONENT_HEADER = "x-daos-component";
    public static final String VERSION_HEADER = "x-daos-version";
    public static final int DEFAULT_CONTROL_PORT = 10001;
    public static final String DEFAULT_SYSTEM_NAME = "daos_server";
    /** DAOS_SYS_NAME_MAX. */
    public static final int MAX_SYSTEM_NAME_LENGTH = 15;

    private DaosWire() {
    }
}
