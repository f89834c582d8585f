package dev.dockmaster.client.security;

import dev.dockmaster.spi.Fault;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and private keys the way DAOS does ({@code security/pem.go}): the file must exist, be a
 * regular file, be readable, and have no permission bit beyond the allowed maximum, and each failure is a fault that
 * names the file and the fix.
 */
public final class CertificateFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private CertificateFiles() {
    }

    /** Every certificate in a PEM file (a chain, or a CA bundle); at least one. */
    public static List<X509Certificate> certificates(Path path) {
        List<X509Certificate> certs = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        for (Block block : blocks(path, FilePermissions.CERTIFICATE)) {
            if (!block.type().equals("CERTIFICATE")) {
                continue;
            }
            try {
                certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException e) {
                throw SecurityFaults.invalid(path, "not a valid X.509 certificate (" + e.getMessage() + ")");
            }
        }
        if (certs.isEmpty()) {
            throw SecurityFaults.invalid(path, "no PEM CERTIFICATE block found");
        }
        return certs;
    }

    /**
     * The private key of a PEM file: PKCS#8 ({@code PRIVATE KEY}, OpenSSL 3's default) or PKCS#1
     * ({@code RSA PRIVATE KEY}, older OpenSSL's), permissions at most {@code maxMode}.
     */
    public static PrivateKey privateKey(Path path, int maxMode) {
        List<Block> blocks = blocks(path, maxMode);
        List<Block> keys = blocks.stream().filter(b -> b.type().endsWith("PRIVATE KEY")).toList();
        if (keys.isEmpty()) {
            throw SecurityFaults.invalid(path, "no PEM PRIVATE KEY block found");
        }
        if (keys.size() > 1) {
            throw SecurityFaults.invalid(path, "only one key allowed per file");
        }
        Block key = keys.get(0);
        byte[] pkcs8 = switch (key.type()) {
            case "PRIVATE KEY" -> key.der();
            case "RSA PRIVATE KEY" -> Pkcs1.toPkcs8(key.der());
            case "ENCRYPTED PRIVATE KEY" ->
                    throw SecurityFaults.invalid(path, "the key is encrypted; DAOS keys are stored unencrypted");
            default -> throw SecurityFaults.invalid(path, "unsupported key type " + key.type());
        };
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw SecurityFaults.invalid(path, "the key is neither an RSA nor an EC private key");
    }

    /** Checks a directory the server must read (client_cert_dir). */
    public static void readableDirectory(Path dir) {
        try {
            if (!Files.readAttributes(dir, BasicFileAttributes.class).isDirectory()) {
                throw SecurityFaults.invalid(dir, "not a directory");
            }
        } catch (NoSuchFileException e) {
            throw SecurityFaults.missingFile(dir);
        } catch (IOException e) {
            throw SecurityFaults.unreadableFile(dir);
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw SecurityFaults.unreadableFile(dir);
        }
    }

    private static List<Block> blocks(Path path, int maxMode) {
        String text = new String(read(path, maxMode), StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw SecurityFaults.invalid(path, "bad base64 in PEM block " + m.group(1));
            }
        }
        if (blocks.isEmpty()) {
            throw SecurityFaults.invalid(path, "the file does not contain PEM data");
        }
        return blocks;
    }

    /**
     * DAOS's LoadPEMData: exists (901), can be looked at and read (902), is a regular file, has permissions within
     * the maximum (2301). A file in a directory this user cannot search is unreadable, not missing.
     */
    static byte[] read(Path path, int maxMode) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw SecurityFaults.missingFile(path);
        } catch (IOException e) {
            throw SecurityFaults.unreadableFile(path);
        }
        if (!attributes.isRegularFile()) {
            throw SecurityFaults.invalid(path, "not a regular file");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            if (!FilePermissions.within(perms, maxMode)) {
                throw SecurityFaults.insecurePermissions(path, perms, maxMode);
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: there are no mode bits to check.
        } catch (IOException e) {
            throw SecurityFaults.unreadableFile(path);
        }
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw SecurityFaults.missingFile(path);
        } catch (AccessDeniedException e) {
            throw SecurityFaults.unreadableFile(path);
        } catch (IOException e) {
            throw new Fault(SecurityFaults.DOMAIN, SecurityFaults.UNREADABLE_CERT_FILE,
                    "cannot read " + path + ": " + e.getMessage(), "check the file and the disk it is on", e);
        }
    }

    private record Block(String type, byte[] der) {
    }
}
