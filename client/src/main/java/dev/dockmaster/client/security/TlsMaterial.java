package dev.dockmaster.client.security;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One component's TLS identity, loaded and checked before first use as DAOS's {@code PreLoadCertData} does: the CA
 * certificate(s), this component's certificate chain and its private key. Loading fails with a fault that names the
 * file when one is missing, unreadable, too open (the key) or invalid, when the key does not belong to the
 * certificate, or when the certificate does not verify against the CA (other CA, expired).
 *
 * @param caCerts the trusted CA certificates ({@code ca_cert})
 * @param chain   this component's certificate first, then any intermediates ({@code cert})
 * @param key     its private key ({@code key})
 */
public record TlsMaterial(List<X509Certificate> caCerts, List<X509Certificate> chain, PrivateKey key) {
    public TlsMaterial {
        caCerts = List.copyOf(caCerts);
        chain = List.copyOf(chain);
    }

    /**
     * @param maxKeyMode the most open permissions allowed on the key ({@link FilePermissions#USER_ONLY_KEY} for
     *                   server and agent, {@link FilePermissions#GROUP_READ_KEY} for admin)
     */
    public static TlsMaterial load(Path caCert, Path cert, Path key, int maxKeyMode) {
        List<X509Certificate> cas = CertificateFiles.certificates(caCert);
        List<X509Certificate> chain = CertificateFiles.certificates(cert);
        PrivateKey privateKey = CertificateFiles.privateKey(key, maxKeyMode);
        if (!matches(privateKey, chain.get(0).getPublicKey())) {
            throw SecurityFaults.invalid(cert, "the private key " + key + " does not belong to this certificate");
        }
        verify(cert, chain, cas);
        return new TlsMaterial(cas, chain, privateKey);
    }

    /** The leaf certificate's subject common name (DAOS's component: admin, agent, server). */
    public String commonName() {
        return CommonNames.of(chain.get(0));
    }

    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            byte[] probe = "dockmaster key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** PKIX path validation against the CA, without revocation lists (DAOS has none) and for any key usage. */
    static void verify(Path certPath, List<X509Certificate> chain, List<X509Certificate> cas) {
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate ca : cas) {
                anchors.add(new TrustAnchor(ca, null));
            }
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            List<X509Certificate> path = chain.size() > 1 && cas.contains(chain.get(chain.size() - 1))
                    ? chain.subList(0, chain.size() - 1) : chain;
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (CertPathValidatorException e) {
            throw SecurityFaults.invalid(certPath, "it does not verify against the CA certificate: "
                    + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw SecurityFaults.invalid(certPath, e.getMessage());
        }
    }
}
