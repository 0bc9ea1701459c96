package org.hicsim.core0.cap;

/**
 * One step of a generated operation sequence. A {@code ref} picks a capability from every one the run has made,
 * live or not (modulo their count), so sequences also use stale handles; a {@code subset} flag narrows the
 * requested rights to the source's so that most derivations can succeed.
 */
sealed interface CapOp
{
    record Issue(int actor, int target, ObjectKind kind, int objectId, int rights, int flags) implements CapOp
    {
    }

    record Copy(int ref, int rights, boolean subset) implements CapOp
    {
    }

    record Mint(int ref, int rights, boolean subset, long badge) implements CapOp
    {
    }

    record Transfer(int ref, int target) implements CapOp
    {
    }

    record TransferAttenuated(int ref, int target, int rights, boolean subset) implements CapOp
    {
    }

    record Revoke(int ref) implements CapOp
    {
    }

    record Delete(int ref) implements CapOp
    {
    }

    record Restart(int sandbox) implements CapOp
    {
    }

    record RevokeObject(ObjectKind kind, int objectId) implements CapOp
    {
    }

    /**
     * A check by the holder's sandbox shifted by {@code actorShift} (0: the holder itself).
     */
    record Check(int ref, int actorShift, int rights) implements CapOp
    {
    }
}
