package dev.dockmaster.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark compares like with like: both servers answer the request with identical bytes. */
class StorageScanStackTest {
    @Test
    void bothServersReturnTheSameResponse() throws Exception {
        try (StorageScanStack stack = new StorageScanStack()) {
            var viaDockmaster = stack.dockmasterStub.storageScan(StorageScanStack.REQUEST);
            var viaBare = stack.bareStub.storageScan(StorageScanStack.REQUEST);

            assertThat(viaDockmaster.getScm().getNamespacesCount()).isPositive();
            assertThat(viaBare.toByteString()).isEqualTo(viaDockmaster.toByteString());
        }
    }
}
