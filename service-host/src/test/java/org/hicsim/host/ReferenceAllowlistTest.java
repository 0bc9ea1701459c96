package org.hicsim.host;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import org.hicsim.hicmod.Bundle;
import org.hicsim.host.ModuleRefusedException.Reason;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standard allowlist as data: every name in it exists, and a module that names one of its classes passes
 * while one that names one of its denied members, or any class outside it, is refused with that name. Modules
 * are the well-behaved echo service plus one generated class whose method makes the reference under test.
 */
class ReferenceAllowlistTest
{
    private static final ReferenceAllowlist STANDARD = ReferenceAllowlist.standard();
    private static final String PROBE = "org/hicsim/host/gen/Probe";

    @Property
    void shouldPassModuleNamingAnyAllowedClass(@ForAll("allowedClasses") final String allowed)
    {
        assertNotNull(ReferenceCheck.check(moduleCasting(allowed), STANDARD));
    }

    @Property(tries = 200)
    void shouldRefuseModuleNamingAnyClassOutsideTheAllowlist(@ForAll("foreignClasses") final String foreign)
    {
        final ModuleRefusedException refusal =
            assertThrows(ModuleRefusedException.class, () -> ReferenceCheck.check(moduleCasting(foreign), STANDARD));

        assertEquals(foreign, refusal.reference());
        assertFalse(STANDARD.isLinkable(foreign));
    }

    @Property
    void shouldRefuseModuleCallingAnyDeniedMember(@ForAll("deniedMembers") final String member)
    {
        final String owner = member.substring(0, member.indexOf('.'));
        final int descriptorStart = member.indexOf('(');
        final String name = member.substring(owner.length() + 1, descriptorStart);
        final String descriptor = member.substring(descriptorStart);

        final ModuleRefusedException refusal = assertThrows(ModuleRefusedException.class,
            () -> ReferenceCheck.check(moduleCalling(owner, name, descriptor), STANDARD));

        assertEquals(Reason.FORBIDDEN_REFERENCE, refusal.reason());
        assertEquals(member, refusal.reference());
    }

    @Property
    void shouldLinkOwnersOfAllowedMembersAndBootstraps(@ForAll("allowedMembersAndBootstraps") final String member)
    {
        assertTrue(STANDARD.isLinkable(member.substring(0, member.indexOf('.'))));
    }

    @Test
    void shouldNameOnlyClassesAndMembersThatExist() throws ClassNotFoundException
    {
        for (final String allowed : STANDARD.classes())
        {
            assertNotNull(hostClass(allowed));
        }
        for (final String member : STANDARD.allowedMembers())
        {
            assertDeclared(member);
        }
        for (final String member : STANDARD.bootstrapMethods())
        {
            assertDeclared(member);
        }
        for (final String member : STANDARD.deniedMembers())
        {
            assertFalse(denialsOf(member).isEmpty(), member);
        }
    }

    @Test
    void shouldRefuseLoadedMethodHandleConstant()
    {
        final ClassWriter writer = probeWriter();
        final MethodVisitor method = probeMethod(writer);
        method.visitLdcInsn(new Handle(Opcodes.H_INVOKESTATIC, "java/lang/Math", "abs", "(I)I",
            false));
        method.visitInsn(Opcodes.POP);
        final ModuleRefusedException refusal = assertThrows(ModuleRefusedException.class,
            () -> ReferenceCheck.check(moduleWith(finish(writer, method)), STANDARD));

        assertEquals("java/lang/invoke/MethodHandle", refusal.reference());
    }

    @Test
    void shouldRefuseBootstrapOutsideTheAllowlist()
    {
        final ClassWriter writer = probeWriter();
        final MethodVisitor method = probeMethod(writer);
        final String descriptor = "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)"
            + "Ljava/lang/Object;";
        method.visitLdcInsn(new ConstantDynamic("x", "Ljava/lang/Object;",
            new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/ConstantBootstraps", "nullConstant",
                descriptor, false)));
        method.visitInsn(Opcodes.POP);
        final ModuleRefusedException refusal = assertThrows(ModuleRefusedException.class,
            () -> ReferenceCheck.check(moduleWith(finish(writer, method)), STANDARD));

        assertEquals("java/lang/invoke/ConstantBootstraps.nullConstant" + descriptor, refusal.reference());
    }

    @Provide
    Arbitrary<String> allowedClasses()
    {
        return Arbitraries.of(STANDARD.classes());
    }

    @Provide
    Arbitrary<String> deniedMembers()
    {
        return Arbitraries.of(STANDARD.deniedMembers()).flatMap(denied -> Arbitraries.of(denialsOf(denied)));
    }

    @Provide
    Arbitrary<String> allowedMembersAndBootstraps()
    {
        final Set<String> members = new TreeSet<>(STANDARD.allowedMembers());
        members.addAll(STANDARD.bootstrapMethods());
        return Arbitraries.of(members);
    }

    /**
     * Classes of packages a module must not reach into, and ones that merely look like allowed classes.
     */
    @Provide
    Arbitrary<String> foreignClasses()
    {
        final Arbitrary<String> packages = Arbitraries.of("java/lang/", "java/lang/reflect/", "java/io/",
            "java/util/concurrent/", "java/lang/invoke/", "org/hicsim/core0/", "org/hicsim/core0/cap/",
            "org/hicsim/host/", "sun/misc/", "jdk/internal/misc/");
        final Arbitrary<String> simpleNames = Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1)
            .ofMaxLength(12).map(name -> "Zz" + name);
        return Combinators.combine(packages, simpleNames).as(String::concat);
    }

    /**
     * What a denied member's entry denies, each written {@code owner.name(descriptor)}: the member itself, or
     * every method of that name its owner declares.
     */
    private static List<String> denialsOf(final String denied)
    {
        if (denied.indexOf('(') >= 0)
        {
            return List.of(denied);
        }
        final String owner = denied.substring(0, denied.indexOf('.'));
        final String name = denied.substring(owner.length() + 1);
        return DeclaredClass.of(hostClassUnchecked(owner)).members().stream()
            .filter(member -> member.startsWith(name + "("))
            .map(member -> owner + "." + member)
            .sorted()
            .toList();
    }

    private static void assertDeclared(final String member) throws ClassNotFoundException
    {
        final String owner = member.substring(0, member.indexOf('.'));
        assertTrue(DeclaredClass.of(hostClass(owner)).declares(member.substring(owner.length() + 1)), member);
    }

    private static Class<?> hostClass(final String internalName) throws ClassNotFoundException
    {
        return Class.forName(internalName.replace('/', '.'), false, ReferenceAllowlistTest.class.getClassLoader());
    }

    private static Class<?> hostClassUnchecked(final String internalName)
    {
        try
        {
            return hostClass(internalName);
        }
        catch (final ClassNotFoundException ex)
        {
            throw new IllegalStateException("internalName=" + internalName, ex);
        }
    }

    private static Bundle moduleCasting(final String internalName)
    {
        final ClassWriter writer = probeWriter();
        final MethodVisitor method = probeMethod(writer);
        method.visitInsn(Opcodes.ACONST_NULL);
        method.visitTypeInsn(Opcodes.CHECKCAST, internalName);
        method.visitInsn(Opcodes.POP);
        return moduleWith(finish(writer, method));
    }

    private static Bundle moduleCalling(final String owner, final String name, final String descriptor)
    {
        final ClassWriter writer = probeWriter();
        final MethodVisitor method = probeMethod(writer);
        method.visitMethodInsn(Opcodes.INVOKESTATIC, owner, name, descriptor, false);
        return moduleWith(finish(writer, method));
    }

    private static ClassWriter probeWriter()
    {
        final ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, PROBE, null, "java/lang/Object", null);
        return writer;
    }

    private static MethodVisitor probeMethod(final ClassWriter writer)
    {
        final MethodVisitor method = writer.visitMethod(Opcodes.ACC_STATIC, "probe", "()V", null, null);
        method.visitCode();
        return method;
    }

    private static byte[] finish(final ClassWriter writer, final MethodVisitor method)
    {
        method.visitInsn(Opcodes.RETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    private static Bundle moduleWith(final byte[] probe)
    {
        final TestModule echo = HostFixture.echo();
        final Map<String, byte[]> entries = echo.entries();
        entries.put(PROBE + ".class", probe);
        return echo.bundle(TestModule.jar(entries));
    }
}
