package dev.dockmaster.client;

/** Who is calling, sent as the {@code x-daos-component} header on every call. */
public enum Component {
    ADMIN("admin"),
    SERVER("server"),
    AGENT("agent");

    private final String header;

    Component(String header) {
        this.header = header;
    }

    /** The value of the {@code x-daos-component} header. */
    public String header() {
        return header;
    }
}
