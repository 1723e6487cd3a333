package io.lobsterops.billing.api;

import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.lobsterops.billing.domain.PresaleDocument.Kind;
import io.lobsterops.billing.pdf.PresalePdf;

/**
 * A proposal or SOW to draft. Use case, agent and scope come from the client's discovery answers; what the engineer
 * writes here is added to them (all optional); prices come from the contract.
 */
public record PresaleRequest(@NotNull Kind kind, @Size(max = 4000) String useCase,
        @Size(max = 4000) String proposedAgent,
        @Size(max = 50) List<@NotBlank @Size(max = 1000) String> scope,
        @Size(max = 50) List<@NotBlank @Size(max = 1000) String> acceptanceCriteria,
        @NotNull @Min(1) @Max(52) Integer timelineWeeks) {

    public PresalePdf.Notes toNotes() {
        return new PresalePdf.Notes(text(useCase), text(proposedAgent), items(scope), items(acceptanceCriteria),
                timelineWeeks);
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static List<String> items(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).toList();
    }
}
