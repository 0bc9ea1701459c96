package org.hicsim.core0.cap;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The capability invariants find what no operation can make: rights beyond a parent's, more children derived
 * than the limit. What operations make (including a parent left with more than the limit by a delete) passes.
 */
class CapabilityInvariantsTest
{
    private static final int HOLDER = 1;
    private static final int OTHER = 2;

    private final CapabilitySystem capabilities =
        new CapabilitySystem(8, new SplittableRandom(1), (kind, sandboxId, detail) -> { });
    private final List<String> violations = new ArrayList<>();

    CapabilityInvariantsTest()
    {
        capabilities.createSpace(HOLDER);
        capabilities.createSpace(OTHER);
    }

    private List<String> check()
    {
        violations.clear();
        CapabilityInvariants.check(capabilities, violations::add);
        return violations;
    }

    private long original()
    {
        return capabilities.issue(CapabilitySystem.CORE0, HOLDER, ObjectKind.SANDBOX_CONTROL, 3, Rights.ALL, 0);
    }

    @Test
    void shouldHoldAfterDerivationsTransfersRevokesAndDeletes()
    {
        final long parent = original();
        final long child = capabilities.mint(HOLDER, parent, Rights.READ | Rights.DERIVE | Rights.TRANSFER, 0);
        for (int i = 0; i < CapLimits.CHILDREN_MAX; i++)
        {
            capabilities.copy(HOLDER, child, Rights.READ);
        }
        for (int i = 1; i < CapLimits.CHILDREN_MAX; i++)
        {
            capabilities.copy(HOLDER, parent, Rights.READ);
        }
        capabilities.delete(HOLDER, child);
        capabilities.transfer(HOLDER, capabilities.copy(HOLDER, original(), Rights.ALL), OTHER);

        assertEquals(List.of(), check());
    }

    @Test
    void shouldFindACapabilityWithARightItsParentLacks()
    {
        final long parent = original();
        final long child = capabilities.mint(HOLDER, parent, Rights.READ, 0);
        final CapabilitySpace space = capabilities.spaces()[HOLDER];
        final int slot = HandleDescriptor.slot(child, space.radix);
        space.words[slot] = space.words[slot] | Rights.WRITE;
        space.words[HandleDescriptor.slot(parent, space.radix)] &= ~(long)Rights.WRITE;

        assertEquals(1, check().size(), violations::toString);
        assertTrue(violations.get(0).contains("has rights=") && violations.get(0).contains("beyond its parent's"),
            violations::toString);
    }

    @Test
    void shouldFindACapabilityThatDerivedMoreChildrenThanTheLimit()
    {
        final long parent = original();
        final CapabilitySpace space = capabilities.spaces()[HOLDER];
        final int node = space.nodes[HandleDescriptor.slot(parent, space.radix)];
        for (int i = 0; i <= CapLimits.CHILDREN_MAX; i++)
        {
            capabilities.tree().addChild(node, HOLDER, 1000 + i, 0);
        }

        assertTrue(check().stream().anyMatch(line -> line.endsWith("derived 17 children, more than 16")),
            violations::toString);
    }
}
