package io.lobsterops.provisioning.fleet.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lobsterops.testkit.EntityWrites;

/**
 * Entities own their state changes (ADRs 0069, 0073): outside a {@code domain} package (the engagement's and the
 * fleet's), an entity's field is read, never assigned.
 */
class EntityWritesTest {

    @Test
    void noClassOutsideTheDomainAssignsAnEntityField() {
        assertEquals(List.of(), EntityWrites.outsideTheDomain(Gateway.class));
    }
}
