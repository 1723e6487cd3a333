package io.lobsterops.provisioning.engagement.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.lobsterops.events.EventTypes;
import io.lobsterops.provisioning.fleet.domain.Gateway;
import io.lobsterops.provisioning.fleet.domain.Host;

/**
 * The launch checklist of the playbook (§9), computed from the events of the engagement's timeline (ADR 0029): an
 * item is DONE by the first event that completes it (with that event and its time), BLOCKED while an item it needs is
 * not done or a failure stands in its way, and WAITING otherwise. Nobody ticks an item by hand; the one decision that
 * is not an event, a supervisor's deposit waiver, is read from the engagement where it is audited.
 */
public final class LaunchChecklist {

    public enum Status {
        DONE,
        WAITING,
        BLOCKED
    }

    /**
     * One item: its key and title, where it stands, the event that completed it (type, id, time) and a line saying
     * what happened or what it waits for, for staff and for the client.
     */
    public record Item(String key, String title, Status status, String eventType, String eventId, Instant at,
            String note, String clientNote) {
    }

    private LaunchChecklist() {
    }

    public static List<Item> of(Engagement engagement, Gateway gateway, List<TimelineEvent> events) {
        Map<String, Item> items = new LinkedHashMap<>();
        add(items, fact("contract-signed", "Contract signed", events, type(EventTypes.CONTRACT_SIGNED)));
        Item deposit = fact("deposit-paid", "Deposit paid", events,
                type(EventTypes.PAYMENT_RECEIVED).and(detail("DEPOSIT")));
        if (deposit.status() != Status.DONE && engagement.depositWaivedAt != null) {
            String note = "Deposit waived by " + engagement.depositWaivedBy + ": " + engagement.depositWaiverReason;
            deposit = new Item(deposit.key(), deposit.title(), Status.DONE, null, null, engagement.depositWaivedAt,
                    note, "Deposit waived");
        }
        add(items, failing(deposit, events, type(EventTypes.PAYMENT_FAILED).and(detail("DEPOSIT"))),
                "contract-signed");
        add(items, fact("host-provisioned", "Host provisioned", events, gateway == null ? e -> false
                : type(EventTypes.HOST_REGISTERED).and(e -> gateway.hostId.equals(e.hostId))), "deposit-paid");
        add(items, failing(fact("gateway-installed", "Gateway installed", events,
                type(EventTypes.GATEWAY_INSTALLED)), events, type(EventTypes.PROVISIONING_FAILED)),
                "host-provisioned");
        add(items, fact("configuration-approved", "Configuration reviewed and approved", events,
                type(EventTypes.CONFIG_APPROVED)), "contract-signed");
        add(items, fact("deployed", "Approved configuration deployed", events, type(EventTypes.AGENT_DEPLOYED)),
                "gateway-installed", "configuration-approved");
        add(items, channel(items.get("gateway-installed"), gateway), "gateway-installed");
        add(items, failing(fact("gold-set-passed", "Gold set passed after the deployment", events,
                type(EventTypes.GOLDSET_EVALUATED).and(detail("DEPLOYMENT:passed"))), events,
                type(EventTypes.GOLDSET_EVALUATED).and(detail("DEPLOYMENT:failed"))), "deployed");
        add(items, fact("accepted-by-client", "Training done, accepted by the client", events,
                type(EventTypes.ENGAGEMENT_STAGE_CHANGED).and(detail("TRAINING>LIVE"))), "gold-set-passed");
        add(items, fact("monitoring-watching", "Monitoring watching (gateway UP)", events,
                type(EventTypes.GATEWAY_HEALTH_CHANGED).and(detail("UP"))), "gateway-installed");
        add(items, fact("first-invoice-issued", "First monthly invoice issued", events,
                type(EventTypes.INVOICE_ISSUED).and(detail("MAINTENANCE"))), "accepted-by-client");
        return List.copyOf(items.values());
    }

    /** Adds {@code item}, BLOCKED when it is not done and one of {@code needs} is not done either. */
    private static void add(Map<String, Item> items, Item item, String... needs) {
        if (item.status() == Status.DONE || item.status() == Status.BLOCKED) {
            items.put(item.key(), item);
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String need : needs) {
            if (items.get(need).status() != Status.DONE) {
                missing.add(items.get(need).title().toLowerCase());
            }
        }
        if (missing.isEmpty()) {
            items.put(item.key(), item);
            return;
        }
        String note = "Waits for: " + String.join(", ", missing);
        items.put(item.key(), new Item(item.key(), item.title(), Status.BLOCKED, null, null, null, note, note));
    }

    /** DONE by the first event matching {@code completes}, else WAITING. */
    private static Item fact(String key, String title, List<TimelineEvent> events, Predicate<TimelineEvent> completes) {
        Optional<TimelineEvent> done = events.stream().filter(completes).findFirst();
        return done.map(e -> new Item(key, title, Status.DONE, e.type, e.eventId, e.occurredAt, e.summary,
                e.clientSummary != null ? e.clientSummary : title))
                .orElseGet(() -> new Item(key, title, Status.WAITING, null, null, null, "Waits for its event",
                        "In progress"));
    }

    /** A WAITING item is BLOCKED by the last failure matching {@code fails}, with that failure as its note. */
    private static Item failing(Item item, List<TimelineEvent> events, Predicate<TimelineEvent> fails) {
        if (item.status() != Status.WAITING) {
            return item;
        }
        return events.stream().filter(fails).reduce((first, second) -> second)
                .map(e -> new Item(item.key(), item.title(), Status.BLOCKED, e.type, e.eventId, e.occurredAt,
                        e.summary, e.clientSummary != null ? e.clientSummary : "Held up; we are on it"))
                .orElse(item);
    }

    /** The channel is configured by the run that installed the gateway, when it was given one (Telegram today). */
    private static Item channel(Item installed, Gateway gateway) {
        String key = "channel-configured";
        String title = "Channel configured";
        if (installed.status() != Status.DONE) {
            return new Item(key, title, Status.WAITING, null, null, null, "Waits for its event", "In progress");
        }
        if (gateway == null || gateway.telegramTokenSealed == null) {
            return new Item(key, title, Status.WAITING, null, null, null,
                    "The gateway was placed without a channel: place it again with one", "In progress");
        }
        return new Item(key, title, Status.DONE, installed.eventType(), installed.eventId(), installed.at(),
                "Telegram configured (dmPolicy " + gateway.telegramDmPolicy + ") by the run that installed the gateway",
                "Telegram configured");
    }

    private static Predicate<TimelineEvent> type(String type) {
        return e -> type.equals(e.type);
    }

    private static Predicate<TimelineEvent> detail(String detail) {
        return e -> detail.equals(e.detail);
    }
}
