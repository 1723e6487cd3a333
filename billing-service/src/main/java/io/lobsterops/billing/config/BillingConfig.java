package io.lobsterops.billing.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** billing-service settings: the seller on every invoice, VAT by client country, Stripe. */
@ConfigMapping(prefix = "lobsterops.billing")
public interface BillingConfig {

    Seller seller();

    /** Invoice numbers read {@code <prefix>-<year>-<six-digit sequence>}. */
    @WithDefault("LO")
    String invoicePrefix();

    /** The client's country when the contract does not state one (ISO 3166 alpha-2). */
    @WithDefault("FR")
    String defaultCountry();

    /** VAT rate in basis points per client country (ISO 3166 alpha-2): 2000 = 20 %. A country not listed is refused. */
    Map<String, Integer> vatRates();

    /**
     * How many units of each contract currency one US dollar buys, for re-billing model usage (costed in USD). The
     * keys are the currencies a contract may use.
     */
    Map<String, BigDecimal> usdRates();

    /** Days between issue and due date when the contract does not say. */
    @WithDefault("30")
    int paymentTermsDays();

    /** When the monthly cycle runs (Quartz cron, UTC): every day, for the month before; {@code off} disables it. */
    @WithDefault("0 0 6 * * ?")
    String cycleCron();

    Stripe stripe();

    interface Seller {

        String name();

        String address();

        /** Printed on every invoice, e.g. "TVA non applicable, art. 293 B du CGI" and the registration number. */
        String legalMentions();
    }

    interface Stripe {

        /** Stripe's API base URL: the real API in production, a loopback server in tests and local runs. */
        @WithDefault("https://api.stripe.com")
        String apiBase();

        /** The secret API key; without it no payment link is created (the invoice is issued without one). */
        Optional<String> apiKey();

        /** The webhook endpoint's signing secret; without it the webhook answers 503. */
        Optional<String> webhookSecret();

        /** How old a webhook signature may be. */
        @WithDefault("300")
        long signatureToleranceSeconds();

        @WithDefault("http://127.0.0.1:8080/paid")
        String successUrl();

        @WithDefault("http://127.0.0.1:8080/not-paid")
        String cancelUrl();

        /** How often invoices still without a payment link are retried (a crash or a Stripe outage left them). */
        @WithDefault("15s")
        String linkSweepEvery();

        /** How often reconciliation runs on its own ({@code off} disables it). */
        @WithDefault("10m")
        String reconcileEvery();

        /** How far back reconciliation compares Stripe's checkout sessions with the invoices. */
        @WithDefault("3d")
        Duration reconciliationWindow();
    }
}
