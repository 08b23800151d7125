using System.Security.Claims;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests.Infrastructure;

/// <summary>Cases made through the real services, as a Squad member would make them.</summary>
public static class CaseSteps
{
    public static Viewer ViewerOf(TestUser user, params string[] roles) =>
        Viewer.Of(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(AriadneClaims.InstitutionId, user.InstitutionId.ToString()),
             .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test")));

    public static async Task<(TestUser Investigator, CaseService.CaseView Case)> NewCaseAsync(this AriadneApp app, CaseInput? input = null)
    {
        var investigator = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        var view = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>()
            .CreateAsync(ViewerOf(investigator, RoleCatalog.Investigator), input ?? SampleInput()));
        return (investigator, view);
    }

    public static CaseInput SampleInput(string suffix = "") => new()
    {
        GivenName = "Zülfiyyə" + suffix,
        FamilyName = "Qəmbərova",
        DateOfBirth = "1998-04-12",
        Sex = "female",
        Citizenship = "AZE",
        DocumentNumber = "AZE99" + suffix + "887766",
        Phone = "+994 50 777 66 55",
        Address = "Nizami küçəsi 42, Gəncə",
        Whereabouts = "Otel Qafqaz, otaq 12",
        Health = "Astma",
        Situation = "Türkiyədə məcburi əmək",
        Care = "Psixoloji dəstək",
        Legal = "Cinayət işi açılıb",
    };
}
