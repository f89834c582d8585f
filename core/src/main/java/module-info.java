/**
 * daos_server: configuration, the plugin manager, the gRPC server and the lifecycle of everything plugins contribute.
 * Built-in plugins on the module or class path are found as {@link dev.dockmaster.spi.DockmasterPlugin} services.
 */
module dev.dockmaster.core {
    requires dev.dockmaster.spi;
    requires dev.dockmaster.proto;
    requires io.grpc;
    requires io.grpc.stub;
    requires pf4j;
    requires typesafe.config;
    requires org.yaml.snakeyaml;
    requires info.picocli;
    requires org.slf4j;
    requires java.logging;

    exports dev.dockmaster.core;
    exports dev.dockmaster.core.config;
    exports dev.dockmaster.core.drpc;
    exports dev.dockmaster.core.plugin;
    exports dev.dockmaster.core.grpc;
    exports dev.dockmaster.core.storage;
    exports dev.dockmaster.core.engine;
    exports dev.dockmaster.core.system;

    opens dev.dockmaster.core.cli to info.picocli;
    // build.properties is read with Class.getResourceAsStream from this module.
    opens dev.dockmaster.core;

    uses dev.dockmaster.spi.DockmasterPlugin;
}
