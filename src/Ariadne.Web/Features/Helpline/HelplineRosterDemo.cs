using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Identity;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// The demo helpline's roster: the operator (az, ru, en; chat) and the supervisor (az, ru; supervision), and a week of day
/// shifts from tomorrow, through the real service and its rules. Two people cannot cover every hour: the nights stay
/// gaps on purpose, so the gap finder and the home card have something to show.
/// </summary>
public sealed class HelplineRosterDemo(UserManager<AriadneUser> users, RosterService roster, UiTime uiTime) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var op = await users.FindByNameAsync("operator") ?? throw new InvalidOperationException("no demo operator");
        var supervisor = await users.FindByNameAsync("helpline.supervisor") ?? throw new InvalidOperationException("no demo helpline supervisor");
        var viewer = new Viewer(supervisor.Id, supervisor.InstitutionId, []);
        string[] roles = [RoleCatalog.HelplineSupervisor];
        await Check(roster.SaveProfileAsync(viewer, roles, new() { UserId = op.Id, Languages = "az,ru,en", Skills = ["chat"] }, cancellationToken));
        await Check(roster.SaveProfileAsync(viewer, roles, new() { UserId = supervisor.Id, Languages = "az,ru", Skills = ["supervision", "child"] }, cancellationToken));
        var today = uiTime.Today;
        // The operator works days 1–4, the supervisor days 5–7, 08:00–20:00; the nights are the deliberate gaps.
        for (var day = 1; day <= 7; day++)
            await Check(roster.SaveShiftAsync(viewer, roles, new() { UserId = day <= 4 ? op.Id : supervisor.Id, Day = today.AddDays(day), Start = "08:00", Hours = 12 }, cancellationToken));
    }

    private static async Task Check(Task<Dictionary<string, string[]>?> saving)
    {
        var errors = await saving ?? throw new InvalidOperationException("demo roster refused");
        if (errors.Count > 0)
            throw new InvalidOperationException("demo roster: " + string.Join("; ", errors.Keys));
    }
}
