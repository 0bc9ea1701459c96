package org.hicsim.hicmod;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;

import org.junit.jupiter.api.Test;

class BundleRoundTripTest
{
    private static final byte[] SIGNATURE = { 0x30, (byte)0x82, 0x01, 0x00, 0x06, 0x09 };

    @Test
    void shouldReadBackTheManifestAndJarItPacked() throws Exception
    {
        final byte[] jar = Fixtures.jar(5000);

        final Bundle bundle = BundleReader.read(BundleWriter.pack(Fixtures.netstack(), jar));

        assertEquals(Fixtures.netstack(), bundle.manifest());
        assertEquals(ByteBuffer.wrap(jar), bundle.jar());
        assertArrayEquals(MessageDigest.getInstance("SHA-384").digest(jar), bundle.jarSha384());
        assertEquals(HeaderDescriptor.FORMAT_VERSION, bundle.formatVersion());
    }

    @Test
    void shouldLaySectionsOutContiguouslyInTableOrder()
    {
        final Bundle bundle = BundleReader.read(Fixtures.netstackBundle());

        final List<Section> sections = bundle.sections();
        assertEquals(SectionEntryDescriptor.TABLE_OFFSET + SectionEntryDescriptor.TABLE_LENGTH,
            sections.get(0).offset());
        for (int i = 0; i < sections.size(); i++)
        {
            assertEquals(SectionType.values()[i], sections.get(i).type());
        }
        assertEquals(sections.get(0).end(), sections.get(1).offset());
        assertEquals(sections.get(1).end(), sections.get(2).offset());
        assertEquals(bundle.length(), sections.get(2).end());
    }

    @Test
    void shouldPackTheSameBytesForTheSameManifestWrittenDifferently()
    {
        final String reordered = String.join("\n",
            "# the same manifest, keys and lists in another order, other spellings",
            "migration: {state_version: 2, protocols: [\"1.4\", \"1.3\"]}",
            "resources: {capabilities: [stats:rw, net.mmio:r], cpu_quota: 20%, memory: 65536KiB}",
            "dependencies: {ipc_lib: \"=2.0.0\", eth_driver: \">=1.2.0\"}",
            "entry: org.hicsim.services.netstack.Netstack",
            "uuid: 550E8400-E29B-41D4-A716-446655440000",
            "version: \"1.3.0\"",
            "name: 'netstack'",
            "");

        assertArrayEquals(Fixtures.netstackBundle(), BundleWriter.pack(Fixtures.manifest(reordered),
            Fixtures.jar(100)));
    }

    @Test
    void shouldHaveAnUnsignedBundleBeItsOwnSignedBytes()
    {
        final byte[] unsigned = Fixtures.netstackBundle();

        final Bundle bundle = BundleReader.read(unsigned);

        assertFalse(bundle.isSigned());
        assertEquals(0, bundle.signature().length);
        assertArrayEquals(unsigned, bundle.signedBytes());
    }

    @Test
    void shouldKeepTheSignedBytesWhenASignatureIsAdded()
    {
        final byte[] unsigned = Fixtures.netstackBundle();

        final Bundle signed = BundleReader.read(BundleReader.read(unsigned).withSignature(SIGNATURE));

        assertTrue(signed.isSigned());
        assertArrayEquals(SIGNATURE, signed.signature());
        assertArrayEquals(unsigned, signed.signedBytes());
        assertEquals(unsigned.length + SIGNATURE.length, signed.length());
    }

    @Test
    void shouldReplaceAnExistingSignature()
    {
        final Bundle signed = BundleReader.read(BundleReader.read(Fixtures.netstackBundle()).withSignature(SIGNATURE));
        final byte[] other = { 0x30, 0x03, 0x02, 0x01, 0x07 };

        final Bundle resigned = BundleReader.read(signed.withSignature(other));

        assertArrayEquals(other, resigned.signature());
        assertArrayEquals(signed.signedBytes(), resigned.signedBytes());
    }

    @Test
    void shouldRefuseASignatureBlockOverTheMaximum()
    {
        final Bundle bundle = BundleReader.read(Fixtures.netstackBundle());

        final HicmodFormatException refused = assertThrows(HicmodFormatException.class,
            () -> bundle.withSignature(new byte[SignatureSectionDescriptor.LENGTH_MAX + 1]));

        assertEquals("signature", refused.region());
    }

    @Test
    void shouldRefuseAnEmptySignatureBlock()
    {
        final Bundle bundle = BundleReader.read(Fixtures.netstackBundle());

        assertThrows(IllegalArgumentException.class, () -> bundle.withSignature(new byte[0]));
    }

    @Test
    void shouldRefuseToPackSomethingThatIsNotAJar()
    {
        final HicmodFormatException refused = assertThrows(HicmodFormatException.class,
            () -> BundleWriter.pack(Fixtures.netstack(), new byte[] { 1, 2, 3, 4, 5 }));

        assertEquals("code: not a jar (it does not start with a zip local file header)", refused.getMessage());
    }

    @Test
    void shouldNotLetCallersChangeABundle()
    {
        final byte[] bytes = Fixtures.netstackBundle();
        final Bundle bundle = BundleReader.read(bytes);

        bytes[bytes.length - 1] ^= 1;
        bundle.toBytes()[0] ^= 1;
        bundle.signedBytes()[0] ^= 1;

        assertArrayEquals(Fixtures.netstackBundle(), bundle.toBytes());
        assertTrue(bundle.jar().isReadOnly());
        assertTrue(bundle.compressedPayload().isReadOnly());
    }

    @Test
    void shouldStoreTheCanonicalManifestInTheManifestSection()
    {
        final Bundle bundle = BundleReader.read(Fixtures.netstackBundle());
        final Section section = bundle.section(SectionType.MANIFEST);

        final byte[] text = new byte[section.length() - ManifestSectionDescriptor.TEXT_OFFSET];
        ByteBuffer.wrap(bundle.toBytes(), section.offset() + ManifestSectionDescriptor.TEXT_OFFSET, text.length)
            .get(text);

        assertArrayEquals(CanonicalManifest.encode(Fixtures.netstack()), text);
    }
}
