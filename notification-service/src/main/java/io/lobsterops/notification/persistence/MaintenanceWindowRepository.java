package io.lobsterops.notification.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.persistence.Paged;
import io.lobsterops.notification.domain.MaintenanceWindow;

@ApplicationScoped
public class MaintenanceWindowRepository implements Paged<MaintenanceWindow, UUID> {
}
