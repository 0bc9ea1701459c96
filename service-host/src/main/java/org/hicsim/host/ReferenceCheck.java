package org.hicsim.host;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.hicsim.core0.spi.Service;
import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.Manifest;
import org.hicsim.host.ModuleRefusedException.Reason;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;

/**
 * The check HIC's loader makes at relocation ("verify all references are within sandbox boundaries"), on Java
 * class files: before any class of a module is defined, every class file of its jar is read and every reference
 * it makes is judged against a {@link ReferenceAllowlist}. A module passes only whole: one reference out of
 * bounds anywhere, a finalizer, a class file the JVM would not take, or an entry class that is not a public
 * concrete {@link Service} with a public no-arg constructor refuses it, with the first fault in class name order.
 * <p>
 * Java 17 has no usable SecurityManager, so this check, and the class loader that can resolve nothing else
 * ({@link BundleClassLoader}), are what keep a module inside its sandbox.
 */
public final class ReferenceCheck
{
    /** Class files of a newer Java than the running one would fail at definition, inside a call. */
    private static final int CLASS_VERSION_MAX = Runtime.version().feature() + 44;
    private static final int MAJOR_VERSION_OFFSET = 6;
    private static final String SERVICE = Type.getInternalName(Service.class);

    private ReferenceCheck()
    {
    }

    /**
     * @return the module's class files, checked.
     * @throws ModuleRefusedException naming the module and the first fault.
     */
    public static CheckedClasses check(final Bundle bundle, final ReferenceAllowlist allowlist)
    {
        final Manifest manifest = bundle.manifest();
        final String module = manifest.name() + " " + manifest.version();
        final SortedMap<String, byte[]> classFiles = BundleClassFiles.read(module, bundle.jar());

        final Map<String, ClassReader> readers = new TreeMap<>();
        final Map<String, DeclaredClass> declared = new TreeMap<>();
        for (final Map.Entry<String, byte[]> file : classFiles.entrySet())
        {
            final ClassReader reader = open(module, file.getKey(), file.getValue());
            readers.put(file.getKey(), reader);
            declared.put(file.getKey(), DeclaredClass.read(reader));
        }
        final String entry = manifest.entry().replace('.', '/');
        checkEntry(module, entry, declared);

        final MemberResolver resolver = new MemberResolver(declared, ReferenceCheck.class.getClassLoader());
        final ReferenceJudge judge = new ReferenceJudge(module, allowlist, declared, resolver);
        for (final Map.Entry<String, ClassReader> reader : readers.entrySet())
        {
            try
            {
                reader.getValue().accept(new ClassReferenceVisitor(judge), 0);
            }
            catch (final ModuleRefusedException ex)
            {
                throw ex;
            }
            catch (final RuntimeException ex)
            {
                throw malformed(module, reader.getKey(), ex);
            }
        }
        return new CheckedClasses(module, meter(module, readers, resolver), manifest.entry());
    }

    /**
     * The checked class files, metered ({@link ClassMetering}); each read again whole, its stack map frames left
     * out, since the writer computes them anew.
     */
    private static SortedMap<String, byte[]> meter(
        final String module, final Map<String, ClassReader> readers, final MemberResolver resolver)
    {
        final Map<String, ClassNode> nodes = new TreeMap<>();
        for (final Map.Entry<String, ClassReader> reader : readers.entrySet())
        {
            final ClassNode node = new ClassNode();
            reader.getValue().accept(node, ClassReader.SKIP_FRAMES);
            nodes.put(reader.getKey(), node);
        }
        final MeteringContext context =
            new MeteringContext(module, nodes, resolver, ReferenceCheck.class.getClassLoader());
        final SortedMap<String, byte[]> metered = new TreeMap<>();
        for (final Map.Entry<String, ClassNode> node : nodes.entrySet())
        {
            try
            {
                metered.put(node.getKey(), ClassMetering.meter(node.getValue(), context));
            }
            catch (final ModuleRefusedException ex)
            {
                throw ex;
            }
            catch (final RuntimeException ex)
            {
                throw ModuleRefusedException.refused(Reason.UNMETERABLE, module, node.getKey().replace('/', '.')
                    + " cannot be metered (" + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")");
            }
        }
        return metered;
    }

    private static ClassReader open(final String module, final String internalName, final byte[] bytes)
    {
        final ClassReader reader;
        try
        {
            reader = new ClassReader(bytes);
            if (reader.readUnsignedShort(MAJOR_VERSION_OFFSET) > CLASS_VERSION_MAX)
            {
                throw ModuleRefusedException.refused(Reason.MALFORMED_CLASS, module, internalName.replace('/', '.')
                    + " is class file version " + reader.readUnsignedShort(MAJOR_VERSION_OFFSET)
                    + ", newer than this JVM's " + CLASS_VERSION_MAX);
            }
            if (!reader.getClassName().equals(internalName))
            {
                throw ModuleRefusedException.refused(Reason.MISPLACED_CLASS, module, "its jar entry "
                    + internalName + ".class holds the class " + reader.getClassName().replace('/', '.'));
            }
            return reader;
        }
        catch (final ModuleRefusedException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw malformed(module, internalName, ex);
        }
    }

    private static void checkEntry(final String module, final String entry, final Map<String, DeclaredClass> declared)
    {
        final DeclaredClass entryClass = declared.get(entry);
        final String problem;
        if (entryClass == null)
        {
            problem = "is not in its jar";
        }
        else if ((entryClass.access() & (Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE))
            != Opcodes.ACC_PUBLIC)
        {
            problem = "is not a public concrete class";
        }
        else if (!entryClass.hasPublicNoArgConstructor())
        {
            problem = "has no public no-arg constructor";
        }
        else if (!implementsService(entry, declared, new HashSet<>()))
        {
            problem = "does not implement " + Service.class.getName();
        }
        else
        {
            return;
        }
        throw ModuleRefusedException.refused(
            Reason.INVALID_ENTRY, module, "its entry class " + entry.replace('/', '.') + " " + problem);
    }

    /** Only the module's own classes can lead to Service: no allowed JDK class implements it. */
    private static boolean implementsService(
        final String className, final Map<String, DeclaredClass> declared, final Set<String> visited)
    {
        if (SERVICE.equals(className))
        {
            return true;
        }
        final DeclaredClass declaredClass = declared.get(className);
        if (declaredClass == null || !visited.add(className))
        {
            return false;
        }
        if (declaredClass.superName() != null && implementsService(declaredClass.superName(), declared, visited))
        {
            return true;
        }
        for (final String superinterface : declaredClass.interfaces())
        {
            if (implementsService(superinterface, declared, visited))
            {
                return true;
            }
        }
        return false;
    }

    private static ModuleRefusedException malformed(
        final String module, final String internalName, final RuntimeException cause)
    {
        return ModuleRefusedException.refused(Reason.MALFORMED_CLASS, module,
            internalName.replace('/', '.') + " is not a valid class file (" + cause.getClass().getSimpleName() + ")");
    }
}
