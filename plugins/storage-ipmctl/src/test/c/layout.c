/* Prints the libipmctl structure offsets the Java binding reads; IpmctlLayoutTest compiles and runs it. */
#include <stdio.h>
#include <stddef.h>
#include <nvm_management.h>

#define FIELD(s, f) printf(#s "." #f "=%zu\n", offsetof(struct s, f))

int main(void) {
    printf("device_discovery.SIZE=%zu\n", sizeof(struct device_discovery));
    FIELD(device_discovery, physical_id);
    FIELD(device_discovery, channel_pos);
    FIELD(device_discovery, channel_id);
    FIELD(device_discovery, memory_controller_id);
    FIELD(device_discovery, socket_id);
    FIELD(device_discovery, part_number);
    FIELD(device_discovery, fw_revision);
    FIELD(device_discovery, capacity);
    FIELD(device_discovery, uid);
    printf("region.SIZE=%zu\n", sizeof(struct region));
    FIELD(region, isetId);
    FIELD(region, type);
    FIELD(region, capacity);
    FIELD(region, free_capacity);
    FIELD(region, socket_id);
    FIELD(region, dimm_count);
    FIELD(region, health);
    return 0;
}
