using System.Text;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// The demo's criminal file, through the real services: opened by the demo investigator, charged, shared with the demo
/// prosecutor, who sent it to the demo court (the indictment stage); two evidence items with a transfer in their chain; the
/// victim linked to her protection case, which the prosecutor may not see (the file shows "linked to a case you may not see").
/// </summary>
public sealed class InvestigationDemo(UserManager<AriadneUser> users, AriadneDbContext db, CriminalFiles files, EvidenceLocker locker, LinkAnalysis links, CooperationRequests cooperation,
    UiTime uiTime) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var investigatorUser = await users.FindByNameAsync("investigator") ?? throw new InvalidOperationException("no demo investigator");
        var prosecutorUser = await users.FindByNameAsync("prosecutor") ?? throw new InvalidOperationException("no demo prosecutor");
        var clerkUser = await users.FindByNameAsync("clerk") ?? throw new InvalidOperationException("no demo clerk");
        var investigator = new Viewer(investigatorUser.Id, investigatorUser.InstitutionId, [Relation.Investigator]);
        var prosecutor = new Viewer(prosecutorUser.Id, prosecutorUser.InstitutionId, [Relation.Prosecutor]);
        var today = uiTime.Today;
        var (id, errors) = await files.OpenAsync(investigator, [RoleCatalog.Investigator], new CriminalFiles.OpenInput
        {
            Title = "Demo: Əməliyyat Karvan",
            Offences = ["144-1.1", "144-2"],
            Summary = "Demo: İstanbula iş vədi ilə qadınların aparılması; vasitəçi şirkət Bakıda.",
        }, ct: cancellationToken);
        if (id is not { } fileId)
            throw new InvalidOperationException("the demo file was refused: " + string.Join("; ", errors.Keys));
        var victimCase = await db.Cases.AsNoTracking().OrderBy(c => c.CreatedAt).ThenBy(c => c.Recency).Select(c => c.Number).FirstAsync(cancellationToken);
        await Check(files.AddPartyAsync(investigator, fileId, new() { Role = PartyRole.Suspect, Name = "Demo: Elşən Məmmədov", Sex = PartySex.Male, BirthYear = 1978, Citizenship = "AZE", Detail = "Demo: vasitəçi şirkətin direktoru" }, ct: cancellationToken));
        await Check(files.AddPartyAsync(investigator, fileId, new() { Role = PartyRole.Suspect, Name = "Demo: Sevda Quliyeva", Sex = PartySex.Female, BirthYear = 1985, Citizenship = "AZE", Detail = "Demo: işə götürən" }, ct: cancellationToken));
        await Check(files.AddPartyAsync(investigator, fileId, new() { Role = PartyRole.Victim, Name = "Demo: G. N.", Sex = PartySex.Female, BirthYear = 1999, Citizenship = "AZE", CaseNumber = victimCase }, ct: cancellationToken));
        await Check(files.AddPartyAsync(investigator, fileId, new() { Role = PartyRole.Witness, Name = "Demo: Kamran Həsənov", Sex = PartySex.Male }, ct: cancellationToken));
        await Check(files.RecordStageAsync(investigator, fileId, new() { Stage = FileStage.CriminalCaseOpened, On = today.AddDays(-60), OfficialNumber = "Demo 2026/144-1/0042" }, ct: cancellationToken));
        await Check(files.RecordStageAsync(investigator, fileId, new() { Stage = FileStage.Charged, On = today.AddDays(-20) }, ct: cancellationToken));
        var suspect = await db.FileParties.AsNoTracking().Where(p => p.FileId == fileId && p.Role == PartyRole.Suspect).OrderBy(p => p.AddedAt).Select(p => p.Id).FirstAsync(cancellationToken);
        await Check(files.RecordMeasureAsync(investigator, fileId, new() { PartyId = suspect, Kind = MeasureKind.Detention, OrderedBy = MeasureAuthority.Court, From = today.AddDays(-20), Until = today.AddDays(70) }, ct: cancellationToken));
        var victim = await db.FileParties.AsNoTracking().Where(p => p.FileId == fileId && p.Role == PartyRole.Victim).Select(p => p.Id).FirstAsync(cancellationToken);
        await Check(files.RecordNonPunishmentAsync(investigator, fileId, new() { PartyId = victim, Offence = "Demo: saxta iş vizası ilə sərhədi keçmə", Decision = NonPunishmentDecision.NotProsecuted, DecidedOn = today.AddDays(-15) }, ct: cancellationToken));
        await Check(files.ShareAsync(investigator, fileId, new() { InstitutionId = prosecutorUser.InstitutionId, Reason = "Demo: ittiham aktı üçün" }, cancellationToken));

        var (ledger, ledgerErrors) = await locker.TakeInAsync(investigator, fileId, new() { Description = "Demo: vasitəçi şirkətin ödəniş dəftəri (skan)", Location = "Demo: sübut otağı 2, şkaf 14" },
            "odenis-defteri.pdf", "application/pdf", SamplePdf("Demo: payments ledger 2026 — Elşən Məmmədov → Sevda Quliyeva"), cancellationToken);
        if (ledger is null)
            throw new InvalidOperationException("the demo ledger was refused: " + string.Join("; ", ledgerErrors?.Keys.ToList() ?? []));
        await locker.TakeInAsync(investigator, fileId, new() { Description = "Demo: şübhəlinin telefonundan yazışmanın mətni", Location = "Demo: sübut otağı 2, şkaf 14" },
            "yazisma.txt", "text/plain", Encoding.UTF8.GetBytes("Demo: — Sabah 6-da avtovağzalda. Pasportları mən saxlayacağam.\n"), cancellationToken);
        await Check(locker.RecordCustodyAsync(investigator, ledger.Value, new() { Kind = CustodyKind.Transfer, ToInstitutionId = prosecutorUser.InstitutionId, Location = "Demo: prokurorluğun dəftərxanası", Reason = "Demo: ittiham aktına əlavə" }, ct: cancellationToken));
        await Check(files.RecordStageAsync(prosecutor, fileId, new() { Stage = FileStage.IndictmentToCourt, On = today.AddDays(-3), CourtInstitutionId = clerkUser.InstitutionId, Note = "Demo: ittiham aktı təsdiq edildi" }, ct: cancellationToken));
        await SeedCooperationAsync(investigator, fileId, suspect, cancellationToken);
        await SeedGraphAsync(investigator, fileId, today, cancellationToken);
    }

    /// <summary>A request to the Turkish police through Interpol about the first suspect, approved and sent by the demo Coordinator, waiting for its reply.</summary>
    private async Task SeedCooperationAsync(Viewer investigator, Guid fileId, Guid suspect, CancellationToken cancellationToken)
    {
        var coordinatorUser = await users.FindByNameAsync("coordinator") ?? throw new InvalidOperationException("no demo coordinator");
        var coordinator = new Viewer(coordinatorUser.Id, coordinatorUser.InstitutionId, [Relation.CoordinatorInformation]);
        var day = uiTime.Today;
        var (requestId, errors) = await cooperation.CreateAsync(investigator, fileId, new CooperationRequests.DraftInput
        {
            Country = "TUR",
            Authority = "Demo: Interpol NCB Ankara",
            Channel = CooperationChannel.Interpol,
            Assistance = AssistanceKind.Information,
            Urgency = CooperationUrgency.Urgent,
            Purpose = "Demo: şübhəlinin İstanbulda qeydiyyatı, giriş-çıxışları və orada işlədiyi şirkət barədə məlumat.",
            Deadline = day.AddDays(30),
            Items =
            [
                new() { PartyId = suspect, Fields = [PartyFields.Name, PartyFields.BirthYear, PartyFields.Citizenship] },
                new() { Question = "Demo: 2025-ci ildə İstanbulda \"Karvan Turizm\" şirkətinin qeydiyyatı və təsisçiləri." },
            ],
        }, ct: cancellationToken);
        if (requestId is not { } id)
            throw new InvalidOperationException("the demo request was refused: " + string.Join("; ", errors?.Keys.ToList() ?? []));
        await Check(cooperation.SubmitAsync(investigator, id, cancellationToken));
        await Check(cooperation.SendAsync(coordinator, [RoleCatalog.Coordinator], id, new() { SentOn = day, Reference = "Demo: MK/2026/0117" }, cancellationToken));
    }

    /// <summary>
    /// A small link chart: the suspects, their company, its account, a payment, the victim's journey and a phone. The victim
    /// stands for her protection case, and the phone is found again in a second file of the Squad; the demo prosecutor sees
    /// neither that case nor that file, so both show to them as "connection exists — ask the owner".
    /// </summary>
    private async Task SeedGraphAsync(Viewer investigator, Guid fileId, DateOnly today, CancellationToken ct)
    {
        var parties = await db.FileParties.AsNoTracking().Where(p => p.FileId == fileId).OrderBy(p => p.AddedAt).ToListAsync(ct);
        Guid Party(PartyRole role, int n = 0) => parties.Where(p => p.Role == role).Skip(n).First().Id;
        async Task<Guid> Entity(Guid file, EntityKind kind, string value, string? detail = null, Guid? party = null, string grade = "B2", string handling = "H3", string? country = "AZE")
        {
            var (id, errors) = await links.AddEntityAsync(investigator, file, new LinkAnalysis.EntityInput
            {
                Kind = kind,
                Value = value,
                Detail = detail,
                PartyId = party,
                Country = country,
                Source = "Demo: ifadə və bank cavabı",
                Reliability = grade,
                Handling = handling,
                ValidFrom = today.AddMonths(-8),
            }, ct: ct);
            return id ?? throw new InvalidOperationException("a demo entity was refused: " + string.Join("; ", errors?.Keys.ToList() ?? []));
        }
        async Task Link(Guid file, Guid from, LinkKind kind, Guid to)
        {
            var (id, errors) = await links.AddLinkAsync(investigator, file, new LinkAnalysis.LinkInput
            {
                FromId = from,
                ToId = to,
                Kind = kind,
                Source = "Demo: əməliyyat məlumatı",
                Reliability = "B2",
                Handling = "H3",
            }, ct: ct);
            if (id is null)
                throw new InvalidOperationException("a demo link was refused: " + string.Join("; ", errors?.Keys.ToList() ?? []));
        }

        var elshan = await Entity(fileId, EntityKind.Person, "Demo: Elşən Məmmədov", "1978-03-14", Party(PartyRole.Suspect));
        var sevda = await Entity(fileId, EntityKind.Person, "Demo: Sevda Quliyeva", "1985-11-02", Party(PartyRole.Suspect, 1));
        var victim = await Entity(fileId, EntityKind.Person, "Demo: G. N.", null, Party(PartyRole.Victim));
        var phone = await Entity(fileId, EntityKind.Phone, "+994 50 555 12 34");
        var phoneAgain = await Entity(fileId, EntityKind.Phone, "050 555-12-34", grade: "C3");
        var company = await Entity(fileId, EntityKind.Company, "Demo: Karvan Travel MMC", "1402938471");
        var account = await Entity(fileId, EntityKind.BankAccount, "AZ21NABZ00000000137010001944", "Demo bank");
        var payment = await Entity(fileId, EntityKind.Payment, "1500 EUR", today.AddMonths(-6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), handling: "H4");
        var travel = await Entity(fileId, EntityKind.Travel, "Bakı → İstanbul", today.AddMonths(-6).AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), country: "TUR");
        var office = await Entity(fileId, EntityKind.Address, "Demo: Bakı, Nizami küçəsi 10, mənzil 4");
        await Link(fileId, elshan, LinkKind.Uses, phone);
        await Link(fileId, sevda, LinkKind.Uses, phoneAgain);
        await Link(fileId, elshan, LinkKind.Directs, company);
        await Link(fileId, company, LinkKind.Employs, sevda);
        await Link(fileId, company, LinkKind.Owns, account);
        await Link(fileId, company, LinkKind.LocatedAt, office);
        await Link(fileId, account, LinkKind.PaidBy, payment);
        await Link(fileId, payment, LinkKind.PaidTo, sevda);
        await Link(fileId, victim, LinkKind.Travelled, travel);
        await Link(fileId, sevda, LinkKind.Associate, elshan);

        // A second file of the Squad, not shared with the prosecutor, where the same phone turns up.
        var (second, errors) = await files.OpenAsync(investigator, [RoleCatalog.Investigator], new CriminalFiles.OpenInput
        {
            Title = "Demo: Əməliyyat Liman",
            Offences = ["144-2"],
            Summary = "Demo: limanda məcburi əmək barədə əməliyyat məlumatı.",
        }, ct: ct);
        if (second is not { } secondId)
            throw new InvalidOperationException("the second demo file was refused: " + string.Join("; ", errors.Keys));
        var recruiter = await Entity(secondId, EntityKind.Person, "Demo: Rauf Əliyev", "1980-07-21");
        var samePhone = await Entity(secondId, EntityKind.Phone, "+994505551234", grade: "C3");
        await Link(secondId, recruiter, LinkKind.Uses, samePhone);
    }

    /// <summary>A one-page PDF with a line of text (the demo's scanned ledger), written with PDFsharp.</summary>
    public static byte[] SamplePdf(string line)
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        var page = document.AddPage();
        if (EvidenceFontResolver.EnsureInstalled())
        {
            using var graphics = PdfSharp.Drawing.XGraphics.FromPdfPage(page);
            graphics.DrawString(line, new PdfSharp.Drawing.XFont(EvidenceFontResolver.FamilyName, 12), PdfSharp.Drawing.XBrushes.Black, new PdfSharp.Drawing.XPoint(40, 80));
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static async Task Check(Task<Dictionary<string, string[]>?> write)
    {
        var errors = await write;
        if (errors is not { Count: 0 })
            throw new InvalidOperationException("a demo step was refused: " + string.Join("; ", errors?.Keys.ToList() ?? ["not visible"]));
    }
}
