package dev.dockmaster.client.security;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.security.cert.X509Certificate;

/** The subject common name of a certificate, which DAOS uses as the caller's component. */
public final class CommonNames {
    private CommonNames() {
    }

    /** The subject's CN, or the empty string when it has none. */
    public static String of(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
            for (Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
            return "";
        } catch (InvalidNameException e) {
            return "";
        }
    }
}
