using Ariadne.Web.Features.Protection;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Services;

/// <summary>
/// The first demo person's services, the way the product asks: a plan with two goals, consent for the service centre,
/// a psychological service referred (sharing Health) and accepted by its doctor, one session, a legal-aid service that
/// joins the same referral, and an interpreter booked for tomorrow's session.
/// </summary>
public sealed class ServicesDemo(UserManager<AriadneUser> users, AriadneDbContext db, ServicePlanService services, ConsentService consents, Platform.Ui.UiTime uiTime) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var investigator = await users.FindByNameAsync("investigator") ?? throw new InvalidOperationException("no demo investigator");
        var doctor = await users.FindByNameAsync("doctor") ?? throw new InvalidOperationException("no demo doctor");
        var caseId = await db.Set<Cases.ProtectionCase>().OrderBy(c => c.Recency).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (caseId == Guid.Empty)
            return;
        var squad = new Viewer(investigator.Id, investigator.InstitutionId, [Relation.Investigator]);
        var provider = new Viewer(doctor.Id, doctor.InstitutionId, [Relation.ServiceProvider]);
        var today = uiTime.Today; // the day in the deployment's time zone, as the forms check it

        await Check(services.SaveGoalAsync(squad, caseId, new() { Type = ServiceType.Psychological, Text = "Demo: özünü təhlükəsiz hiss etmək və gecələr rahat yatmaq", TargetDate = today.AddDays(60) }, cancellationToken));
        await Check(services.SaveGoalAsync(squad, caseId, new() { Type = ServiceType.Legal, Text = "Demo: zərərin ödənilməsi tələbi", TargetDate = today.AddDays(180) }, cancellationToken));
        var goals = await db.ServiceGoals.Where(g => g.CaseId == caseId).OrderBy(g => g.CreatedAt).Select(g => g.Id).ToListAsync(cancellationToken);
        await Check(consents.RecordConsentAsync(squad, caseId, new() { Purposes = [ConsentPurpose.Services, ConsentPurpose.DataSharing], RecipientInstitutionId = doctor.InstitutionId, Form = ConsentForm.Written, GivenOn = today }, cancellationToken));
        await Check(services.ReferAsync(squad, caseId, new() { Type = ServiceType.Psychological, GoalId = goals[0], ProviderInstitutionId = doctor.InstitutionId, Share = [.. ServicePlanService.Shareable], Note = "Demo: weekly sessions" }, cancellationToken));
        var psychological = await db.ServiceReferrals.Where(s => s.CaseId == caseId).Select(s => s.Id).FirstAsync(cancellationToken);
        await Check(services.AnswerAsync(provider, psychological, OnwardService.Answer.Accept, null, cancellationToken));
        await Check(services.RecordSessionAsync(provider, psychological, new() { HeldOn = today, Minutes = 50, Outcome = "Demo: first session; sleep diary started" }, cancellationToken));
        await Check(services.ReferAsync(squad, caseId, new() { Type = ServiceType.Legal, GoalId = goals[1], ProviderInstitutionId = doctor.InstitutionId }, cancellationToken));
        await Check(services.BookInterpreterAsync(squad, caseId, new() { Language = "ru", On = today.AddDays(1), Time = "11:00", ServiceId = psychological }, cancellationToken));
    }

    private static async Task Check(Task<Dictionary<string, string[]>?> work)
    {
        var errors = await work;
        if (errors is null || errors.Count > 0)
            throw new InvalidOperationException("Demo services could not be seeded: " + string.Join("; ", errors?.SelectMany(e => e.Value) ?? ["refused"]));
    }
}
