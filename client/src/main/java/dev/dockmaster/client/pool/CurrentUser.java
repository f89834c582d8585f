package dev.dockmaster.client.pool;

import dev.dockmaster.spi.Fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Who runs dmg: the default owner and owning group of a new pool, as DAOS's {@code formatNameGroup} takes them from
 * the effective user and its primary group.
 */
public interface CurrentUser {
    String userName();

    String groupName();

    /** The process's user ({@code user.name}) and its primary group, looked up by id in {@code /etc/group}. */
    static CurrentUser system() {
        return new CurrentUser() {
            @Override
            public String userName() {
                return System.getProperty("user.name");
            }

            @Override
            public String groupName() {
                long gid = new com.sun.security.auth.module.UnixSystem().getGid();
                try {
                    List<String> lines = Files.readAllLines(Path.of("/etc/group"));
                    for (String line : lines) {
                        String[] fields = line.split(":", -1);
                        if (fields.length >= 3 && fields[2].equals(Long.toString(gid))) {
                            return fields[0];
                        }
                    }
                } catch (IOException e) {
                    // fall through to the fault
                }
                throw new Fault("client", 500, "group: unknown groupid " + gid,
                        "give the owning group with -g/--group");
            }
        };
    }

    static CurrentUser of(String user, String group) {
        return new CurrentUser() {
            @Override
            public String userName() {
                return user;
            }

            @Override
            public String groupName() {
                return group;
            }
        };
    }
}
