using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;

namespace Ariadne.Web.Features.Helpline;

/// <summary>Invented contacts for the demo helpline: a call ringing, a tip held (no consent), a third party's tip due within 24 hours, a silent call.</summary>
public sealed class HelplineDemo(UserManager<AriadneUser> users, ContactService contacts) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var op = await users.FindByNameAsync("operator") ?? throw new InvalidOperationException("no demo operator");
        var viewer = new Viewer(op.Id, op.InstitutionId, [Relation.Referrer]);
        string[] roles = [RoleCatalog.HelplineOperator];
        await contacts.OpenAsync(viewer, roles, ContactChannel.Phone, "+994 50 000 00 01", "demo-call-1", waiting: true, cancellationToken);
        var held = await contacts.OpenAsync(viewer, roles, ContactChannel.Phone, ct: cancellationToken);
        await contacts.SaveAsync(viewer, roles, held!.Id, new ContactInput
        {
            CallerType = CallerType.Victim,
            Language = "ru",
            Category = ContactCategory.ForcedLabour,
            ConsentBasis = ConsentBasis.VictimDeclines,
            Summary = "Demo: works on a building site near Sumqayıt, passport kept by the foreman; afraid to go to the police.",
        }, cancellationToken);
        var tip = await contacts.OpenAsync(viewer, roles, ContactChannel.WebForm, ct: cancellationToken);
        await contacts.SaveAsync(viewer, roles, tip!.Id, new ContactInput
        {
            CallerType = CallerType.ThirdParty,
            Language = "az",
            Category = ContactCategory.ForcedBegging,
            ConsentBasis = ConsentBasis.ThirdParty,
            Whereabouts = "Demo: Bakı, 28 May metrosunun yanı",
            Summary = "Demo: hər səhər eyni avtomobil uşaqları gətirir və axşam aparır.",
        }, cancellationToken);
        await contacts.LogNonDataAsync(viewer, roles, NonDataKind.Silent, ContactChannel.Phone, cancellationToken);
    }
}
