using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Training;

/// <summary>
/// The training programme's demo: two courses (anti-trafficking basics for the Squad, 36 months; shelter security, 12 months);
/// a held session of each with its certificates, so that the Squad's and the guard's training-gated roles stand on
/// certificates rather than on the seeder's plain records (which are replaced); the guard's certificate expires within 60
/// days, and a planned shelter-security session is open for the refresher.
/// </summary>
public sealed class TrainingDemo(Trainings trainings, AriadneDbContext db, UserManager<AriadneUser> users, UiTime uiTime) : IDemoData
{
    private static readonly string[] Coordinator = [RoleCatalog.Coordinator];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var coordinatorUser = await users.FindByNameAsync("coordinator") ?? throw new InvalidOperationException("demo coordinator missing");
        var coordinator = new Viewer(coordinatorUser.Id, coordinatorUser.InstitutionId, []);
        var today = uiTime.Today;

        var basics = Check(await trainings.AddCourseAsync(coordinator, Coordinator, new Trainings.CourseInput
        {
            Code = "AT-BASIC",
            TitleAz = "İnsan alverinə qarşı mübarizənin əsasları",
            TitleRu = "Основы противодействия торговле людьми",
            TitleEn = "Combating trafficking in human beings: basics",
            Description = "Demo: qurbanların müəyyən edilməsi, Milli Yönləndirmə Mexanizmi, qurbanla iş və sübutların toplanması (İdarə əməkdaşları üçün).",
            Topic = TrainingTopic.AntiTrafficking,
            ValidityMonths = 36,
            Provider = "BMqT (IOM) / İAMİ Akademiyası",
        }, cancellationToken));
        var security = Check(await trainings.AddCourseAsync(coordinator, Coordinator, new Trainings.CourseInput
        {
            Code = "SEC-SHELTER",
            TitleAz = "Təhlükəsiz sığınacağın mühafizəsi",
            TitleRu = "Охрана защищённого приюта",
            TitleEn = "Security of the secure accommodation",
            Description = "Demo: giriş nəzarəti, ziyarətçilər, təcili hallar və qurbanın məxfiliyi.",
            Topic = TrainingTopic.ShelterSecurity,
            ValidityMonths = 12,
            Provider = "ATƏT (OSCE)",
        }, cancellationToken));

        // Held eight months ago: the Squad's four officers attended and passed.
        var start = today.AddMonths(-8);
        await HeldAsync(coordinator, basics, start, start.AddDays(2), "Bakı, İAMİ Akademiyası", "az", 20, "Anna Kowalska — IOM\nRəşad Hüseynov — İAMİ Akademiyası",
            ["duty", "investigator", "identifier", "chief", "security.liaison", "prosecutor"], cancellationToken);
        // Held so that its certificate (12 months) expires in 40 days: the guard's refresher is due.
        var sEnd = today.AddDays(40).AddMonths(-12).AddDays(1);
        await HeldAsync(coordinator, security, sEnd.AddDays(-1), sEnd, "Bakı, Mühafizə Polisi Alayı", "ru", 12, "Markus Weber — OSCE",
            ["guard"], cancellationToken);
        // The refresher: planned in three weeks, open for nominations.
        Check(await trainings.AddSessionAsync(coordinator, Coordinator, new Trainings.SessionInput
        {
            CourseId = security,
            StartsOn = today.AddDays(21),
            EndsOn = today.AddDays(22),
            Place = "Bakı, Mühafizə Polisi Alayı",
            Language = "az",
            Capacity = 15,
            Trainers = "Markus Weber — OSCE",
        }, cancellationToken));
    }

    private async Task HeldAsync(Viewer coordinator, Guid courseId, DateOnly starts, DateOnly ends, string place, string language, int capacity, string trainers,
        string[] people, CancellationToken ct)
    {
        var session = Check(await trainings.AddSessionAsync(coordinator, Coordinator, new Trainings.SessionInput
        {
            CourseId = courseId,
            StartsOn = starts,
            EndsOn = ends,
            Place = place,
            Language = language,
            Capacity = capacity,
            Trainers = trainers,
        }, ct));
        foreach (var name in people)
        {
            var user = await users.FindByNameAsync(name) ?? throw new InvalidOperationException("demo user missing");
            Check(await trainings.EnrolAsync(coordinator, Coordinator, session, new() { UserId = user.Id }, null, ct));
        }
        Check(await trainings.SetStatusAsync(coordinator, Coordinator, session, SessionStatus.Held, ct));
        var topic = await db.Set<TrainingCourse>().Where(c => c.Id == courseId).Select(c => c.Topic).FirstAsync(ct);
        foreach (var enrolment in await db.Set<TrainingEnrolment>().AsNoTracking().Where(e => e.SessionId == session).ToListAsync(ct))
        {
            Check(await trainings.RecordAttendanceAsync(coordinator, Coordinator, session,
                new() { UserId = enrolment.UserId, Attendance = AttendanceMark.Attended, Result = TrainingResult.Passed }, null, ct));
            // The seeder's plain record of this topic gives way to the certificate's.
            var plain = await db.Trainings.Where(t => t.UserId == enrolment.UserId && t.Topic == topic && t.CertificateId == null).ToListAsync(ct);
            db.Trainings.RemoveRange(plain);
            await db.SaveChangesAsync(ct);
            Check(await trainings.IssueAsync(coordinator, Coordinator, enrolment.Id, ct));
        }
    }

    private static Guid Check((Guid? Id, Dictionary<string, string[]>? Errors) result) =>
        result.Id ?? throw new InvalidOperationException("The training demo does not save: " + string.Join("; ", result.Errors?.SelectMany(e => e.Value) ?? ["not allowed"]));

    private static void Check(Dictionary<string, string[]>? errors)
    {
        if (errors is null || errors.Count > 0)
            throw new InvalidOperationException("The training demo does not save: " + string.Join("; ", errors?.SelectMany(e => e.Value) ?? ["not allowed"]));
    }
}
