package io.lobsterops.events;

/** Why a gold set was run on a gateway. */
public enum GoldSetOccasion {
    /** after a release was deployed */
    DEPLOYMENT,
    /** after an OpenClaw upgrade, before it is kept */
    UPGRADE,
    /** asked for by a person */
    ON_DEMAND
}
