package org.hicsim.hicmod.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hicsim.hicmod.HicmodFiles;

/**
 * The files of a {@link ModulePki} in a directory, as {@code hic mod pki init} writes them: a PEM certificate and
 * a PKCS#8 PEM private key (owner-only) for each tier.
 */
public final class PkiDirectory
{
    public static final String ROOT_CERTIFICATE = "root-ca.pem";
    public static final String ROOT_KEY = "root-ca.key";
    public static final String INTERMEDIATE_CERTIFICATE = "intermediate-ca.pem";
    public static final String INTERMEDIATE_KEY = "intermediate-ca.key";
    public static final String SIGNER_CERTIFICATE = "module-signer.pem";
    public static final String SIGNER_KEY = "module-signer.key";

    /** Every file name, in the order they are written. */
    public static final List<String> FILE_NAMES = List.of(
        ROOT_CERTIFICATE, ROOT_KEY, INTERMEDIATE_CERTIFICATE, INTERMEDIATE_KEY, SIGNER_CERTIFICATE, SIGNER_KEY);

    private PkiDirectory()
    {
    }

    /**
     * The files of {@link #FILE_NAMES} that already exist in {@code directory}.
     */
    public static List<Path> existingFiles(final Path directory)
    {
        final List<Path> existing = new ArrayList<>();
        for (final String name : FILE_NAMES)
        {
            final Path file = directory.resolve(name);
            if (Files.exists(file))
            {
                existing.add(file);
            }
        }
        return existing;
    }

    /**
     * Writes the six files into {@code directory}, creating it if needed; existing files are replaced only when
     * {@code replace}.
     *
     * @return the files written, in the order of {@link #FILE_NAMES}.
     */
    public static List<Path> write(final Path directory, final ModulePki pki, final boolean replace)
    {
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new PkiInputException(
                directory + ": cannot create the directory (" + HicmodFiles.describe(ex) + ")", ex);
        }
        writeTier(directory, ROOT_CERTIFICATE, ROOT_KEY, pki.root(), replace);
        writeTier(directory, INTERMEDIATE_CERTIFICATE, INTERMEDIATE_KEY, pki.intermediate(), replace);
        writeTier(directory, SIGNER_CERTIFICATE, SIGNER_KEY, pki.signer(), replace);
        final List<Path> written = new ArrayList<>();
        for (final String name : FILE_NAMES)
        {
            written.add(directory.resolve(name));
        }
        return written;
    }

    private static void writeTier(
        final Path directory,
        final String certificateName,
        final String keyName,
        final CertifiedKey tier,
        final boolean replace)
    {
        Pem.writeCertificates(directory.resolve(certificateName), List.of(tier.certificate()), replace);
        Pem.writePrivateKey(directory.resolve(keyName), tier.privateKey(), replace);
    }
}
