package io.lobsterops.billing.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.billing.service.AccountService;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/")
@Tag(name = "Billing accounts", description = "Who pays for each engagement")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class AccountResource {

    private final AccountService accounts;
    private final Caller caller;

    public AccountResource(AccountService accounts, Caller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @Path("engagements/{id}/account")
    @Operation(summary = "The billing account of an engagement, with its timeline; a client sees only its own")
    public Uni<AccountView> account(@PathParam("id") UUID engagementId) {
        boolean staff = caller.isStaff();
        return accounts.find(engagementId, caller.clientScope()).map(found -> AccountView.from(found, staff));
    }

    @GET
    @Path("accounts")
    @Operation(summary = "Billing accounts, newest first; a client sees only its own")
    public Uni<PageView<AccountView>> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return accounts.page(caller.clientScope(), page, size)
                .map(found -> found.map(a -> AccountView.from(a, List.of())));
    }
}
