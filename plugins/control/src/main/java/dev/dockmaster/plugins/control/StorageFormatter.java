package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.NvmeControllerResult;
import dev.dockmaster.proto.ctl.ResponseStatus;
import dev.dockmaster.proto.ctl.ScmMountResult;
import dev.dockmaster.proto.ctl.StorageFormatReq;
import dev.dockmaster.proto.ctl.StorageFormatResp;
import dev.dockmaster.spi.engine.BdevFormatOutcome;
import dev.dockmaster.spi.engine.EngineFormatResult;
import dev.dockmaster.spi.engine.EngineHarness;

import java.util.Objects;

/**
 * Answers {@code StorageFormat} through the core's engine harness and maps its results to DAOS's response: one
 * {@code ScmMountResult} per engine ({@code mrets}) and one {@code NvmeControllerResult} per bdev device or note
 * ({@code crets}). Device failures are results, not RPC errors, so every device reports its outcome; an empty
 * response means the host has no engines.
 */
public final class StorageFormatter {

    private final EngineHarness engines;

    public StorageFormatter(EngineHarness engines) {
        this.engines = Objects.requireNonNull(engines, "engines");
    }

    /** {@code replace} (dmg {@code --replace}) is accepted on the wire; Dockmaster has no engine replacement yet. */
    public StorageFormatResp format(StorageFormatReq request) {
        StorageFormatResp.Builder response = StorageFormatResp.newBuilder();
        for (EngineFormatResult engine : engines.format(request.getReformat())) {
            response.addMrets(ScmMountResult.newBuilder()
                    .setInstanceidx(engine.engineIndex())
                    .setMntpoint(engine.scmMount())
                    .setState(CtlMapper.toProto(engine.scm(), ResponseStatus.CTL_ERR_SCM)));
            for (BdevFormatOutcome bdev : engine.bdevs()) {
                response.addCrets(NvmeControllerResult.newBuilder()
                        .setPciAddr(bdev.result().device())
                        .setRoleBits(bdev.roleBits())
                        .setState(CtlMapper.toProto(bdev.result(), ResponseStatus.CTL_ERR_NVME)));
            }
        }
        return response.build();
    }
}
