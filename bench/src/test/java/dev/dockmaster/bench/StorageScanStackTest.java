package dev.dockmaster.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark compares like with like: both servers answer with the same message. */
class StorageScanStackTest {
    @Test
    void bothServersReturnTheSameResponse() throws Exception {
        try (StorageScanStack stack = new StorageScanStack()) {
            var viaDockmaster = stack.dockmasterStub.storageScan(StorageScanStack.REQUEST);
            var viaBare = stack.bareStub.storageScan(StorageScanStack.REQUEST);

            assertThat(viaDockmaster.getScm().getNamespacesCount()).isPositive();
            // mem_info is read from /proc/meminfo on every call, so only it may differ between the two answers.
            assertThat(viaBare.toBuilder().clearMemInfo().build())
                    .isEqualTo(viaDockmaster.toBuilder().clearMemInfo().build());
            assertThat(viaBare.getSerializedSize()).isBetween(viaDockmaster.getSerializedSize() - 8,
                    viaDockmaster.getSerializedSize() + 8);
        }
    }
}
