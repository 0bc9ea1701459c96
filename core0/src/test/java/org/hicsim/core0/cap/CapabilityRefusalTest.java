package org.hicsim.core0.cap;

import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hicsim.core0.cap.CapabilitySystem.CORE0;
import static org.hicsim.core0.cap.CapabilitySystem.NO_BADGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapabilityRefusalTest
{
    private static final int A = 1;
    private static final int B = 2;
    private static final int SANDBOXES_MAX = 8;
    private static final int OBJECT = 3;
    private static final ObjectKind KIND = ObjectKind.MEMORY_REGION;

    /** The radix of a space of {@link CapLimits#DEFAULT_SPACE_CAPACITY} slots, which A's and B's are. */
    private static final int RADIX = HandleDescriptor.radixFor(CapLimits.DEFAULT_SPACE_CAPACITY);

    private final RecordingAudit audit = new RecordingAudit();
    private CapabilitySystem system;
    private long handle;

    @BeforeEach
    void setUp()
    {
        system = new CapabilitySystem(SANDBOXES_MAX, new SplittableRandom(7), audit);
        system.createSpace(A);
        system.createSpace(B);
        handle = system.issue(CORE0, A, KIND, OBJECT, Rights.READ | Rights.WRITE | Rights.TRANSFER, CapFlags.NONE);
    }

    @Test
    void shouldRefuseGuessedHandles()
    {
        final SplittableRandom guesses = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++)
        {
            assertTrue(system.check(A, guesses.nextLong(), KIND, Rights.NONE) < 0);
        }
    }

    @Test
    void shouldRefuseAHandleWithANeverIssuedSlot()
    {
        final long guess = HandleDescriptor.handle(
            HandleDescriptor.token(handle), RADIX, 0, HandleDescriptor.slot(handle, RADIX) + 1);
        assertEquals(CapError.INVALID_HANDLE.code(), system.check(A, guess, KIND, Rights.NONE));
    }

    @Test
    void shouldRefuseAHandleWithAFutureGeneration()
    {
        final long guess = HandleDescriptor.handle(HandleDescriptor.token(handle), RADIX,
            (int)HandleDescriptor.generation(handle, RADIX) + 1, HandleDescriptor.slot(handle, RADIX));
        assertEquals(CapError.INVALID_HANDLE.code(), system.check(A, guess, KIND, Rights.NONE));
    }

    @Test
    void shouldRefuseANegativeHandle()
    {
        assertEquals(CapError.INVALID_HANDLE.code(), system.check(A, handle | Long.MIN_VALUE, KIND, Rights.NONE));
    }

    @Test
    void shouldRefuseAStaleHandleAfterDelete()
    {
        system.delete(A, handle);
        assertEquals(CapError.STALE_HANDLE.code(), system.check(A, handle, KIND, Rights.NONE));
    }

    @Test
    void shouldRefuseAStaleHandleAfterRevoke()
    {
        final long source = system.issue(CORE0, A, KIND, OBJECT, Rights.ALL, CapFlags.NONE);
        final long child = system.mint(A, source, Rights.READ, NO_BADGE);
        system.revoke(A, source);
        assertEquals(CapError.STALE_HANDLE.code(), system.check(A, child, KIND, Rights.NONE));
    }

    @Test
    void shouldRefuseAStaleHandleAfterTransfer()
    {
        system.transfer(A, handle, B);
        assertEquals(CapError.STALE_HANDLE.code(), system.check(A, handle, KIND, Rights.NONE));
    }

    @Test
    void shouldRefuseTheOldHandleWhenItsSlotIsReused()
    {
        system.delete(A, handle);
        final long reissued = system.issue(CORE0, A, KIND, OBJECT, Rights.READ, CapFlags.NONE);
        assertEquals(HandleDescriptor.slot(handle, RADIX), HandleDescriptor.slot(reissued, RADIX));
        assertEquals(CapError.STALE_HANDLE.code(), system.check(A, handle, KIND, Rights.NONE));
        assertEquals(OBJECT, system.check(A, reissued, KIND, Rights.READ));
    }

    @Test
    void shouldRefuseAnotherSandboxsHandle()
    {
        assertEquals(CapError.WRONG_SANDBOX.code(), system.check(B, handle, KIND, Rights.NONE));
    }

    @Test
    void shouldRefuseAnotherSandboxsHandleInMutatingOperations()
    {
        assertEquals(CapError.WRONG_SANDBOX.code(), system.transfer(B, handle, B));
        assertEquals(OBJECT, system.check(A, handle, KIND, Rights.READ));
    }

    @Test
    void shouldRefuseTheWrongKind()
    {
        assertEquals(CapError.WRONG_KIND.code(), system.check(A, handle, ObjectKind.IPC_ENDPOINT, Rights.NONE));
    }

    @Test
    void shouldRefuseAMissingRight()
    {
        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(), system.check(A, handle, KIND, Rights.EXECUTE));
    }

    @Test
    void shouldRefuseASandboxWithoutSpace()
    {
        assertEquals(CapError.NO_SUCH_SANDBOX.code(), system.check(3, handle, KIND, Rights.NONE));
        assertEquals(CapError.NO_SUCH_SANDBOX.code(), system.check(-1, handle, KIND, Rights.NONE));
        assertEquals(CapError.NO_SUCH_SANDBOX.code(), system.check(SANDBOXES_MAX, handle, KIND, Rights.NONE));
    }

    @Test
    void shouldAuditARefusalNamingSandboxOperationHandleAndReason()
    {
        system.check(B, handle, KIND, Rights.READ);
        assertEquals("cap.refused sandbox=2 op=check handle=" + HandleDescriptor.toString(handle) +
            " reason=WRONG_SANDBOX", audit.last());
    }

    @Test
    void shouldAuditEveryRefusedOperation()
    {
        system.mint(A, handle, Rights.READ, NO_BADGE);
        system.revoke(A, handle);
        system.issue(A, A, KIND, OBJECT, Rights.READ, CapFlags.NONE);
        assertEquals(3, audit.size());
        assertTrue(audit.records().get(0).contains("op=mint"));
        assertTrue(audit.records().get(1).contains("op=revoke"));
        assertEquals("cap.refused sandbox=1 op=issue target=1 reason=PRIVILEGE_REQUIRED", audit.records().get(2));
    }

    @Test
    void shouldNotAuditASuccessfulCheck()
    {
        system.check(A, handle, KIND, Rights.READ);
        assertEquals(0, audit.size());
    }

    @Test
    void shouldRetireASlotWhoseGenerationIsUsedUp()
    {
        final int sandbox = 3;
        system.createSpace(sandbox, 1);
        for (int generation = 0; generation < HandleDescriptor.generationMax(0); generation++)
        {
            final long occupant = system.issue(CORE0, sandbox, KIND, OBJECT, Rights.READ, CapFlags.NONE);
            assertEquals(generation, HandleDescriptor.generation(occupant, 0));
            system.delete(sandbox, occupant);
        }
        assertEquals(CapError.TABLE_FULL.code(), system.issue(CORE0, sandbox, KIND, OBJECT, Rights.READ, CapFlags.NONE));
    }

    @Test
    void shouldRetireASlotOfAMillionSlotSpaceAfterFewerGenerations()
    {
        final int sandbox = 3;
        system.createSpace(sandbox, 1_000_000);
        final int radix = HandleDescriptor.radixFor(1_000_000);
        long occupant = 0;
        for (int generation = 0; generation < HandleDescriptor.generationMax(radix); generation++)
        {
            occupant = system.issue(CORE0, sandbox, KIND, OBJECT, Rights.READ, CapFlags.NONE);
            assertEquals(0, HandleDescriptor.slot(occupant, radix));
            system.delete(sandbox, occupant);
        }
        final long next = system.issue(CORE0, sandbox, KIND, OBJECT, Rights.READ, CapFlags.NONE);
        assertEquals(1, HandleDescriptor.slot(next, radix), "slot 0 is retired");
        assertEquals(CapError.STALE_HANDLE.code(), system.check(sandbox, occupant, KIND, Rights.NONE));
    }

    @Test
    void shouldRefuseAHandleWithABitSetAboveItsGeneration()
    {
        final long forged = handle | 1L << (RADIX + HandleDescriptor.generationLength(RADIX));
        assertEquals(CapError.INVALID_HANDLE.code(), system.check(A, forged, KIND, Rights.NONE));
    }
}
