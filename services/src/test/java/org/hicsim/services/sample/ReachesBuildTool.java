package org.hicsim.services.sample;

import org.hicsim.services.build.CatalogueBuildException;

/**
 * A would-be entry class that uses the build tool, which the build refuses to pack.
 */
public final class ReachesBuildTool
{
    private ReachesBuildTool()
    {
    }

    public static RuntimeException failure()
    {
        return new CatalogueBuildException("never packed");
    }
}
