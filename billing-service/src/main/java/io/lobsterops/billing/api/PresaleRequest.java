package io.lobsterops.billing.api;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.lobsterops.billing.domain.PresaleDocument.Kind;
import io.lobsterops.billing.pdf.PresalePdf;

/** A proposal or SOW to draft: the engineer's words from the discovery; prices come from the contract. */
public record PresaleRequest(@NotNull Kind kind, @NotBlank @Size(max = 4000) String useCase,
        @NotBlank @Size(max = 4000) String proposedAgent,
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 1000) String> scope,
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 1000) String> acceptanceCriteria,
        @NotNull @Min(1) @Max(52) Integer timelineWeeks) {

    public PresalePdf.Scope toScope() {
        return new PresalePdf.Scope(useCase.strip(), proposedAgent.strip(), scope, acceptanceCriteria, timelineWeeks);
    }
}
