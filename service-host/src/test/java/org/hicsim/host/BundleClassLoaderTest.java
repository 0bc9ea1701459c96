package org.hicsim.host;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.hicsim.host.meter.Meter;
import org.hicsim.host.meter.StackGauge;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Service;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.hostile.ClassForName;
import org.hicsim.host.hostile.Exit;
import org.hicsim.host.sample.EchoService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundleClassLoaderTest
{
    private final LinkOnlyClassLoader parent =
        new LinkOnlyClassLoader(ReferenceAllowlist.standard(), BundleClassLoaderTest.class.getClassLoader());
    private final CheckedClasses echo =
        ReferenceCheck.check(HostFixture.echo().unsigned(), ReferenceAllowlist.standard());
    private final Meter meter = new Meter("echo", Meter.FUEL_PER_CPU_PERCENT, 64 * 1024, new StackGauge());
    private final BundleClassLoader loader = new BundleClassLoader(echo, parent, meter);

    @ParameterizedTest
    @ValueSource(strings = {
        "org.hicsim.core0.Kernel",
        "org.hicsim.core0.SystemCalls",
        "org.hicsim.host.ServiceHost",
        "org.hicsim.host.hostile.Exit",
        "java.lang.Thread",
        "java.lang.Runtime",
        "java.lang.reflect.Method",
        "java.lang.invoke.MethodHandles",
        "sun.misc.Unsafe"})
    void shouldNotResolveAnythingOutsideTheModuleAndTheAllowlist(final String name)
    {
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass(name));
    }

    @Test
    void shouldResolveTheSpiAsTheKernelSeesIt() throws ClassNotFoundException
    {
        assertSame(Service.class, loader.loadClass(Service.class.getName()));
        assertSame(Message.class, loader.loadClass(Message.class.getName()));
    }

    @Test
    void shouldDefineTheModulesClassesItself() throws ClassNotFoundException
    {
        final Class<?> defined = loader.loadClass(EchoService.class.getName());

        assertSame(loader, defined.getClassLoader());
        assertNotSame(EchoService.class, defined);
    }

    @Test
    void shouldGiveEachInstanceItsOwnClasses() throws ClassNotFoundException
    {
        final BundleClassLoader other = new BundleClassLoader(echo, parent, meter);

        assertNotSame(loader.loadClass(EchoService.class.getName()), other.loadClass(EchoService.class.getName()));
    }

    @Test
    void shouldServeNoResources()
    {
        for (final ClassLoader classLoader : List.of(loader, parent))
        {
            assertNull(classLoader.getResource("org/hicsim/host/sample/EchoService.class"));
            assertNull(classLoader.getResource("java/lang/Object.class"));
            assertNull(classLoader.getResourceAsStream("META-INF/MANIFEST.MF"));
            assertFalse(classLoader.resources("java/lang/Object.class").findAny().isPresent());
        }
    }

    /**
     * An allowlist that lets Class.forName through the check: the loader still resolves nothing outside the
     * module and the (standard) linkable classes, at run time, by name.
     */
    @Test
    void shouldRefuseKernelClassAtRunTimeEvenWhenTheCheckLetsForNameThrough()
    {
        final ReferenceAllowlist standard = ReferenceAllowlist.standard();
        final List<String> classes = new ArrayList<>(standard.classes());
        classes.add("java/lang/Class");
        final ReferenceAllowlist lax = new ReferenceAllowlist(standard.packages(), classes,
            standard.deniedMembers(), standard.allowedMembers(), standard.bootstrapMethods());
        final HostFixture fixture = new HostFixture();
        final ServiceInstance probe = new ServiceHost(fixture.kernel, lax)
            .load(TestModule.of("probe", ClassForName.class).verifiedFor(fixture.kernel), "probe", Grants.none());
        final Message reply = new Message();

        assertEquals(Status.OK, probe.handle(new Message(), reply));

        assertEquals(ClassForName.KERNEL_NOT_FOUND, reply.status());
        assertTrue(probe.isAlive());
        assertThrows(ModuleRefusedException.class,
            () -> ReferenceCheck.check(TestModule.of("exit", Exit.class).unsigned(), lax));
    }
}
