package org.hicsim.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.hicsim.hicmod.Bundle;
import org.hicsim.host.ModuleRefusedException.Reason;
import org.hicsim.host.hostile.CastToSystemCalls;
import org.hicsim.host.hostile.CharacterName;
import org.hicsim.host.hostile.CharsetByName;
import org.hicsim.host.hostile.ClassForName;
import org.hicsim.host.hostile.ContextToString;
import org.hicsim.host.hostile.DefaultCharset;
import org.hicsim.host.hostile.DefaultLocaleCase;
import org.hicsim.host.hostile.EnumHashCode;
import org.hicsim.host.hostile.Exit;
import org.hicsim.host.hostile.ExitByMethodReference;
import org.hicsim.host.hostile.Finalizer;
import org.hicsim.host.hostile.FormatTime;
import org.hicsim.host.hostile.Halt;
import org.hicsim.host.hostile.IdentityHash;
import org.hicsim.host.hostile.InternChannel;
import org.hicsim.host.hostile.Lookup;
import org.hicsim.host.hostile.MathTranscendental;
import org.hicsim.host.hostile.NameKernel;
import org.hicsim.host.hostile.NameOtherModule;
import org.hicsim.host.hostile.ObjectHashCode;
import org.hicsim.host.hostile.OwnClassLoader;
import org.hicsim.host.hostile.PrintStackTrace;
import org.hicsim.host.hostile.ReadFile;
import org.hicsim.host.hostile.SetAccessible;
import org.hicsim.host.hostile.StartThread;
import org.hicsim.host.hostile.StringFormatted;
import org.hicsim.host.hostile.SystemClassLoader;
import org.hicsim.host.hostile.UnseededRandom;
import org.hicsim.host.hostile.UseUnsafe;
import org.hicsim.host.hostile.WaitOnMonitor;
import org.hicsim.host.sample.Counter;
import org.hicsim.host.sample.EchoService;
import org.hicsim.host.sample.NoOpService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceCheckTest
{
    private static final String HANDLE = ".handle(Lorg/hicsim/core0/spi/Message;Lorg/hicsim/core0/spi/Message;)V";

    /**
     * Each hostile module and the reference that refuses it: the first one out of bounds in its code.
     */
    static Stream<Arguments> hostileModules()
    {
        return Stream.of(
            Arguments.of(Exit.class, HANDLE, "java/lang/System.exit(I)V"),
            Arguments.of(Halt.class, HANDLE, "java/lang/Runtime.getRuntime()Ljava/lang/Runtime;"),
            Arguments.of(ExitByMethodReference.class, HANDLE, "java/lang/System.exit(I)V"),
            Arguments.of(ClassForName.class, HANDLE, "java/lang/Class.forName(Ljava/lang/String;)Ljava/lang/Class;"),
            Arguments.of(SetAccessible.class, HANDLE,
                "java/lang/Class.getDeclaredField(Ljava/lang/String;)Ljava/lang/reflect/Field;"),
            Arguments.of(Lookup.class, HANDLE,
                "java/lang/invoke/MethodHandles.lookup()Ljava/lang/invoke/MethodHandles$Lookup;"),
            Arguments.of(StartThread.class, HANDLE, "java/lang/Thread"),
            Arguments.of(ReadFile.class, HANDLE, "java/io/FileInputStream"),
            Arguments.of(CastToSystemCalls.class, HANDLE, "org/hicsim/core0/SystemCalls"),
            Arguments.of(NameKernel.class, ".kernel", "org/hicsim/core0/Kernel"),
            Arguments.of(NameOtherModule.class, HANDLE, "org/hicsim/host/sample/Counter"),
            Arguments.of(SystemClassLoader.class, HANDLE,
                "java/lang/ClassLoader.getSystemClassLoader()Ljava/lang/ClassLoader;"),
            Arguments.of(OwnClassLoader.class, HANDLE,
                "java/lang/Object.getClass()Ljava/lang/Class;"),
            Arguments.of(UseUnsafe.class, HANDLE, "sun/misc/Unsafe.getUnsafe()Lsun/misc/Unsafe;"),
            Arguments.of(IdentityHash.class, HANDLE, "java/lang/System.identityHashCode(Ljava/lang/Object;)I"),
            Arguments.of(WaitOnMonitor.class, HANDLE, "java/lang/Object.wait()V"),
            Arguments.of(PrintStackTrace.class, HANDLE, "java/lang/IllegalStateException.printStackTrace()V"),
            Arguments.of(UnseededRandom.class, HANDLE, "java/util/Random.<init>()V"),
            Arguments.of(ObjectHashCode.class, HANDLE, "java/lang/Object.hashCode()I"),
            Arguments.of(ContextToString.class, HANDLE, "java/lang/Object.toString()Ljava/lang/String;"),
            Arguments.of(EnumHashCode.class, HANDLE, "org/hicsim/core0/spi/Quiescence.hashCode()I"),
            Arguments.of(FormatTime.class, HANDLE,
                "java/lang/String.format(Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String;"),
            Arguments.of(StringFormatted.class, HANDLE,
                "java/lang/String.formatted([Ljava/lang/Object;)Ljava/lang/String;"),
            Arguments.of(DefaultLocaleCase.class, HANDLE, "java/lang/String.toLowerCase()Ljava/lang/String;"),
            Arguments.of(DefaultCharset.class, HANDLE, "java/lang/String.getBytes()[B"),
            Arguments.of(CharsetByName.class, HANDLE, "java/lang/String.getBytes(Ljava/lang/String;)[B"),
            Arguments.of(InternChannel.class, HANDLE, "java/lang/String.intern()Ljava/lang/String;"),
            Arguments.of(CharacterName.class, HANDLE, "java/lang/Character.getName(I)Ljava/lang/String;"),
            Arguments.of(MathTranscendental.class, HANDLE, "java/lang/Math.sin(D)D"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileModules")
    void shouldRefuseHostileModuleNamingWhereAndWhatItReferences(
        final Class<?> hostile, final String member, final String reference)
    {
        final ModuleRefusedException refusal = assertThrows(ModuleRefusedException.class,
            () -> ReferenceCheck.check(TestModule.of("hostile", hostile).unsigned(), ReferenceAllowlist.standard()));

        assertEquals(Reason.FORBIDDEN_REFERENCE, refusal.reason());
        assertEquals(reference, refusal.reference());
        assertEquals("hostile 1.0.0: " + hostile.getName() + member + " uses " + reference
            + ", which a module may not use", refusal.getMessage());
    }

    @Test
    void shouldPassWellBehavedModuleWithLambdaRecordEnumSwitchAndStringConcatenation()
    {
        final CheckedClasses checked = ReferenceCheck.check(
            TestModule.of("echo", EchoService.class).with(Counter.class).unsigned(), ReferenceAllowlist.standard());

        assertEquals(EchoService.class.getName(), checked.entry());
        assertTrue(checked.classNames().contains(EchoService.class.getName() + "$Answer"),
            checked.classNames()::toString);
        assertTrue(checked.classNames().contains(NoOpService.class.getName()));
    }

    @Test
    void shouldRefuseFinalizer()
    {
        final ModuleRefusedException refusal = assertThrows(ModuleRefusedException.class,
            () -> ReferenceCheck.check(TestModule.of("hostile", Finalizer.class).unsigned(),
                ReferenceAllowlist.standard()));

        assertEquals(Reason.FINALIZER, refusal.reason());
        assertEquals("hostile 1.0.0: " + Finalizer.class.getName() + ".finalize()V is a finalizer, which a module"
            + " may not declare", refusal.getMessage());
    }

    @Test
    void shouldRefuseEntryThatIsNotAService()
    {
        assertRefused(Reason.INVALID_ENTRY, TestModule.of("counter", Counter.class).unsigned());
    }

    @Test
    void shouldRefuseEntryMissingFromJar()
    {
        final TestModule module = TestModule.of("echo", EchoService.class);
        assertRefused(Reason.INVALID_ENTRY,
            module.bundle(TestModule.jar(Map.of(
                "org/hicsim/host/sample/Counter.class", TestModule.classFile(Counter.class)))));
    }

    @Test
    void shouldRefuseClassInCoreZeroPackage()
    {
        final Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("org/hicsim/core0/spi/Service.class", TestModule.classFile(NoOpService.class));
        assertRefused(Reason.MISPLACED_CLASS, TestModule.of("echo", EchoService.class).bundle(TestModule.jar(entries)));
    }

    @Test
    void shouldRefuseJarEntryHoldingAnotherClass()
    {
        final Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("org/hicsim/host/sample/EchoService.class", TestModule.classFile(Counter.class));
        assertRefused(Reason.MISPLACED_CLASS, TestModule.of("echo", EchoService.class).bundle(TestModule.jar(entries)));
    }

    @Test
    void shouldRefuseMalformedClassFile()
    {
        final Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("org/hicsim/host/sample/EchoService.class", new byte[] { (byte)0xCA, (byte)0xFE, 0, 1 });
        assertRefused(Reason.MALFORMED_CLASS, TestModule.of("echo", EchoService.class).bundle(TestModule.jar(entries)));
    }

    private static void assertRefused(final Reason reason, final Bundle bundle)
    {
        final ModuleRefusedException refusal = assertThrows(ModuleRefusedException.class,
            () -> ReferenceCheck.check(bundle, ReferenceAllowlist.standard()));
        assertEquals(reason, refusal.reason(), refusal::getMessage);
    }
}
