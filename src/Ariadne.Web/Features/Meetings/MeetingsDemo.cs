using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Meetings;

/// <summary>
/// The meetings' demo (after the coordination demo, whose users it uses): last month's regular coordination meeting with
/// approved minutes, two decisions and two action items — one the ministry's, overdue, the other the shelter's, done — and the
/// next meeting, a working group in two weeks' time. All wording is marked "Demo".
/// </summary>
public sealed class MeetingsDemo(CoordinationMeetings meetings, AriadneDbContext db, UserManager<AriadneUser> users, UiTime uiTime) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var coordinatorUser = await users.FindByNameAsync("coordinator") ?? throw new InvalidOperationException("demo coordinator missing");
        var ministryUser = await users.FindByNameAsync("ministry") ?? throw new InvalidOperationException("demo ministry missing");
        var shelterUser = await users.FindByNameAsync("shelter") ?? throw new InvalidOperationException("demo shelter missing");
        var investigatorUser = await users.FindByNameAsync("investigator") ?? throw new InvalidOperationException("demo investigator missing");
        var coordinator = new Viewer(coordinatorUser.Id, coordinatorUser.InstitutionId, []);
        var shelter = new Viewer(shelterUser.Id, shelterUser.InstitutionId, []);
        string[] coordinatorRoles = [RoleCatalog.Coordinator];
        var today = uiTime.Today;
        var zone = uiTime.Zone;
        DateTimeOffset At(DateOnly day, int hour) => new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)), zone), TimeSpan.Zero);

        var pastDay = today.AddDays(-30);
        var (pastId, errors) = await meetings.CreateAsync(coordinator, coordinatorRoles, new()
        {
            Title = "Demo: Milli Əlaqələndiricinin rüblük əlaqələndirmə görüşü",
            Kind = MeetingKind.Regular,
            StartsAt = At(pastDay, 10),
            EndsAt = At(pastDay, 12),
            Place = "Demo: Bakı, Əlaqələndiricinin aparatı, 3-cü mərtəbə, iclas zalı",
            Institutions = [ministryUser.InstitutionId, shelterUser.InstitutionId, investigatorUser.InstitutionId],
            Agenda = ["Demo: 2026-cı ilin üçüncü rübünün yekunları", "Demo: sığınacaqlarda yerlərin vəziyyəti", "Demo: qaynar xəttin statistikası"],
        }, null, cancellationToken);
        Check(errors);
        var past = pastId!.Value;
        Check(await meetings.SaveMinutesAsync(coordinator, coordinatorRoles, past,
            "Demo: Görüşdə rübün yekunları müzakirə olundu. Sığınacaq yerlərin 70%-nin dolu olduğunu bildirdi. Nazirlik zərərçəkmiş şəxslərin hüquqları haqqında qaydaların layihəsinin gecikdiyini bildirdi.",
            cancellationToken));
        Check(await meetings.ApproveMinutesAsync(coordinator, coordinatorRoles, past, 1, cancellationToken));
        Check(await meetings.AddDecisionAsync(coordinator, coordinatorRoles, past, "Demo: Nazirlik qaydaların layihəsini növbəti görüşədək təqdim etsin.", null, cancellationToken));
        Check(await meetings.AddDecisionAsync(coordinator, coordinatorRoles, past, "Demo: Sığınacaq ehtiyat yerlərin siyahısını hazırlasın.", null, cancellationToken));
        Check(await meetings.AddActionAsync(coordinator, coordinatorRoles, past, new()
        {
            Title = "Demo: Zərərçəkmiş şəxslərin hüquqları haqqında qaydaların layihəsini Əlaqələndiriciyə təqdim etmək",
            OwnerInstitutionId = ministryUser.InstitutionId,
            DueOn = today,
        }, null, cancellationToken));
        Check(await meetings.AddActionAsync(coordinator, coordinatorRoles, past, new()
        {
            Title = "Demo: Ehtiyat yerlərin siyahısını hazırlamaq",
            OwnerInstitutionId = shelterUser.InstitutionId,
            OwnerUserId = shelterUser.Id,
            DueOn = today,
        }, null, cancellationToken));
        var itemIds = await db.ActionItems.Where(a => a.MeetingId == past).OrderBy(a => a.Number).Select(a => a.Id).ToListAsync(cancellationToken);
        Check(await meetings.SetActionStatusAsync(shelter, [RoleCatalog.ShelterManager], past, itemIds[1],
            new() { To = ActionItemStatus.Done, Note = "Demo: siyahı hazırlanıb və aparata göndərilib." }, cancellationToken));
        // The ministry's item was due ten days ago (a form never takes a past day; the demo sets it as it would stand today).
        var overdue = await db.ActionItems.FirstAsync(a => a.Id == itemIds[0], cancellationToken);
        overdue.DueOn = today.AddDays(-10);
        await db.SaveChangesAsync(cancellationToken);
        var attendance = await db.MeetingInvitations.AsNoTracking().Where(i => i.MeetingId == past).ToListAsync(cancellationToken);
        Check(await meetings.RecordAttendanceAsync(coordinator, coordinatorRoles, past,
            attendance.ToDictionary(i => i.Id, i => i.InstitutionId == investigatorUser.InstitutionId ? Attendance.Excused : Attendance.Present), cancellationToken));

        var nextDay = today.AddDays(14);
        var (_, nextErrors) = await meetings.CreateAsync(coordinator, coordinatorRoles, new()
        {
            Title = "Demo: Sığınacaqlar üzrə işçi qrupu",
            Kind = MeetingKind.WorkingGroup,
            StartsAt = At(nextDay, 15),
            EndsAt = At(nextDay, 16),
            Place = "Demo: Bakı, Əlaqələndiricinin aparatı",
            OnlineLink = "https://meet.example.org/demo-shelters",
            Institutions = [shelterUser.InstitutionId, ministryUser.InstitutionId],
            Agenda = ["Demo: ehtiyat yerlər", "Demo: uşaqlar üçün ayrıca otaqlar"],
        }, null, cancellationToken);
        Check(nextErrors);
    }

    private static void Check(Dictionary<string, string[]>? errors)
    {
        if (errors is null || errors.Count > 0)
            throw new InvalidOperationException("Demo meeting step refused: " + (errors is null ? "not found" : string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(", ", e.Value)))));
    }
}
