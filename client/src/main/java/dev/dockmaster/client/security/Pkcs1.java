package dev.dockmaster.client.security;

import java.io.ByteArrayOutputStream;

/**
 * Wraps a PKCS#1 RSA private key (what {@code openssl genrsa} wrote before OpenSSL 3) into the PKCS#8 structure the
 * JDK's key factory reads: {@code SEQUENCE { INTEGER 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }}.
 */
final class Pkcs1 {
    /** DER of AlgorithmIdentifier { OID 1.2.840.113549.1.1.1, NULL }. */
    private static final byte[] RSA_ALGORITHM = {
            0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] VERSION_ZERO = {0x02, 0x01, 0x00};

    private Pkcs1() {
    }

    static byte[] toPkcs8(byte[] pkcs1) {
        byte[] octets = tlv(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(VERSION_ZERO);
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(octets);
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
