package org.hicsim.host;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.sample.Configured;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Versioned configuration through the host: what a service starts with (its manifest's defaults, overlaid with
 * what its loader is given), what it is given at run time, and the seeded random source beside it, all reached
 * through the SPI that the reference check allows.
 */
class ConfigurationTest
{
    private final HostFixture fixture = new HostFixture();
    private final Message reply = new Message();

    private static TestModule configured()
    {
        return TestModule.of("configured", Configured.class).config(Configured.LIMIT_KEY, "25").config("zone", "a");
    }

    private ServiceInstance load(final Configuration configuration)
    {
        return fixture.host.load(configured().verifiedFor(fixture.kernel), "configured", Grants.none(), configuration);
    }

    private Message ask(final ServiceInstance instance)
    {
        assertEquals(Status.OK, instance.handle(new Message(), reply));
        return reply;
    }

    @Test
    void shouldStartWithTheManifestsDefaults()
    {
        final ServiceInstance instance = load(Configuration.EMPTY);

        assertEquals(25, ask(instance).argument(0));
        assertEquals(Configuration.builder(0).put(Configured.LIMIT_KEY, "25").put("zone", "a").build(),
            instance.configuration());
    }

    @Test
    void shouldOverlayWhatTheLoaderIsGivenOnTheDefaultsAtItsVersion()
    {
        final ServiceInstance instance = load(Configuration.builder(3).put(Configured.LIMIT_KEY, "40").build());

        assertEquals(40, ask(instance).argument(0));
        assertEquals(3, reply.argument(1));
        assertEquals("a", instance.configuration().string("zone", ""));
    }

    @Test
    void shouldApplyANewerConfigurationAndAnswerItFromTheContext()
    {
        final ServiceInstance instance = load(Configuration.EMPTY);
        final Configuration newer = Configuration.builder(1).put(Configured.LIMIT_KEY, "7").build();

        assertEquals(Status.OK, instance.configure(newer));

        assertEquals(7, ask(instance).argument(0));
        assertEquals(1, reply.argument(1));
        assertEquals(newer, instance.configuration());
    }

    @Test
    void shouldRefuseAConfigurationNoNewerThanTheCurrentOne()
    {
        final ServiceInstance instance = load(Configuration.builder(5).build());

        assertEquals(Status.INVALID_ARGUMENT,
            instance.configure(Configuration.builder(5).put(Configured.LIMIT_KEY, "1").build()));
        assertEquals(Status.INVALID_ARGUMENT,
            instance.configure(Configuration.builder(4).put(Configured.LIMIT_KEY, "1").build()));

        assertEquals(25, ask(instance).argument(0));
        assertEquals(5, instance.configuration().version());
    }

    @Test
    void shouldKeepTheCurrentConfigurationWhenTheServiceRefusesANewOne()
    {
        final ServiceInstance instance = load(Configuration.EMPTY);

        assertEquals(Status.INVALID_ARGUMENT,
            instance.configure(Configuration.builder(1).put(Configured.LIMIT_KEY, "-1").build()));
        assertEquals(Status.INVALID_ARGUMENT,
            instance.configure(Configuration.builder(2).put(Configured.LIMIT_KEY, "many").build()));

        assertEquals(25, ask(instance).argument(0));
        assertEquals(0, instance.configuration().version());
    }

    @Test
    void shouldTraceEveryConfigurationGivenAcceptedOrNot()
    {
        final ServiceInstance instance = load(Configuration.EMPTY);
        instance.configure(Configuration.builder(1).put(Configured.LIMIT_KEY, "3").build());
        instance.configure(Configuration.builder(2).put(Configured.LIMIT_KEY, "-3").build());

        assertEquals(1, fixture.traceLines("service.config"));
        assertEquals(2, fixture.traceLines("service.configure"));
        assertTrue(fixture.trace.stream().anyMatch(line -> line.contains("service.configure")
            && line.contains("version=2 status=INVALID_ARGUMENT values={limit=-3}")), fixture.trace::toString);
    }

    @Test
    void shouldKillOnlyTheServiceWhoseConfigureThrows()
    {
        final ServiceInstance instance = load(Configuration.EMPTY);
        final ServiceInstance echo = fixture.load(HostFixture.echo(), "echo");

        assertEquals(ServiceInstance.DEAD,
            instance.configure(Configuration.builder(1).put(Configured.CRASH_KEY, "true").build()));

        assertFalse(instance.isAlive());
        HostFixture.assertServes(echo, 4);
    }

    @Test
    void shouldDrawTheSameNumbersInTheSameRunAndOthersUnderAnotherName()
    {
        final long first = ask(load(Configuration.EMPTY)).argument(2);
        final HostFixture again = new HostFixture();
        final long repeated = again.host.load(configured().verifiedFor(again.kernel), "configured", Grants.none())
            .handle(new Message(), reply) == Status.OK ? reply.argument(2) : 0;
        final ServiceInstance renamed = fixture.host.load(
            configured().version("1.1.0").verifiedFor(fixture.kernel), "configured-2", Grants.none());

        assertEquals(first, repeated);
        assertNotEquals(first, ask(renamed).argument(2));
    }
}
