using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;

namespace Ariadne.Web.Features.Referrals;

/// <summary>Two invented referrals waiting at the duty desk: one from the border service, one anonymous from the helpline in immediate danger.</summary>
public sealed class ReferralsDemo(UserManager<AriadneUser> users, ReferralIntake referrals) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var border = await users.FindByNameAsync("border") ?? throw new InvalidOperationException("no demo border officer");
        var helpline = await users.FindByNameAsync("operator") ?? throw new InvalidOperationException("no demo operator");
        await referrals.SubmitAsync(new Viewer(border.Id, border.InstitutionId, [Relation.Referrer]), new ReferralInput
        {
            GivenName = "Dilnoza",
            FamilyName = "Karimova",
            Citizenship = "UZB",
            Languages = "uz, ru",
            NeedsInterpreter = true,
            Sex = "female",
            Whereabouts = "Demo: Astara sərhəd məntəqəsi",
            ImmediateDanger = false,
            Indicators = ["documents", "deception"],
            Exploitation = ["sexual"],
            Observations = "Demo: pasportu müşayiətçidə idi; iş vədi ilə gətirilib.",
            Consent = ReferralConsent.Given,
        }, [], "demo-referral-1", ct: cancellationToken);
        await referrals.SubmitAsync(new Viewer(helpline.Id, helpline.InstitutionId, [Relation.Referrer]), new ReferralInput
        {
            Anonymous = true,
            Whereabouts = "Demo: Sumqayıt, kafe",
            ImmediateDanger = true,
            Danger = "Demo: zəng edən nəzarət altında saxlanıldığını deyir.",
            Indicators = ["movement", "threats"],
            Consent = ReferralConsent.NotAsked,
        }, [], "demo-referral-2", ct: cancellationToken);
    }
}
