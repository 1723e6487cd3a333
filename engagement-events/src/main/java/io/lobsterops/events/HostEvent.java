package io.lobsterops.events;

import java.util.UUID;

/**
 * An event about a host rather than one engagement (a host carries the gateways of several clients): keyed and
 * subjected by the host id, with no engagement.
 */
public interface HostEvent extends EngagementEvent {

    UUID hostId();

    @Override
    default UUID engagementId() {
        return null;
    }

    @Override
    default UUID subject() {
        return hostId();
    }
}
