package dev.dockmaster.spi.storage;

/** One namespace of an NVMe controller. */
public record NvmeNamespace(int id, long sizeBytes) {
}
