package io.lobsterops.agentconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lobsterops.testkit.EntityWrites;

/** Entities own their state changes (ADR 0073): outside `domain`, an entity's field is read, never assigned. */
class EntityWritesTest {

    @Test
    void noClassOutsideTheDomainAssignsAnEntityField() {
        assertEquals(List.of(), EntityWrites.outsideTheDomain(Engagement.class));
    }
}
