using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// The duty desk's decision on a referral: open a case from it (handing it to an investigator, or keeping
/// it), join it to a case the desk can already see, or close it with a reason. Each implies acknowledgement.
/// </summary>
public sealed class ReferralDispatch(
    AriadneDbContext db, CaseAccess access, DataKeys dataKeys, AuditTrail audit, AuditedWrites writes, TimeProvider time,
    CaseService cases, ReferralDesk desk, ReferralSignal signal, UserManager<AriadneUser> users)
{
    public static readonly string[] CloseReasons = ["not-trafficking", "duplicate", "insufficient-information", "other-authority"];

    /// <summary>
    /// Opens a case from the referral (handing it to an investigator, or keeping it) or joins the referral
    /// to a case the viewer can already see. Implies acknowledgement.
    /// </summary>
    public async Task<(ReferralActionOutcome Outcome, Guid? CaseId, string? ErrorKey)> DispatchAsync(
        Viewer viewer, Guid id, string? investigatorUserName, Guid? existingCaseId, CancellationToken ct = default)
    {
        var r = await desk.DeskReferralAsync(viewer, id, ct);
        if (r is null)
            return (ReferralActionOutcome.NotFound, null, null);
        if (r.Status is ReferralStatus.CaseOpened or ReferralStatus.NotTakenForward)
            return (ReferralActionOutcome.Invalid, null, "Referral_AlreadyClosed");
        Guid? investigatorId = null;
        if (!string.IsNullOrWhiteSpace(investigatorUserName))
        {
            var user = await users.FindByNameAsync(investigatorUserName.Trim().ToLowerInvariant());
            if (user is null || user.IsDisabled || user.InstitutionId != viewer.InstitutionId || !await users.IsInRoleAsync(user, RoleCatalog.Investigator))
                return (ReferralActionOutcome.Invalid, null, "Referral_InvestigatorInvalid");
            investigatorId = user.Id;
        }
        if (existingCaseId is { } existing && await access.RightsAsync(viewer, existing, ct) is not { IsBreakGlass: false })
            return (ReferralActionOutcome.Invalid, null, "Referral_CaseNotVisible");

        var key = await dataKeys.UnwrapAsync(r.DataKeyId, ct);
        var content = key is null ? new ReferralContent() : ReferralVault.OpenContent(db, r, key);
        Guid caseId;
        try
        {
            caseId = await writes.RunAsync(viewer, async ct =>
            {
                Guid target;
                string? assignedNumber = null;
                if (existingCaseId is { } joined)
                {
                    target = joined;
                    // A child's referral joined to a case makes it a child's case (only an age assessment may say otherwise).
                    var c = await db.Cases.FirstAsync(x => x.Id == joined, ct);
                    if (r.Child && !c.IsMinor)
                        await AgeAssessmentService.MakeChildAsync(db, audit, c, viewer, time.GetUtcNow(), ct);
                }
                else
                {
                    var view = await cases.CreateAsync(viewer, ToCaseInput(content, r), investigatorId, ct);
                    target = view.Id;
                    assignedNumber = view.Number;
                }
                desk.Acknowledge(r, viewer);
                r.Status = ReferralStatus.CaseOpened;
                r.CaseId = target;
                r.ClosedAt = time.GetUtcNow();
                Notify(r, investigatorId == viewer.UserId ? null : investigatorId, target, assignedNumber);
                return new Audited<Guid>(target, ReferralDesk.DeskEvent(ReferralsAudit.ReferralDispatched, viewer, r,
                    existingCaseId is null ? ReferralsAudit.OpenCase : ReferralsAudit.JoinCase));
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A second submission (or a colleague) dealt with it first; this transaction, and the case it made, rolled back.
            db.ChangeTracker.Clear();
            return (ReferralActionOutcome.Invalid, null, "Referral_AlreadyClosed");
        }
        signal.Pulse();
        return (ReferralActionOutcome.Done, caseId, null);
    }

    public async Task<ReferralActionOutcome> CloseAsync(Viewer viewer, Guid id, string? reason, CancellationToken ct = default)
    {
        var r = await desk.DeskReferralAsync(viewer, id, ct);
        if (r is null)
            return ReferralActionOutcome.NotFound;
        if (reason is null || !ReferralsAudit.CloseFor.TryGetValue(reason, out var purpose) || r.Status is ReferralStatus.CaseOpened or ReferralStatus.NotTakenForward)
            return ReferralActionOutcome.Invalid;
        try
        {
            await writes.RunAsync(viewer, ct =>
            {
                desk.Acknowledge(r, viewer);
                r.Status = ReferralStatus.NotTakenForward;
                r.ClosedAt = time.GetUtcNow();
                return Task.FromResult(new Audited<bool>(true, ReferralDesk.DeskEvent(ReferralsAudit.ReferralClosed, viewer, r, purpose)));
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ReferralActionOutcome.Invalid;
        }
        signal.Pulse();
        return ReferralActionOutcome.Done;
    }

    /// <summary>
    /// In the dispatch's transaction: the referrer hears that its referral was taken forward (by the referral's
    /// number, never the case's: the referrer keeps the status of what it sent, not the case it became; a child's
    /// referral only to the person who made it, as <see cref="ReferralVisibility"/> has it), and the investigator
    /// handed the new case hears it is theirs (unless they handed it to themselves).
    /// </summary>
    private void Notify(Referral r, Guid? investigatorId, Guid caseId, string? caseNumber)
    {
        var now = time.GetUtcNow();
        db.Notifications.Add(r.Child
            ? new Notification { RecipientUserId = r.ReferredBy, Kind = ReferralsAudit.TakenForward, CaseNumber = r.Number, CreatedAt = now }
            : new Notification { RecipientInstitutionId = r.ReferringInstitutionId, Kind = ReferralsAudit.TakenForward, CaseNumber = r.Number, CreatedAt = now });
        if (investigatorId is { } assignee && caseNumber is not null)
            db.Notifications.Add(new Notification { RecipientUserId = assignee, Kind = ReferralsAudit.CaseAssigned, CaseId = caseId, CaseNumber = caseNumber, CreatedAt = now });
    }

    private static CaseInput ToCaseInput(ReferralContent content, Referral r) => new()
    {
        GivenName = content.GivenName,
        FamilyName = content.FamilyName,
        Patronymic = content.Patronymic,
        DateOfBirth = content.DateOfBirth,
        Sex = content.Sex,
        Citizenship = content.Citizenship,
        Languages = content.Languages,
        DocumentNumber = content.DocumentNumber,
        Phone = content.Phone,
        Whereabouts = content.Whereabouts,
        Situation = string.Join("\n\n", new[] { content.Observations, content.Danger }.Where(s => !string.IsNullOrWhiteSpace(s))),
        IsMinor = r.Child,
    };
}
