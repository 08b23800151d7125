using Ariadne.Web.Features.Participants;
using Ariadne.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Demo;

/// <summary>
/// Seeds the demo world: one institution of every kind of PRODUCT.md §1 with Azerbaijani names, and
/// a few users in each with fitting roles and training. All names are invented. Runs only with --demo.
/// </summary>
public sealed class DemoSeeder(AriadneDbContext db, UserManager<AriadneUser> users, TimeProvider time, Features.Cases.CaseService cases,
    Features.Referrals.ReferralService referrals, Audit.AuditTrail audit, Features.Coordination.NationalCount nationalCount)
{
    public const string Password = "Demo-Ariadne-2026!";

    internal sealed record DemoUser(string UserName, string DisplayName, string[] Roles, TrainingTopic[] Trainings, bool Liaison = false);
    internal sealed record DemoInstitution(InstitutionKind Kind, string Code, string Name, DemoUser[] Users);

    private static readonly TrainingTopic[] AntiTrafficking = [TrainingTopic.AntiTrafficking];

    internal static IReadOnlyList<DemoInstitution> World { get; } =
    [
        new(InstitutionKind.NationalCoordinator, "MK", "Milli Koordinatorun Aparatı",
            [new("coordinator", "Leyla Həsənova", [RoleCatalog.Coordinator], []), new("analyst", "Orxan Quliyev", [RoleCatalog.Analyst], [])]),
        new(InstitutionKind.AntiTraffickingSquad, "IAMI", "İnsan Alverinə Qarşı Mübarizə İdarəsi",
            [new("duty", "Rəşad Məmmədov", [RoleCatalog.DutyOfficer], AntiTrafficking),
             new("investigator", "Nigar Əliyeva", [RoleCatalog.Investigator], AntiTrafficking),
             new("identifier", "Elvin Babayev", [RoleCatalog.IdentificationOfficer], AntiTrafficking),
             new("chief", "Tofiq İsmayılov", [RoleCatalog.SquadChief], AntiTrafficking)]),
        new(InstitutionKind.Police, "BSBPI", "Bakı Şəhər Baş Polis İdarəsi",
            [new("police", "Kamran Rzayev", [RoleCatalog.LawEnforcementOfficer], []),
             new("police.liaison", "Səbinə Kazımova", [RoleCatalog.LawEnforcementOfficer], AntiTrafficking, Liaison: true)]),
        new(InstitutionKind.BorderService, "DSX", "Dövlət Sərhəd Xidməti",
            [new("border", "Murad Hüseynov", [RoleCatalog.LawEnforcementOfficer], []),
             new("border.liaison", "Aynur Cəfərova", [RoleCatalog.LawEnforcementOfficer], AntiTrafficking, Liaison: true)]),
        new(InstitutionKind.SecurityService, "DTX", "Dövlət Təhlükəsizlik Xidməti",
            [new("security.liaison", "Fərid Abbasov", [RoleCatalog.LawEnforcementOfficer], AntiTrafficking, Liaison: true)]),
        new(InstitutionKind.SecurityPolice, "MPA", "Mühafizə Polisi Alayı",
            [new("guard", "Vüsal Nəsirov", [RoleCatalog.SecurityOfficer], [TrainingTopic.ShelterSecurity])]),
        new(InstitutionKind.Prosecution, "BP", "Baş Prokurorluq",
            [new("prosecutor", "Günay Səfərova", [RoleCatalog.Prosecutor], AntiTrafficking)]),
        new(InstitutionKind.Court, "BACM", "Bakı Ağır Cinayətlər Məhkəməsi",
            [new("clerk", "Tural Vəliyev", [RoleCatalog.CourtClerk], [])]),
        new(InstitutionKind.Helpline, "QX152", "152 Qaynar Xətt",
            [new("operator", "Sevda Mirzəyeva", [RoleCatalog.HelplineOperator], [TrainingTopic.Helpline]),
             new("helpline.supervisor", "Zaur Həmidov", [RoleCatalog.HelplineSupervisor], [TrainingTopic.Helpline])]),
        new(InstitutionKind.Shelter, "SIG-BAKI", "Bakı Təhlükəsiz Sığınacağı",
            [new("shelter", "Könül Ağayeva", [RoleCatalog.ShelterManager], [TrainingTopic.VictimAssistance]),
             new("socialworker", "Aysel Qasımova", [RoleCatalog.SocialWorker], [TrainingTopic.VictimAssistance])]),
        new(InstitutionKind.ServiceProvider, "ƏHM", "Əmin Həyat Mərkəzi",
            [new("doctor", "Samir Orucov", [RoleCatalog.ServiceProfessional], []),
             new("lawyer", "Lalə Mehdiyeva", [RoleCatalog.ServiceProfessional], [])]),
        new(InstitutionKind.InternationalPartner, "BMT-AZ", "Beynəlxalq Miqrasiya Təşkilatının Bakı Ofisi",
            [new("partner", "Elnur Sadıqov", [RoleCatalog.PartnerOfficer], [])]),
        new(InstitutionKind.ExecutiveBody, "ƏƏSMN", "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi",
            [new("ministry", "Nərmin Əsgərova", [RoleCatalog.ExecutiveOfficer], [])]),
        new(InstitutionKind.Oversight, "FMN", "Fərdi Məlumatların Mühafizəsi Nəzarəti",
            [new("auditor", "İlqar Cavadov", [RoleCatalog.Auditor], [])]),
        new(InstitutionKind.PlatformAdministration, "ARIADNE", "Ariadne Platformasının İnzibatçılığı",
            [new("admin", "Rauf Nağıyev", [RoleCatalog.Administrator], [])]),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Institutions.AnyAsync(cancellationToken))
            return;
        // The mark that production checks: an append-only, hash-chained event cannot be quietly removed.
        await audit.RecordAsync(new Audit.AuditRecord(Audit.AuditAction.DemoSeeded, Purpose: "demo"), cancellationToken);
        var now = time.GetUtcNow();
        foreach (var demo in World)
        {
            var institution = new Institution { Name = demo.Name, Code = demo.Code, Kind = demo.Kind, CreatedAt = now };
            db.Institutions.Add(institution);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var person in demo.Users)
            {
                var user = new AriadneUser
                {
                    UserName = person.UserName,
                    DisplayName = person.DisplayName,
                    InstitutionId = institution.Id,
                    IsDemo = true,
                    IsLiaisonOfficer = person.Liaison,
                    CreatedAt = now,
                };
                user.Trainings.AddRange(person.Trainings.Select(topic => new TrainingRecord
                {
                    Topic = topic,
                    Course = "Demo: " + topic,
                    Provider = "BMqT / IOM",
                    CompletedOn = DateOnly.FromDateTime(now.UtcDateTime).AddMonths(-6),
                    RecordedAt = now,
                }));
                Check(await users.CreateAsync(user, Password));
                Check(await users.AddToRolesAsync(user, person.Roles));
            }
        }
        await SeedCasesAsync(now, cancellationToken);
        await SeedReferralsAsync(cancellationToken);
        // The daily job takes its first snapshot an hour after start; the demo's Coordinator sees one at once.
        await nationalCount.SnapshotAsync(cancellationToken);
    }

    /// <summary>Two invented referrals waiting at the duty desk: one from the border service, one anonymous from the helpline in immediate danger.</summary>
    private async Task SeedReferralsAsync(CancellationToken cancellationToken)
    {
        var border = await users.FindByNameAsync("border") ?? throw new InvalidOperationException("no demo border officer");
        var helpline = await users.FindByNameAsync("operator") ?? throw new InvalidOperationException("no demo operator");
        await referrals.SubmitAsync(new Access.Viewer(border.Id, border.InstitutionId, [Access.Relation.Referrer]), new Features.Referrals.ReferralInput
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
            Consent = Features.Referrals.ReferralConsent.Given,
        }, [], "demo-referral-1", cancellationToken);
        await referrals.SubmitAsync(new Access.Viewer(helpline.Id, helpline.InstitutionId, [Access.Relation.Referrer]), new Features.Referrals.ReferralInput
        {
            Anonymous = true,
            Whereabouts = "Demo: Sumqayıt, kafe",
            ImmediateDanger = true,
            Danger = "Demo: zəng edən nəzarət altında saxlanıldığını deyir.",
            Indicators = ["movement", "threats"],
            Consent = Features.Referrals.ReferralConsent.NotAsked,
        }, [], "demo-referral-2", cancellationToken);
    }

    /// <summary>Three invented cases, opened by the demo investigator through the real service (encrypted, granted, audited).</summary>
    private async Task SeedCasesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var investigator = await users.FindByNameAsync("investigator") ?? throw new InvalidOperationException("no demo investigator");
        var viewer = new Access.Viewer(investigator.Id, investigator.InstitutionId, [Access.Relation.Investigator]);
        Features.Cases.CaseInput[] inputs =
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

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Demo seeding failed: " + string.Join(", ", result.Errors.Select(e => e.Code)));
    }
}
