using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>
/// The information requests' demo: the prosecutor asks about a case the Squad holds (waiting for the holder's opinion and the
/// Coordinator's decision), and the shelter's manager asked about another, which the investigator did not object to and the
/// Coordinator approved for less than asked: Care only, for five days (the release lapses during the demo week).
/// </summary>
public sealed class InformationRequestsDemo(InformationRequests requests, AriadneDbContext db, UserManager<AriadneUser> users) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var investigatorUser = await users.FindByNameAsync("investigator") ?? throw new InvalidOperationException("no demo investigator");
        var investigator = await ViewerAsync(investigatorUser);
        // Two cases the investigator holds by name at the Squad.
        var held = await (from g in db.Grants.AsNoTracking()
                          where g.GranteeUserId == investigatorUser.Id && g.RevokedAt == null && g.Relation == Relation.Investigator
                          join c in db.Cases on g.CaseId equals c.Id
                          where c.ResponsibleInstitutionId == investigatorUser.InstitutionId && !c.IsMinor
                          orderby c.Recency
                          select c.Number).Distinct().Take(2).ToListAsync(cancellationToken);
        if (held.Count < 2)
            return; // a demo without the Squad's cases has nothing to ask about

        var prosecutorUser = await users.FindByNameAsync("prosecutor") ?? throw new InvalidOperationException("no demo prosecutor");
        var (pending, errors) = await requests.SubmitAsync(await ViewerAsync(prosecutorUser), [.. await users.GetRolesAsync(prosecutorUser)], new()
        {
            Reference = held[0],
            Purpose = "Demo: cinayət işi üzrə zərərçəkmişin ifadələrini və istintaqın gedişini yoxlamaq üçün.",
            LegalBasis = LegalBasis.CriminalProcedure,
            BasisReference = "Demo: CPM maddə 123",
            // Everything a prosecutor could hold but the status: the Coordinator will have to weigh it.
            Classes = [.. Offered(prosecutorUser, await users.GetRolesAsync(prosecutorUser)).Where(c => c != DataClass.Status)],
            Days = 30,
        }, ct: cancellationToken);
        Check(pending, errors);

        var shelterUser = await users.FindByNameAsync("shelter") ?? throw new InvalidOperationException("no demo shelter manager");
        var asked = Offered(shelterUser, await users.GetRolesAsync(shelterUser));
        var (approved, shelterErrors) = await requests.SubmitAsync(await ViewerAsync(shelterUser), [.. await users.GetRolesAsync(shelterUser)], new()
        {
            Reference = held[1],
            Purpose = "Demo: sığınacağa qəbuldan əvvəl şəxsin reabilitasiya ehtiyaclarını planlaşdırmaq üçün.",
            LegalBasis = LegalBasis.PersonConsent,
            BasisReference = "Demo: şəxsin yazılı razılığı",
            Classes = [.. asked],
            Days = 30,
        }, ct: cancellationToken);
        Check(approved, shelterErrors);
        Check(approved, await requests.OpineAsync(investigator, [.. await users.GetRolesAsync(investigatorUser)], approved!.Value,
            new() { Opinion = OpinionKind.NoObjection, Note = "Demo: yalnız qayğı planı, şəxsiyyət məlumatı olmadan." }, cancellationToken));
        var coordinatorUser = await users.FindByNameAsync("coordinator") ?? throw new InvalidOperationException("no demo coordinator");
        Check(approved, await requests.DecideAsync(await ViewerAsync(coordinatorUser), [.. await users.GetRolesAsync(coordinatorUser)], approved.Value, new()
        {
            Outcome = DecisionOutcome.Approve,
            // Less than asked: the last class asked (the shelter's Care), for five days.
            Classes = [asked[^1]],
            Days = 5,
            Reason = "Demo: qayğı planı kifayətdir; şəxsiyyət məlumatı lazım deyil.",
        }, cancellationToken));
    }

    private IReadOnlyList<DataClass> Offered(AriadneUser user, IList<string> roles) =>
        InformationRequests.Split(InformationRequests.Ceiling(db.Institutions.AsNoTracking().Where(i => i.Id == user.InstitutionId).Select(i => i.Kind).First(), [.. roles]));

    private async Task<Viewer> ViewerAsync(AriadneUser user) =>
        new(user.Id, user.InstitutionId, AccessMatrix.RelationsFor(await users.GetRolesAsync(user)));

    private static void Check(Guid? id, Dictionary<string, string[]>? errors)
    {
        if (id is null || errors is null || errors.Count > 0)
            throw new InvalidOperationException("the demo information request was refused: " + string.Join("; ", errors?.Keys.ToList() ?? []));
    }
}
