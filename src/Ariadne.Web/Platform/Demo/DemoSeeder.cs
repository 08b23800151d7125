using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Demo;

/// <summary>
/// Seeds the demo world: one institution of every kind of PRODUCT.md §1 with Azerbaijani names, and
/// a few users in each with fitting roles and training. All names are invented. Runs only with --demo.
/// </summary>
public sealed class DemoSeeder(AriadneDbContext db, UserManager<AriadneUser> users, TimeProvider time, UiTime uiTime, Audit.AuditTrail audit,
    IEnumerable<IDemoData> modules)
{
    public const string Password = "Qizil-Gunes-Demo-2026";

    /// <summary>The demo password before the policy of 15 characters without the system's name; still recognised by the start-up check.</summary>
    public const string EarlierPassword = "Demo-Ariadne-2026!";

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
        new(InstitutionKind.Shelter, "SIG-TD", "Təmiz Dünya Qadınlara Yardım İctimai Birliyi",
            [new("shelter.ngo", "Şəbnəm Hacıyeva", [RoleCatalog.ShelterManager], [TrainingTopic.VictimAssistance])]),
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
        await audit.RecordAsync(new Audit.AuditRecord(Audit.PlatformAudit.DemoSeeded, Purpose: Audit.PlatformPurposes.Demo), cancellationToken);
        var now = time.GetUtcNow();
        var today = uiTime.DayOf(now); // training is dated by the deployment's day, as staff enter it
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
                    CompletedOn = today.AddMonths(-6),
                    ValidUntil = TrainingRecord.Expires(topic) ? today.AddMonths(18) : null,
                    RecordedAt = now,
                }));
                Check(await users.CreateAsync(user, Password));
                Check(await users.AddToRolesAsync(user, person.Roles));
            }
        }
        // Then each module's part (cases, referrals, the national count...), in the modules' order.
        foreach (var part in modules)
            await part.SeedAsync(cancellationToken);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Demo seeding failed: " + string.Join(", ", result.Errors.Select(e => e.Code)));
    }
}
