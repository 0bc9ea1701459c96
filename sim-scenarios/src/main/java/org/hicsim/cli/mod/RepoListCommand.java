package org.hicsim.cli.mod;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.hicsim.cli.ExitCodes;
import org.hicsim.hicmod.HicmodFiles;
import org.hicsim.hicmod.repo.IndexEntry;
import org.hicsim.hicmod.repo.ModuleRepository;
import org.hicsim.hicmod.repo.RepositoryIndex;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hic mod repo list DIR [--json]}: what the repository's published index lists. It reads the index
 * without verifying it; {@code hic mod repo verify} is the check.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the bundles of a repository's published index (not verified: see 'repo verify').",
    footer = { "", "Exit codes: 0 listed, 2 usage error or malformed index." })
public final class RepoListCommand implements Callable<Integer>
{
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int SHA384_SHOWN = 16;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The repository directory.")
    Path directory;

    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException
    {
        final Path indexFile = directory.resolve(ModuleRepository.INDEX_FILE);
        final RepositoryIndex index = RepositoryIndex.fromBytes(
            indexFile.toString(), HicmodFiles.read(indexFile, RepositoryIndex.LENGTH_MAX));
        final PrintWriter out = spec.commandLine().getOut();
        if (json)
        {
            out.println(JSON.writeValueAsString(toMap(index)));
            return ExitCodes.OK;
        }
        out.printf("%s: index version %d, expires %s, %d bundle(s) (not verified here: hic mod repo verify)%n",
            directory, index.version(), index.expires(), index.modules().size());
        for (final IndexEntry entry : index.modules())
        {
            out.printf("  %-20s %-11s %10d bytes  signed %s  sha384 %s...  %s%n", entry.name(), entry.version(),
                entry.size(), entry.signingTime(), entry.sha384().substring(0, SHA384_SHOWN),
                Path.of(ModuleRepository.BUNDLES_DIRECTORY, entry.fileName()));
        }
        return ExitCodes.OK;
    }

    private static Map<String, Object> toMap(final RepositoryIndex index)
    {
        final List<Object> modules = new ArrayList<>();
        for (final IndexEntry entry : index.modules())
        {
            final Map<String, Object> module = new LinkedHashMap<>();
            module.put("name", entry.name());
            module.put("version", entry.version().toString());
            module.put("uuid", entry.uuid().toString());
            module.put("size", entry.size());
            module.put("sha384", entry.sha384());
            module.put("signing_time", entry.signingTime().toString());
            module.put("file", ModuleRepository.BUNDLES_DIRECTORY + "/" + entry.fileName());
            modules.add(module);
        }
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("index_version", index.version());
        map.put("expires", index.expires().toString());
        map.put("verified", false);
        map.put("modules", modules);
        return map;
    }
}
