package dev.dockmaster.client.security;

import dev.dockmaster.spi.Fault;

import java.nio.file.Path;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermission;

/**
 * Faults about certificates and keys, shared by dmg, the control API and the server's security module. DAOS's
 * security codes (900 block: 901 missing, 902 unreadable, 903 invalid) are kept; DAOS reports a key whose permissions
 * are too open as a plain error, Dockmaster gives it its own code in the security sub-range 2301-2399 (docs/architecture.md lists the ranges).
 */
public final class SecurityFaults {
    public static final String DOMAIN = "security";

    public static final int UNKNOWN = 900;
    public static final int MISSING_CERT_FILE = 901;
    public static final int UNREADABLE_CERT_FILE = 902;
    public static final int INVALID_CERT = 903;
    public static final int INSECURE_PERMISSIONS = 2301;

    static final String DEPLOYMENT_GUIDE =
            "generate the certificates (bin/gen_certificates) and set transport_config's ca_cert, cert and key;"
                    + " see the System Deployment section of the DAOS Admin Guide";
    static final String INVALID_RESOLUTION = "verify the certificates in the DAOS server, agent, and control"
            + " configurations are valid, are from the same CA, and are not expired";

    private SecurityFaults() {
    }

    public static Fault missingFile(Path path) {
        return new Fault(DOMAIN, MISSING_CERT_FILE,
                "certificates are enabled, but " + path + " was not found", DEPLOYMENT_GUIDE);
    }

    public static Fault unreadableFile(Path path) {
        return new Fault(DOMAIN, UNREADABLE_CERT_FILE,
                "certificates are enabled, " + path + " was found, but it cannot be read by this user",
                "make " + path + " readable by the user running this command (owner and mode), or point"
                        + " transport_config at a copy it can read");
    }

    public static Fault invalid(Path path, String why) {
        return new Fault(DOMAIN, INVALID_CERT, "certificate at path \"" + path + "\" is invalid: " + why,
                INVALID_RESOLUTION);
    }

    public static Fault invalid(String why) {
        return new Fault(DOMAIN, INVALID_CERT, "an invalid x509 certificate was detected: " + why,
                INVALID_RESOLUTION);
    }

    public static Fault insecurePermissions(Path path, Set<PosixFilePermission> actual, int maxMode) {
        return new Fault(DOMAIN, INSECURE_PERMISSIONS,
                path + " has insecure permissions " + octal(FilePermissions.mode(actual)) + " (suggested: "
                        + octal(maxMode) + ")",
                "chmod " + Integer.toOctalString(maxMode) + " " + path + " (a private key must not be readable"
                        + " or writable by anyone else)");
    }

    static String octal(int mode) {
        return "0" + Integer.toOctalString(mode);
    }
}
