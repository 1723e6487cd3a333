package io.lobsterops.billing.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.lobsterops.billing.config.BillingConfig;
import io.lobsterops.billing.domain.Contract;
import io.lobsterops.events.BalanceTrigger;
import io.lobsterops.events.TokenPayer;
import io.lobsterops.kit.api.Problem;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;

/**
 * A contract draft. Amounts are in cents of {@code currency}; the deposit is {@code depositPercent} of the build price
 * (default 50), the balance the rest; the token budget is in US cents (monitoring enforces it).
 */
public record ContractRequest(
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{1,39}", message = "must be a tier slug, e.g. standard or managed") String tier,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code, e.g. EUR") String currency,
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code, e.g. FR") String clientCountry,
        @NotNull @Min(0) @Max(100_000_000_00L) Long buildPriceCents,
        @Min(0) @Max(100) Integer depositPercent,
        BalanceTrigger balanceDueOn,
        @NotNull @Min(0) @Max(1_000_000_00L) Long maintenanceMonthlyCents,
        @NotNull TokenPayer tokenPayer,
        @Min(0) @Max(10_000) Integer tokenMarkupBasisPoints,
        @NotNull @Min(0) @Max(1_000_000_00L) Long monthlyTokenBudgetUsdCents,
        Boolean pauseAtBudget,
        @Min(0) @Max(120) Integer paymentTermsDays) {

    /** The terms, once the rules across fields and the configured currencies and countries are checked. */
    public Contract.Terms terms(BillingConfig config) {
        List<Problem.Violation> violations = new ArrayList<>();
        String country = clientCountry == null ? config.defaultCountry() : clientCountry;
        if (!config.usdRates().containsKey(currency)) {
            violations.add(new Problem.Violation("currency", "must be one of " + config.usdRates().keySet()));
        }
        if (!config.vatRates().containsKey(country)) {
            violations.add(new Problem.Violation("clientCountry", "no VAT rate is configured for " + country
                    + "; one of " + config.vatRates().keySet()));
        }
        int markup = tokenMarkupBasisPoints == null ? 0 : tokenMarkupBasisPoints;
        if (tokenPayer == TokenPayer.CLIENT && markup != 0) {
            violations.add(new Problem.Violation("tokenMarkupBasisPoints",
                    "must be 0 when the client pays its own tokens (nothing is re-billed)"));
        }
        if (buildPriceCents == 0 && maintenanceMonthlyCents == 0) {
            violations.add(new Problem.Violation("buildPriceCents",
                    "a contract bills a build price, a monthly fee or both"));
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, violations.size() == 1
                    ? violations.getFirst().field() + ": " + violations.getFirst().message()
                    : violations.size() + " fields are invalid", violations);
        }
        return new Contract.Terms(tier, currency, country, buildPriceCents,
                depositPercent == null ? 50 : depositPercent,
                balanceDueOn == null ? BalanceTrigger.AGENT_STABLE : balanceDueOn, maintenanceMonthlyCents,
                tokenPayer, markup, monthlyTokenBudgetUsdCents, pauseAtBudget != null && pauseAtBudget,
                paymentTermsDays == null ? config.paymentTermsDays() : paymentTermsDays);
    }
}
