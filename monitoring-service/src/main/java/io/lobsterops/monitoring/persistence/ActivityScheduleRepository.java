package io.lobsterops.monitoring.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.monitoring.domain.ActivitySchedule;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ActivityScheduleRepository implements PanacheRepositoryBase<ActivitySchedule, ActivitySchedule.Key> {
}
