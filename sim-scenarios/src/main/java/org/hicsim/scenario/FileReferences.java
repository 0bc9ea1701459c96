package org.hicsim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.hicsim.common.Quoted;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.HicmodFormatException;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.hicmod.pki.PkiInputException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Checks what a scenario file names outside itself as the file is read for a command, each fault at its key: a
 * bundle file must be a readable bundle, the trust root a PEM file of certificates, and a catalogue stem an entry
 * installs a bundle of the catalogue or of a bundle file the scenario names. Left to the run, such a mistake of
 * the user's would surface deep inside it, as an internal error.
 * <p>
 * A bundle whose bytes no longer match its digests is accepted here: refusing it is the Module Manager's job
 * (HIC step 1.2), which the scenario may be there to show. An update's stem is not checked either: an update to
 * a bundle the repository lacks is refused by the Module Manager as {@code bundle_not_found}.
 */
final class FileReferences
{
    private static final String WHICH_LISTS = "'hic services' lists";

    private final ScenarioNodes nodes;
    /** The catalogue's directory, or null when there is none to look stems up in. */
    private final Path catalogue;
    private final List<InstalledStem> installedStems = new ArrayList<>();
    /** The repository names of the bundle files the scenario names. */
    private final Set<String> fileNames = new TreeSet<>();

    /** An install entry's catalogue stem, checked once every bundle file of the scenario is known. */
    private record InstalledStem(Node node, String path, String stem)
    {
    }

    /**
     * @param catalogue the catalogue's directory, or null to leave catalogue stems unchecked.
     */
    FileReferences(final ScenarioNodes nodes, final Path catalogue)
    {
        this.nodes = nodes;
        this.catalogue = catalogue;
    }

    /** An update's bundle: a file must be a readable bundle. */
    void bundle(final Node node, final String path, final BundleRef bundle)
    {
        if (bundle.isCatalogueStem())
        {
            return;
        }
        try
        {
            BundleReader.read(bundle.file());
        }
        catch (final HicmodFormatException ex)
        {
            if (!ex.isIntegrityFailure())
            {
                throw nodes.error(node, path, ex.getMessage());
            }
        }
        fileNames.add(bundle.repositoryName());
    }

    /** An installed bundle: a file as {@link #bundle}, a stem once {@link #checkInstalledStems} runs. */
    void installed(final Node node, final String path, final BundleRef bundle)
    {
        bundle(node, path, bundle);
        if (bundle.isCatalogueStem())
        {
            installedStems.add(new InstalledStem(node, path, bundle.stem()));
        }
    }

    /** The trust root: a PEM file of certificates. */
    void trust(final Node node, final String path, final Path file)
    {
        try
        {
            Pem.readCertificates(file);
        }
        catch (final PkiInputException ex)
        {
            throw nodes.error(node, path, ex.getMessage());
        }
    }

    /** Every installed stem is a bundle of the catalogue or of a bundle file the scenario names. */
    void checkInstalledStems()
    {
        if (catalogue == null || installedStems.isEmpty())
        {
            return;
        }
        final Set<String> known = catalogueStems();
        known.addAll(fileNames);
        for (final InstalledStem installed : installedStems)
        {
            if (!known.contains(installed.stem()))
            {
                final String nearest = ScenarioNodes.nearest(installed.stem(), known);
                throw nodes.error(installed.node(), installed.path(), Quoted.quote(installed.stem())
                    + " is not in the catalogue (" + catalogue + ", which " + WHICH_LISTS + ")"
                    + (nearest == null ? "" : "; did you mean " + Quoted.quote(nearest) + "?"));
            }
        }
    }

    private Set<String> catalogueStems()
    {
        try (Stream<Path> files = Files.list(catalogue))
        {
            final Set<String> stems = new TreeSet<>();
            files.filter(file -> file.getFileName().toString().endsWith(BundleRef.FILE_SUFFIX))
                .forEach(file -> stems.add(new BundleRef(null, file).repositoryName()));
            return stems;
        }
        catch (final IOException ex)
        {
            throw new ScenarioFormatException(catalogue.toString(), "cannot list the catalogue (" + ex.getMessage()
                + ")", ex);
        }
    }
}
