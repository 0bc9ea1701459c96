package org.hicsim.hicmod;

/**
 * One checked entry of a bundle's section table: where a section lies in the file.
 */
public final class Section
{
    private final SectionType type;
    private final int offset;
    private final int length;

    Section(final SectionType type, final int offset, final int length)
    {
        this.type = type;
        this.offset = offset;
        this.length = length;
    }

    public SectionType type()
    {
        return type;
    }

    /** The section's first byte, from the start of the file. */
    public int offset()
    {
        return offset;
    }

    public int length()
    {
        return length;
    }

    /** The offset just past the section. */
    public int end()
    {
        return offset + length;
    }

    @Override
    public String toString()
    {
        return type + " [" + offset + ", " + end() + ")";
    }
}
