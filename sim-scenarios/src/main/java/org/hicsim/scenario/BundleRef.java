package org.hicsim.scenario;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.hicsim.common.Quoted;
import org.hicsim.mm.BundleRepository;

/**
 * A bundle a scenario installs or updates to: a stem of the service catalogue ({@code netstack-1.3.0}, or
 * {@code netstack-1.3.0-crash-on-start} for a faulty build), or a {@code .hicmod} file.
 *
 * @param stem the catalogue stem, or null for a file.
 * @param file the bundle file (resolved against the scenario's directory), or null for a stem.
 */
public record BundleRef(String stem, Path file)
{
    /** The suffix that makes a reference a file rather than a catalogue stem. */
    public static final String FILE_SUFFIX = BundleRepository.SUFFIX;
    /**
     * {@code <module name>-<major>.<minor>.<patch>[-<fault kind>]}, as the catalogue names its bundles; group 1 is
     * the module's name.
     */
    public static final Pattern STEM = Pattern.compile(
        "([a-z][a-z0-9_]{0,63})-(0|[1-9][0-9]{0,4})\\.(0|[1-9][0-9]{0,4})\\.(0|[1-9][0-9]{0,4})(-[a-z][a-z0-9-]{0,63})?");

    public BundleRef
    {
        if ((stem == null) == (file == null))
        {
            throw new IllegalArgumentException("stem=" + stem + " file=" + file + ": exactly one must be given");
        }
    }

    /**
     * A reference as written: a text ending in {@value #FILE_SUFFIX} is a file, relative to {@code directory}
     * (when not null); anything else must be a catalogue stem.
     *
     * @throws IllegalArgumentException with a message for the user.
     */
    public static BundleRef parse(final String text, final Path directory)
    {
        if (text.endsWith(FILE_SUFFIX) && text.length() > FILE_SUFFIX.length())
        {
            final Path file;
            try
            {
                file = Path.of(text);
            }
            catch (final InvalidPathException ex)
            {
                throw new IllegalArgumentException(Quoted.quote(text) + " is not a valid path", ex);
            }
            return new BundleRef(null, directory == null || file.isAbsolute() ? file : directory.resolve(file));
        }
        if (!STEM.matcher(text).matches())
        {
            throw new IllegalArgumentException(Quoted.quote(text) + " is neither a catalogue stem (name-version,"
                + " e.g. netstack-1.3.0 or netstack-1.3.0-crash-on-start) nor a path to a " + FILE_SUFFIX + " file");
        }
        return new BundleRef(text, null);
    }

    public boolean isCatalogueStem()
    {
        return stem != null;
    }

    /** The name a bundle repository holds it under: its stem, or its file's name without {@value #FILE_SUFFIX}. */
    public String repositoryName()
    {
        return stem != null ? stem : BundleRepository.stemOf(file);
    }

    /** The stem, or the file's path. */
    @Override
    public String toString()
    {
        return stem != null ? stem : file.toString();
    }
}
