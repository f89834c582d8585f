package dev.dockmaster.plugins.storage.ipmctl;

/**
 * A PMem region (an interleave set of modules) as libipmctl reports it.
 *
 * @param isetId interleave set id
 * @param appDirect the region is App Direct (persistent), where namespaces can be created
 * @param capacityBytes size of the region
 * @param freeCapacityBytes space not yet used by namespaces
 * @param socketId the processor socket
 * @param moduleCount the modules in the region
 */
record PmemRegion(long isetId, boolean appDirect, long capacityBytes, long freeCapacityBytes, int socketId,
                  int moduleCount) {
}
