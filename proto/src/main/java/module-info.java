/** The wire API: DAOS 2.6-compatible protobuf messages and gRPC services, and Dockmaster's own service. */
module dev.dockmaster.proto {
    requires transitive com.google.protobuf;
    requires transitive io.grpc;
    requires transitive io.grpc.stub;
    requires transitive io.grpc.protobuf;
    requires static com.google.common;

    exports dev.dockmaster.proto.ctl;
    exports dev.dockmaster.proto.drpc;
    exports dev.dockmaster.proto.mgmt;
    exports dev.dockmaster.proto.shared;
    exports dev.dockmaster.proto.srv;
    exports dev.dockmaster.proto.v1;
}
