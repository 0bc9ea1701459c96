package org.hicsim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The built-in scenarios, shipped as {@code scenarios/<name>.yaml} resources, and the lookup that {@code hic run}
 * and {@code hic validate} share: a file when one exists at the path given, else a built-in scenario by name.
 */
public final class ScenarioLibrary
{
    /** Where the built-in scenarios are, on the class path. */
    public static final String DIRECTORY = "scenarios";
    public static final String SUFFIX = ".yaml";

    private ScenarioLibrary()
    {
    }

    /**
     * The file at {@code fileOrName} if there is one, with the files and catalogue stems it names checked
     * ({@link ScenarioParser#read(Path, Path)}), else the built-in scenario of that name.
     *
     * @param catalogue the service catalogue's directory, or null to leave catalogue stems unchecked.
     * @throws ScenarioFormatException if it is malformed, or neither a file nor a built-in scenario.
     */
    public static Scenario load(final String fileOrName, final Path catalogue)
    {
        if (Files.exists(Path.of(fileOrName)))
        {
            return ScenarioParser.read(Path.of(fileOrName), catalogue);
        }
        if (isBuiltIn(fileOrName))
        {
            return builtIn(fileOrName);
        }
        throw new ScenarioFormatException(fileOrName, "no such file, nor a built-in scenario ('hic scenarios' lists"
            + " them)");
    }

    /** The names of the built-in scenarios, sorted. */
    public static List<String> builtInNames()
    {
        final URL directory = ScenarioLibrary.class.getClassLoader().getResource(DIRECTORY);
        if (directory == null)
        {
            return List.of();
        }
        try
        {
            final URI uri = directory.toURI();
            if (uri.getScheme().equals("jar"))
            {
                final String location = uri.getSchemeSpecificPart();
                final Path jarFile = Path.of(URI.create(location.substring(0, location.indexOf("!/"))));
                try (FileSystem jar = FileSystems.newFileSystem(jarFile))
                {
                    return names(jar.getPath(DIRECTORY));
                }
            }
            return names(Path.of(uri));
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException("directory=" + directory + " is not a URI", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public static boolean isBuiltIn(final String name)
    {
        return ScenarioLibrary.class.getClassLoader().getResource(resource(name)) != null;
    }

    /**
     * The built-in scenario {@code name}; its messages name it {@code scenarios/<name>.yaml}.
     *
     * @throws ScenarioFormatException if there is none of that name (or it is malformed: a bug).
     */
    public static Scenario builtIn(final String name)
    {
        final String resource = resource(name);
        try (InputStream in = ScenarioLibrary.class.getClassLoader().getResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new ScenarioFormatException(name, "no built-in scenario of that name ('hic scenarios' lists"
                    + " them)");
            }
            return ScenarioParser.parse(resource, in.readNBytes(ScenarioParser.SOURCE_LENGTH_MAX + 1), null);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static String resource(final String name)
    {
        return DIRECTORY + "/" + name + SUFFIX;
    }

    private static List<String> names(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(SUFFIX))
                .map(file -> file.substring(0, file.length() - SUFFIX.length())).sorted().toList();
        }
    }
}
