package org.hicsim.hicmod.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import org.hicsim.hicmod.HicmodFiles;

/**
 * Reads and writes certificates and private keys as PEM, the way OpenSSL does: certificates as
 * {@code CERTIFICATE} blocks; private keys written as unencrypted PKCS#8 {@code PRIVATE KEY} (what
 * {@code openssl genpkey} writes) and read from that or the traditional {@code RSA PRIVATE KEY} and
 * {@code EC PRIVATE KEY}. Every failure is a {@link PkiInputException} naming the file.
 */
public final class Pem
{
    /** No key or certificate chain comes near this; a bigger file is refused before it is read. */
    public static final long FILE_BYTES_MAX = 1 << 20;

    private static final Set<PosixFilePermission> OWNER_ONLY =
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private Pem()
    {
    }

    /**
     * Every certificate in {@code file}, in file order; at least one.
     */
    public static List<X509Certificate> readCertificates(final Path file)
    {
        final List<X509Certificate> certificates = new ArrayList<>();
        final JcaX509CertificateConverter converter =
            new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER);
        for (final Object block : readBlocks(file))
        {
            if (!(block instanceof X509CertificateHolder))
            {
                throw new PkiInputException(file + ": holds " + describe(block) + " where a certificate was expected");
            }
            try
            {
                certificates.add(converter.getCertificate((X509CertificateHolder)block));
            }
            catch (final CertificateException ex)
            {
                throw new PkiInputException(file + ": unreadable certificate: " + ex.getMessage(), ex);
            }
        }
        if (certificates.isEmpty())
        {
            throw new PkiInputException(file + ": no PEM CERTIFICATE block");
        }
        return certificates;
    }

    /**
     * The one certificate in {@code file}.
     */
    public static X509Certificate readCertificate(final Path file)
    {
        final List<X509Certificate> certificates = readCertificates(file);
        if (certificates.size() != 1)
        {
            throw new PkiInputException(
                file + ": holds " + certificates.size() + " certificates where exactly one was expected");
        }
        return certificates.get(0);
    }

    /**
     * The one unencrypted private key in {@code file}.
     */
    public static PrivateKey readPrivateKey(final Path file)
    {
        final List<Object> blocks = readBlocks(file);
        if (blocks.size() != 1)
        {
            throw new PkiInputException(
                file + ": holds " + blocks.size() + " PEM blocks where exactly one private key was expected");
        }
        final Object block = blocks.get(0);
        if (block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair)
        {
            throw new PkiInputException(
                file + ": the private key is encrypted; decrypt it first (openssl pkey -in KEY -out PLAIN)");
        }
        try
        {
            final JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BouncyCastle.PROVIDER);
            if (block instanceof PrivateKeyInfo)
            {
                return converter.getPrivateKey((PrivateKeyInfo)block);
            }
            if (block instanceof PEMKeyPair)
            {
                return converter.getKeyPair((PEMKeyPair)block).getPrivate();
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new PkiInputException(file + ": unreadable private key: " + ex.getMessage(), ex);
        }
        throw new PkiInputException(file + ": holds " + describe(block) + " where a private key was expected");
    }

    /**
     * Writes {@code certificates} to a new {@code file}; an existing file is replaced only when {@code replace}.
     */
    public static void writeCertificates(
        final Path file, final List<X509Certificate> certificates, final boolean replace)
    {
        final StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text))
        {
            for (final X509Certificate certificate : certificates)
            {
                writer.writeObject(certificate);
            }
        }
        catch (final IOException ex)
        {
            throw new PkiInputException(file + ": cannot encode certificate: " + ex.getMessage(), ex);
        }
        write(file, text.toString(), replace, false);
    }

    /**
     * Writes {@code key} as unencrypted PKCS#8 to a new {@code file} that only its owner may read or write (where
     * the file system has POSIX permissions); an existing file is replaced only when {@code replace}.
     */
    public static void writePrivateKey(final Path file, final PrivateKey key, final boolean replace)
    {
        final StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text))
        {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        catch (final IOException ex)
        {
            throw new PkiInputException(file + ": cannot encode private key: " + ex.getMessage(), ex);
        }
        write(file, text.toString(), replace, true);
    }

    private static List<Object> readBlocks(final Path file)
    {
        final String text;
        try
        {
            final long size = Files.size(file);
            if (size > FILE_BYTES_MAX)
            {
                throw new PkiInputException(
                    file + ": " + size + " bytes is too large for a PEM key or certificate (max " +
                        FILE_BYTES_MAX + ")");
            }
            text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new PkiInputException(file + ": cannot read: " + HicmodFiles.describe(ex), ex);
        }
        final List<Object> blocks = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text)))
        {
            for (Object block = parser.readObject(); block != null; block = parser.readObject())
            {
                blocks.add(block);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new PkiInputException(file + ": not valid PEM: " + ex.getMessage(), ex);
        }
        return blocks;
    }

    private static String describe(final Object block)
    {
        if (block instanceof X509CertificateHolder)
        {
            return "a certificate";
        }
        if (block instanceof PrivateKeyInfo || block instanceof PEMKeyPair)
        {
            return "a private key";
        }
        return "a PEM block of another kind (" + block.getClass().getSimpleName() + ")";
    }

    private static void write(final Path file, final String text, final boolean replace, final boolean secret)
    {
        final boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        final FileAttribute<?>[] attributes = secret && posix ?
            new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) } : new FileAttribute<?>[0];
        try
        {
            if (replace)
            {
                // Deleted, not truncated: a new file gets the owner-only permissions, an old one would keep its own.
                Files.deleteIfExists(file);
            }
            try (SeekableByteChannel channel = Files.newByteChannel(
                file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes))
            {
                final ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining())
                {
                    channel.write(bytes);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new PkiInputException(file + ": cannot write: " + HicmodFiles.describe(ex), ex);
        }
    }
}
