using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>Who may list a case's grants: those who may see the case, and the denial audited — on both databases.</summary>
public abstract class GrantListingTests(AriadneApp app)
{
    [Fact]
    public async Task Another_institutions_user_lists_no_grants_and_the_denial_is_recorded()
    {
        var (_, view) = await app.NewCaseAsync();
        var shelter = await app.ShelterManagerAsync();
        var listed = await app.WithScopeAsync(sp => sp.GetRequiredService<GrantService>().ListAsync(CaseSteps.ViewerOf(shelter, RoleCatalog.ShelterManager), view.Id));
        Assert.Null(listed);
        var denial = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.AsNoTracking()
            .SingleAsync(e => e.ActorUserId == shelter.Id && e.TargetId == view.Id));
        Assert.Equal(PlatformAudit.CaseDenied.Code, denial.Action);
        Assert.Equal(AuditOutcome.Denied, denial.Outcome);
        Assert.Equal(CasesAudit.GrantList.Code, denial.Purpose);
    }

    [Fact]
    public async Task The_investigator_lists_every_grant_of_the_case()
    {
        var (investigator, view) = await app.NewCaseAsync();
        var listed = await app.WithScopeAsync(sp => sp.GetRequiredService<GrantService>().ListAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), view.Id));
        Assert.NotNull(listed);
        Assert.Equal([Relation.Investigator, Relation.SquadSupervisor], listed.Select(g => g.Relation).Order());
    }
}

public sealed class GrantListingTestsOnSqlite(SqliteApp app) : GrantListingTests(app), IClassFixture<SqliteApp>;

public sealed class GrantListingTestsOnPostgres(PostgresApp app) : GrantListingTests(app), IClassFixture<PostgresApp>;
