using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;

namespace Ariadne.Web.Features.Cases;

/// <summary>Three invented cases, opened by the demo investigator through the real service (encrypted, granted, audited).</summary>
public sealed class CasesDemo(UserManager<AriadneUser> users, CaseService cases) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var investigator = await users.FindByNameAsync("investigator") ?? throw new InvalidOperationException("no demo investigator");
        var viewer = new Viewer(investigator.Id, investigator.InstitutionId, [Relation.Investigator]);
        CaseInput[] inputs =
        [
            new() { GivenName = "Gülnar", FamilyName = "Nəbiyeva", DateOfBirth = "1999-03-14", Sex = "female", Citizenship = "AZE", Languages = "az, ru",
                    DocumentNumber = "AZE10000001", Whereabouts = "Bakı, təhlükəsiz sığınacaq", Situation = "Demo: İstanbulda cinsi istismar; iş vədi ilə aparılıb." },
            new() { GivenName = "Ramil", FamilyName = "Qurbanov", DateOfBirth = "1986-11-02", Sex = "male", Citizenship = "AZE", Languages = "az",
                    DocumentNumber = "AZE10000002", Situation = "Demo: Rusiyada tikintidə məcburi əmək; pasportu saxlanılıb." },
            new() { GivenName = "Nərmin", FamilyName = "Əhmədova", DateOfBirth = "2011-06-30", Sex = "female", Citizenship = "AZE", Languages = "az",
                    Situation = "Demo: dilənçiliyə məcbur edilən uşaq." },
        ];
        foreach (var input in inputs)
            await cases.CreateAsync(viewer, input, cancellationToken);
    }
}
