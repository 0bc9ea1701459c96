package org.hicsim.core0.cap;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hicsim.core0.cap.CapabilitySystem.CORE0;
import static org.hicsim.core0.cap.CapabilitySystem.NO_BADGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapabilityOperationsTest
{
    private static final int A = 1;
    private static final int B = 2;
    private static final int ENDPOINT = 7;
    private static final ObjectKind KIND = ObjectKind.IPC_ENDPOINT;

    private final RecordingAudit audit = new RecordingAudit();
    private CapabilitySystem system;
    private long root;

    @BeforeEach
    void setUp()
    {
        system = new CapabilitySystem(8, new SplittableRandom(42), audit);
        system.createSpace(A);
        system.createSpace(B);
        root = system.issue(CORE0, A, KIND, ENDPOINT, Rights.ALL, CapFlags.NONE);
    }

    @Test
    void shouldIssueAnOriginalThatPassesCheck()
    {
        assertEquals(ENDPOINT, system.check(A, root, KIND, Rights.READ | Rights.WRITE | Rights.CALL));
    }

    @Test
    void shouldIssueIntoCore0sOwnSpace()
    {
        final long handle = system.issue(CORE0, CORE0, ObjectKind.DEBUG_LOG, 1, Rights.WRITE, CapFlags.NONE);
        assertEquals(1, system.check(CORE0, handle, ObjectKind.DEBUG_LOG, Rights.WRITE));
    }

    @Test
    void shouldRefuseIssueByASandboxOtherThanCore0()
    {
        assertEquals(CapError.PRIVILEGE_REQUIRED.code(),
            system.issue(A, A, KIND, ENDPOINT, Rights.ALL, CapFlags.NONE));
    }

    @Test
    void shouldRefuseIssueIntoAFullSpace()
    {
        system.createSpace(3, 1);
        system.issue(CORE0, 3, KIND, 1, Rights.READ, CapFlags.NONE);
        assertEquals(CapError.TABLE_FULL.code(), system.issue(CORE0, 3, KIND, 2, Rights.READ, CapFlags.NONE));
    }

    @Test
    void shouldCopyWithinTheSpaceWithFewerRights()
    {
        final long copy = system.copy(A, root, Rights.READ);
        assertEquals(ENDPOINT, system.check(A, copy, KIND, Rights.READ));
        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(), system.check(A, copy, KIND, Rights.WRITE));
    }

    @Test
    void shouldRecordACopyAsChildOfItsSource()
    {
        final long copy = system.copy(A, root, Rights.READ);
        assertEquals(List.of(copy), handles(system.descendants(A, root)));
    }

    @Test
    void shouldKeepTheSourceBadgeOnCopy()
    {
        final long badged = system.mint(A, root, Rights.ALL, 99);
        final long copy = system.copy(A, badged, Rights.READ);
        assertEquals(99, system.badge(A, copy));
    }

    @Test
    void shouldRefuseCopyWithoutDeriveRight()
    {
        final long noDerive = system.copy(A, root, Rights.ALL & ~Rights.DERIVE);
        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(), system.copy(A, noDerive, Rights.READ));
    }

    @Test
    void shouldMintAChildWithFewerRights()
    {
        final long child = system.mint(A, root, Rights.READ | Rights.CALL, NO_BADGE);
        assertEquals(ENDPOINT, system.check(A, child, KIND, Rights.READ | Rights.CALL));
        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(), system.check(A, child, KIND, Rights.WRITE));
    }

    @Test
    void shouldBadgeAnUnbadgedSource()
    {
        final long child = system.mint(A, root, Rights.WRITE, 99);
        assertEquals(99, system.badge(A, child));
        assertEquals(NO_BADGE, system.badge(A, root));
    }

    @Test
    void shouldRefuseToRebadgeABadgedCapability()
    {
        final long badged = system.mint(A, root, Rights.ALL, 99);
        assertEquals(CapError.BADGE_ALREADY_SET.code(), system.mint(A, badged, Rights.READ, 100));
    }

    @Test
    void shouldRefuseMintWithoutDeriveRight()
    {
        final long noDerive = system.mint(A, root, Rights.READ | Rights.WRITE, NO_BADGE);
        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(), system.mint(A, noDerive, Rights.READ, NO_BADGE));
    }

    @Test
    void shouldRefuseRightsAmplificationOnMint()
    {
        final long reader = system.mint(A, root, Rights.READ | Rights.DERIVE, NO_BADGE);
        assertEquals(CapError.RIGHTS_AMPLIFICATION.code(),
            system.mint(A, reader, Rights.READ | Rights.WRITE, NO_BADGE));
    }

    @Test
    void shouldInheritPinnedButNotImmutableOnMint()
    {
        final long pinned = system.issue(CORE0, A, KIND, 1, Rights.ALL, CapFlags.PINNED | CapFlags.IMMUTABLE);
        final long child = system.mint(A, pinned, Rights.ALL, NO_BADGE);
        assertEquals(CapFlags.PINNED, capability(A, child).flags());
    }

    @Test
    void shouldRefuseTheSeventeenthChild()
    {
        for (int i = 0; i < CapLimits.CHILDREN_MAX; i++)
        {
            assertTrue(system.mint(A, root, Rights.READ, NO_BADGE) >= 0);
        }
        assertEquals(CapError.TOO_MANY_CHILDREN.code(), system.mint(A, root, Rights.READ, NO_BADGE));
    }

    @Test
    void shouldRefuseDerivationBeyondTheDepthMax()
    {
        long tip = root;
        for (int depth = 1; depth <= CapLimits.DERIVATION_DEPTH_MAX; depth++)
        {
            tip = system.mint(A, tip, Rights.ALL, NO_BADGE);
            assertTrue(tip >= 0, "depth=" + depth);
        }
        assertEquals(CapError.DEPTH_EXCEEDED.code(), system.mint(A, tip, Rights.ALL, NO_BADGE));
    }

    @Test
    void shouldTransferToTheTargetSandbox()
    {
        final long moved = system.transfer(A, root, B);
        assertEquals(ENDPOINT, system.check(B, moved, KIND, Rights.ALL));
        assertEquals(CapError.STALE_HANDLE.code(), system.check(A, root, KIND, Rights.NONE));
    }

    @Test
    void shouldKeepDerivationPositionAcrossTransfer()
    {
        final long child = system.mint(A, root, Rights.ALL, NO_BADGE);
        final long moved = system.transfer(A, child, B);
        assertEquals(1, system.revoke(A, root));
        assertEquals(CapError.STALE_HANDLE.code(), system.check(B, moved, KIND, Rights.NONE));
    }

    @Test
    void shouldRefuseTransferWithoutTransferRight()
    {
        final long child = system.mint(A, root, Rights.ALL & ~Rights.TRANSFER, NO_BADGE);
        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(), system.transfer(A, child, B));
    }

    @Test
    void shouldRefuseTransferOfAPinnedCapabilityToAnotherSandbox()
    {
        final long pinned = system.issue(CORE0, A, KIND, 1, Rights.ALL, CapFlags.PINNED);
        assertEquals(CapError.PINNED.code(), system.transfer(A, pinned, B));
    }

    @Test
    void shouldLeaveTheSourceIntactWhenTheTargetIsFull()
    {
        system.createSpace(3, 1);
        system.issue(CORE0, 3, KIND, 1, Rights.READ, CapFlags.NONE);
        assertEquals(CapError.TABLE_FULL.code(), system.transfer(A, root, 3));
        assertEquals(ENDPOINT, system.check(A, root, KIND, Rights.ALL));
    }

    @Test
    void shouldRefuseTransferToASandboxWithoutSpace()
    {
        assertEquals(CapError.NO_SUCH_SANDBOX.code(), system.transfer(A, root, 5));
        assertEquals(ENDPOINT, system.check(A, root, KIND, Rights.ALL));
    }

    @Test
    void shouldTransferWithAttenuationKeepingTheSource()
    {
        final long given = system.transferAttenuated(A, root, B, Rights.READ);
        assertEquals(ENDPOINT, system.check(B, given, KIND, Rights.READ));
        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(), system.check(B, given, KIND, Rights.WRITE));
        assertEquals(ENDPOINT, system.check(A, root, KIND, Rights.ALL));
        assertEquals(List.of(given), handles(system.descendants(A, root)));
    }

    @Test
    void shouldRefuseAttenuatedTransferWithoutDeriveRight()
    {
        final long child = system.mint(A, root, Rights.ALL & ~Rights.DERIVE, NO_BADGE);
        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(), system.transferAttenuated(A, child, B, Rights.READ));
    }

    @Test
    void shouldRefuseAttenuatedTransferOfAPinnedCapability()
    {
        final long pinned = system.issue(CORE0, A, KIND, 1, Rights.ALL, CapFlags.PINNED);
        assertEquals(CapError.PINNED.code(), system.transferAttenuated(A, pinned, B, Rights.READ));
    }

    @Test
    void shouldRevokeAllDescendantsInEverySandbox()
    {
        final long child = system.mint(A, root, Rights.ALL, NO_BADGE);
        final long given = system.transferAttenuated(A, child, B, Rights.ALL);
        final long grandchild = system.copy(B, given, Rights.READ);
        assertEquals(3, system.revoke(A, root));
        assertEquals(CapError.STALE_HANDLE.code(), system.check(A, child, KIND, Rights.NONE));
        assertEquals(CapError.STALE_HANDLE.code(), system.check(B, given, KIND, Rights.NONE));
        assertEquals(CapError.STALE_HANDLE.code(), system.check(B, grandchild, KIND, Rights.NONE));
    }

    @Test
    void shouldKeepTheRevokedCapabilityItself()
    {
        system.mint(A, root, Rights.ALL, NO_BADGE);
        system.revoke(A, root);
        assertEquals(ENDPOINT, system.check(A, root, KIND, Rights.ALL));
    }

    @Test
    void shouldBeIdempotentOnRevoke()
    {
        system.mint(A, root, Rights.ALL, NO_BADGE);
        assertEquals(1, system.revoke(A, root));
        assertEquals(0, system.revoke(A, root));
    }

    @Test
    void shouldRefuseRevokeOfAnImmutableCapability()
    {
        final long immutable = system.issue(CORE0, A, KIND, 1, Rights.ALL, CapFlags.IMMUTABLE);
        final long child = system.mint(A, immutable, Rights.READ, NO_BADGE);
        assertEquals(CapError.IMMUTABLE.code(), system.revoke(A, immutable));
        assertEquals(1, system.check(A, child, KIND, Rights.READ));
    }

    @Test
    void shouldRefuseRevokeWithoutRevokeRight()
    {
        final long child = system.mint(A, root, Rights.ALL & ~Rights.REVOKE, NO_BADGE);
        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(), system.revoke(A, child));
    }

    @Test
    void shouldDeleteAndMakeTheHandleStale()
    {
        assertEquals(0, system.delete(A, root));
        assertEquals(CapError.STALE_HANDLE.code(), system.check(A, root, KIND, Rights.NONE));
    }

    @Test
    void shouldReattachChildrenOfADeletedCapabilityToItsParent()
    {
        final long middle = system.mint(A, root, Rights.ALL, NO_BADGE);
        final long leaf = system.transferAttenuated(A, middle, B, Rights.READ);
        system.delete(A, middle);
        assertEquals(List.of(leaf), handles(system.descendants(A, root)));
        assertEquals(1, system.revoke(A, root));
        assertEquals(CapError.STALE_HANDLE.code(), system.check(B, leaf, KIND, Rights.NONE));
    }

    @Test
    void shouldMakeChildrenOfADeletedOriginalIntoOriginals()
    {
        final long child = system.mint(A, root, Rights.ALL, NO_BADGE);
        system.delete(A, root);
        final long grandchild = system.mint(A, child, Rights.READ, NO_BADGE);
        assertEquals(List.of(grandchild), handles(system.descendants(A, child)));
        assertEquals(ENDPOINT, system.check(A, child, KIND, Rights.ALL));
    }

    private Capability capability(final int sandbox, final long handle)
    {
        return system.capabilities(sandbox).stream().filter(c -> c.handle() == handle).findFirst().orElseThrow();
    }

    private static List<Long> handles(final List<Capability> capabilities)
    {
        return capabilities.stream().map(Capability::handle).toList();
    }
}
