using Ariadne.Web.Features.Protection;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Reintegration;

/// <summary>
/// The demo's return and safety, the way the product asks: the second demo person's return from Russia planned with the
/// international partner, with their consent, and the minimal travel view shared with the partner; the first demo person,
/// a witness in the criminal case, with testimony by video link and a police escort to hearings.
/// </summary>
public sealed class ReintegrationDemo(UserManager<AriadneUser> users, AriadneDbContext db, ReintegrationService reintegration, ConsentService consents,
    Platform.Ui.UiTime uiTime) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var investigator = await users.FindByNameAsync("investigator") ?? throw new InvalidOperationException("no demo investigator");
        var partner = await users.FindByNameAsync("partner") ?? throw new InvalidOperationException("no demo partner");
        var cases = await db.Set<Cases.ProtectionCase>().OrderBy(c => c.Recency).Select(c => c.Id).Take(2).ToListAsync(cancellationToken);
        if (cases.Count < 2)
            return;
        var squad = new Viewer(investigator.Id, investigator.InstitutionId, [Relation.Investigator]);
        var today = uiTime.Today;

        var returning = cases[1];
        await Check(consents.RecordConsentAsync(squad, returning, new() { Purposes = [ConsentPurpose.Repatriation], RecipientInstitutionId = partner.InstitutionId, Form = ConsentForm.Written, GivenOn = today }, cancellationToken));
        await Check(reintegration.SaveRepatriationAsync(squad, returning, new()
        {
            DestinationCountry = "AZE",
            PartnerInstitutionId = partner.InstitutionId,
            DocumentType = TravelDocumentType.CertificateOfReturn,
            DocumentStatus = TravelDocumentStatus.Applied,
            Escort = EscortKind.PartnerStaff,
            EscortBy = "Demo: BMqT-nin Moskva ofisi, müşayiətçi",
            PlannedOn = today.AddDays(14),
            ArrivalPoint = "Heydər Əliyev Beynəlxalq Aeroportu",
            ReceivingOrganisation = "Bakı Təhlükəsiz Sığınacağı",
            NeedsOnArrival = "Demo: tibbi müayinə, rus dilində danışan psixoloq",
        }, cancellationToken));
        await Check(reintegration.ShareAsync(squad, returning, cancellationToken));

        var witness = cases[0];
        await Check(reintegration.SaveMeasureAsync(squad, witness, new() { Kind = WitnessMeasureKind.VideoLinkTestimony, Status = WitnessMeasureStatus.InPlace, Reference = "Demo 2026-0417" }, cancellationToken));
        await Check(reintegration.SaveMeasureAsync(squad, witness, new() { Kind = WitnessMeasureKind.PoliceEscort, Status = WitnessMeasureStatus.Requested, Reference = "Demo 2026-0417" }, cancellationToken));
    }

    private static async Task Check(Task<Dictionary<string, string[]>?> work)
    {
        var errors = await work;
        if (errors is null || errors.Count > 0)
            throw new InvalidOperationException("Demo reintegration could not be seeded: " + string.Join("; ", errors?.SelectMany(e => e.Value) ?? ["refused"]));
    }
}
