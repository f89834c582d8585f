/** Dockmaster's plugin contracts. Plugins compile against this module alone. */
module dev.dockmaster.spi {
    requires transitive io.grpc;

    exports dev.dockmaster.spi;
    exports dev.dockmaster.spi.config;
    exports dev.dockmaster.spi.grpc;
    exports dev.dockmaster.spi.storage;
    exports dev.dockmaster.spi.drpc;
    exports dev.dockmaster.spi.engine;
    exports dev.dockmaster.spi.telemetry;
}
