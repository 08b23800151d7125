using Ariadne.Web.Features.Protection;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// Two invented shelters, one state and one NGO, with beds in every state; the first demo person placed in the state
/// shelter (after consent and an accepted onward referral, as in life), and the second placed and already discharged.
/// </summary>
public sealed class AccommodationDemo(
    UserManager<AriadneUser> users, AriadneDbContext db, ShelterService shelters, PlacementService placements,
    ConsentService consents, OnwardService onward, UiTime uiTime) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var state = await users.FindByNameAsync("shelter") ?? throw new InvalidOperationException("no demo shelter manager");
        var ngo = await users.FindByNameAsync("shelter.ngo") ?? throw new InvalidOperationException("no demo NGO shelter manager");
        var investigator = await users.FindByNameAsync("investigator") ?? throw new InvalidOperationException("no demo investigator");
        string[] managerRoles = [RoleCatalog.ShelterManager];
        var stateViewer = new Viewer(state.Id, state.InstitutionId, [Relation.Shelter]);
        var ngoViewer = new Viewer(ngo.Id, ngo.InstitutionId, [Relation.Shelter]);

        await Check(shelters.SaveShelterAsync(stateViewer, managerRoles, null, new()
        { Name = "Bakı Təhlükəsiz Sığınacağı", Ownership = ShelterOwnership.State, Languages = "az,ru,en", Address = "Demo: Bakı, Xətai rayonu, uydurma küçə 1" }, cancellationToken));
        await Check(shelters.SaveShelterAsync(ngoViewer, managerRoles, null, new()
        { Name = "Təmiz Dünya Qadın Evi", Ownership = ShelterOwnership.Ngo, Languages = "az,ru", Address = "Demo: Gəncə, uydurma döngə 7" }, cancellationToken));
        var stateShelter = await db.Shelters.Where(s => s.InstitutionId == state.InstitutionId).Select(s => s.Id).FirstAsync(cancellationToken);
        var ngoShelter = await db.Shelters.Where(s => s.InstitutionId == ngo.InstitutionId).Select(s => s.Id).FirstAsync(cancellationToken);
        foreach (var (label, restriction) in new[] { ("Q-1", BedRestriction.Women), ("Q-2", BedRestriction.Women), ("Q-3", BedRestriction.Women), ("K-1", BedRestriction.Men), ("K-2", BedRestriction.Men), ("AU-1", BedRestriction.MotherWithChild), ("U-1", BedRestriction.Children), ("E-1", BedRestriction.Accessible) })
            await Check(shelters.AddBedAsync(stateViewer, managerRoles, new() { ShelterId = stateShelter, Label = label, Restriction = restriction }, cancellationToken));
        foreach (var (label, restriction) in new[] { ("1", BedRestriction.Women), ("2", BedRestriction.Women), ("3", BedRestriction.MotherWithChild), ("4", BedRestriction.MotherWithChild) })
            await Check(shelters.AddBedAsync(ngoViewer, managerRoles, new() { ShelterId = ngoShelter, Label = label, Restriction = restriction }, cancellationToken));
        // A bed out of service, and one held by the helpline for a woman expected tonight.
        var broken = await db.Beds.Where(b => b.ShelterId == ngoShelter && b.Label == "2").Select(b => b.Id).FirstAsync(cancellationToken);
        await shelters.ChangeBedAsync(ngoViewer, managerRoles, broken, ShelterService.BedAction.OutOfService, cancellationToken);
        var helpline = await users.FindByNameAsync("operator") ?? throw new InvalidOperationException("no demo operator");
        await Check(shelters.HoldAsync(new Viewer(helpline.Id, helpline.InstitutionId, []), [RoleCatalog.HelplineOperator], ngoShelter,
            new() { Need = BedNeed.Woman }, ShelterService.DefaultHoldHours, cancellationToken));

        // The first two demo cases (Gülnar, Ramil) go to the state shelter the way the product asks: consent, onward referral
        // (the status only: what the shelter needs to admit), acceptance, admission.
        // (The referrals' demo runs first now: the cases its dispatches opened are not these.)
        var cases = await db.Set<Cases.ProtectionCase>().Where(c => !db.Set<Referral>().Any(r => r.CaseId == c.Id)).OrderBy(c => c.Recency).Select(c => c.Id).Take(2).ToListAsync(cancellationToken);
        var squad = new Viewer(investigator.Id, investigator.InstitutionId, [Relation.Investigator]);
        var beds = new[] { "Q-1", "K-1" };
        for (var i = 0; i < cases.Count; i++)
        {
            var caseId = cases[i];
            await Check(consents.RecordConsentAsync(squad, caseId, new() { Purposes = [ConsentPurpose.Services, ConsentPurpose.DataSharing], RecipientInstitutionId = state.InstitutionId, Form = ConsentForm.Written, GivenOn = uiTime.Today }, cancellationToken));
            await Check(onward.SendAsync(squad, caseId, new() { Relation = Relation.Shelter, RecipientInstitutionId = state.InstitutionId, Share = [], Note = "Demo: needs a safe bed" }, cancellationToken));
            var onwardId = await db.OnwardReferrals.Where(o => o.CaseId == caseId && o.Relation == Relation.Shelter && o.RecipientInstitutionId == state.InstitutionId).Select(o => o.Id).FirstAsync(cancellationToken);
            await onward.AnswerAsync(stateViewer, onwardId, OnwardService.Answer.Accept, ct: cancellationToken);
            var bed = await db.Beds.Where(b => b.ShelterId == stateShelter && b.Label == beds[i]).Select(b => b.Id).FirstAsync(cancellationToken);
            await Check(placements.AdmitAsync(stateViewer, managerRoles, caseId, bed, i == 0 ? "Nərgiz" : null, cancellationToken));
        }
        if (cases.Count == 2)
            await Check(placements.DischargeAsync(stateViewer, managerRoles, cases[1], new()
            {
                On = uiTime.Today,
                Reason = DischargeReason.FamilyReunification,
                Destination = DischargeDestination.Family,
                FollowUpConsent = true,
            }, cancellationToken));
    }

    private static async Task Check(Task<Dictionary<string, string[]>?> work)
    {
        var errors = await work;
        if (errors is null || errors.Count > 0)
            throw new InvalidOperationException("Demo accommodation could not be seeded: " + string.Join("; ", errors?.SelectMany(e => e.Value) ?? ["refused"]));
    }
}
