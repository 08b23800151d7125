using System.Globalization;
using System.Text.Json;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Services;

/// <summary>
/// A person's services (the plan's §3b): the service plan and its goals, services referred to providers (through the
/// Protection module's onward referral, which holds the answer and the grant), the sessions providers deliver, compensation
/// claims and interpreter bookings. Who sees what: the plan, the services and the bookings are Care; a provider whose only
/// relation to the case is the service it delivers sees only the services referred to its institution; sessions need the
/// class of their service (Health for medical and psychological, Care for the rest); compensation is Legal. Only the
/// provider the service was referred to records its sessions, while the grant its acceptance opened is in force.
/// Every method answers null when the case is not visible (a 404), and errors by field (the empty key: a refusal) otherwise.
/// </summary>
public sealed class ServicePlanService(
    AriadneDbContext db, CaseAccess access, CaseHeaders headers, DataKeys dataKeys, AuditedWrites writes, AuditTrail audit,
    OnwardService onward, AssistanceConditions conditions, UiTime uiTime, TimeProvider time, IStringLocalizer<SharedResource> text)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const int MaxSessionMinutes = 600;

    /// <summary>The classes the Squad may share with a provider: the relation's row of the matrix (Status is always shared).</summary>
    public static IReadOnlyList<DataClass> Shareable { get; } =
        [.. CaseFields.Classes.Where(c => (AccessMatrix.Default[Relation.ServiceProvider].Read & c) == c).Where(c => c != DataClass.Status)];

    public sealed class GoalInput
    {
        /// <summary>The goal to change; empty for a new goal.</summary>
        public Guid? GoalId { get; set; }
        public ServiceType? Type { get; set; }
        public string? Text { get; set; }
        public GoalStatus? Status { get; set; }
        public DateOnly? TargetDate { get; set; }
    }

    public sealed class ReferInput
    {
        public ServiceType? Type { get; set; }
        public Guid? GoalId { get; set; }
        public Guid? ProviderInstitutionId { get; set; }
        public List<DataClass> Share { get; set; } = [];
        public string? Note { get; set; }
        /// <summary>Conditions on the service. A service is never conditional: any value is refused, and one tying it to the investigation is flagged (<see cref="AssistanceConditions"/>).</summary>
        public List<string?> Conditions { get; set; } = [];
    }

    public sealed class SessionInput
    {
        public DateOnly? HeldOn { get; set; }
        public int? Minutes { get; set; }
        public string? Outcome { get; set; }
    }

    public sealed class ClaimInput
    {
        public CompensationAgainst? Against { get; set; }
        public DateOnly? ClaimedOn { get; set; }
        public decimal? Amount { get; set; }
    }

    public sealed class ClaimStepInput
    {
        public Guid? ClaimId { get; set; }
        public CompensationStage? Stage { get; set; }
        public DateOnly? On { get; set; }
        public decimal? Amount { get; set; }
    }

    public sealed class BookingInput
    {
        public string? Language { get; set; }
        public DateOnly? On { get; set; }
        /// <summary>Hours and minutes in the deployment's time zone: "14:30".</summary>
        public string? Time { get; set; }
        public Guid? ServiceId { get; set; }
        public string? Purpose { get; set; }
    }

    /// <summary>A service's state as its people see it: the onward referral's answer, or ended.</summary>
    public enum ServiceState { Referred, InProgress, Declined, Withdrawn, Completed }

    internal sealed record SessionContent(DateOnly HeldOn, int Minutes, string Outcome);

    internal sealed record ClaimContent(CompensationAgainst Against, DateOnly ClaimedOn, decimal ClaimedAmount,
        DateOnly? AwardedOn = null, decimal? AwardedAmount = null, DateOnly? PaidOn = null, decimal? PaidAmount = null);

    public sealed record GoalRow(Guid Id, ServiceType Type, GoalStatus Status, DateOnly? TargetDate, string? Text);

    public sealed record SessionRow(Guid Id, Guid ServiceId, DateOnly HeldOn, int Minutes, string Outcome, DateTimeOffset RecordedAt);

    public sealed record ServiceRow(Guid Id, ServiceType Type, Guid? GoalId, string Provider, ServiceState State, DateTimeOffset ReferredAt,
        DateTimeOffset? EndedAt, bool SessionsVisible, IReadOnlyList<SessionRow> Sessions, bool CanRecord, bool CanEnd);

    public sealed record ClaimRow(Guid Id, CompensationStage Stage, CompensationAgainst Against, DateOnly ClaimedOn, decimal ClaimedAmount,
        DateOnly? AwardedOn, decimal? AwardedAmount, DateOnly? PaidOn, decimal? PaidAmount);

    public sealed record BookingRow(Guid Id, string Language, DateTimeOffset At, Guid? ServiceId, string? Purpose);

    public sealed record State(CaseRights Rights, string Number, CaseHeader? Header, bool PlanVisible, IReadOnlyList<GoalRow> Goals,
        IReadOnlyList<ServiceRow> Services, bool LegalVisible, IReadOnlyList<ClaimRow> Claims, IReadOnlyList<BookingRow> Bookings,
        bool CanPlan, bool CanRefer, bool CanClaim, bool CanBook);

    /// <summary>What the viewer holds on the case, for this module's rules.</summary>
    private sealed record Standing(CaseRights Rights, bool Manages, bool ProviderOnly, IReadOnlySet<Guid> Grants)
    {
        public bool ReadOnly => Rights.IsBreakGlass;
        public bool CanPlan => !ReadOnly && (Manages || (!ProviderOnly && Rights.CanWrite(DataClass.Care)));
        public bool CanRefer => !ReadOnly && Manages;
        public bool CanClaim => !ReadOnly && Rights.CanWrite(DataClass.Legal);
        public bool CanBook => !ReadOnly && (Manages || Rights.CanWrite(DataClass.Care));
        public bool PlanVisible => ProviderOnly || Rights.CanRead(DataClass.Care);
    }

    private async Task<Standing?> StandingAsync(Viewer viewer, Guid caseId, CancellationToken ct)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
            return null;
        var manages = !rights.IsBreakGlass && await access.ManagesAsync(viewer, caseId, ct);
        var grants = (await access.ActiveGrants(viewer).Where(g => g.CaseId == caseId).Select(g => g.Id).ToListAsync(ct)).ToHashSet();
        var providerOnly = rights.Relations.Count > 0 && rights.Relations.All(r => r == Relation.ServiceProvider);
        return new Standing(rights, manages, providerOnly, grants);
    }

    /// <summary>A provider whose only tie is the service sees only what was referred to its institution; everyone else who reads Care sees all.</summary>
    private static bool Sees(Standing s, Viewer viewer, ServiceReferral service) =>
        s.ProviderOnly ? service.ProviderInstitutionId == viewer.InstitutionId : s.Rights.CanRead(DataClass.Care);

    /// <summary>The provider's own side of a service: referred to its institution, accepted, not ended, and its grant in force now.</summary>
    private static bool ProviderSide(Standing s, Viewer viewer, ServiceReferral service, OnwardReferral o) =>
        !s.ReadOnly && s.Rights.Relations.Contains(Relation.ServiceProvider) && service.ProviderInstitutionId == viewer.InstitutionId
        && o.RecipientInstitutionId == viewer.InstitutionId && service.EndedAt is null && o.Status == OnwardStatus.Accepted
        && o.GrantId is { } grant && s.Grants.Contains(grant);

    private static ServiceState StateOf(ServiceReferral service, OnwardStatus status) => service.EndedAt is not null ? ServiceState.Completed : status switch
    {
        OnwardStatus.Pending => ServiceState.Referred,
        OnwardStatus.Accepted => ServiceState.InProgress,
        OnwardStatus.Declined => ServiceState.Declined,
        OnwardStatus.Withdrawn => ServiceState.Withdrawn,
        _ => ServiceState.Completed,
    };

    private static Dictionary<string, string[]> Refusal(string message) => new() { [string.Empty] = [message] };

    private async Task<Dictionary<string, string[]>?> DeniedAsync(Viewer viewer, Guid caseId, AuditPurpose purpose, CancellationToken ct)
    {
        await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, purpose), ct);
        return null;
    }

    public Task<State?> ReadAsync(Viewer viewer, Guid caseId, CancellationToken ct = default) => ReadAsync(viewer, caseId, ServicesAudit.View, ct);

    /// <summary>The case's services tab (or, without the header, the API's list). Each read is audited.</summary>
    public Task<State?> ReadAsync(Viewer viewer, Guid caseId, AuditPurpose purpose, CancellationToken ct = default) =>
        writes.RunAsync(viewer, async ct =>
        {
            var s = await StandingAsync(viewer, caseId, ct);
            if (s is null || !s.Rights.CanRead(DataClass.Status))
                return new Audited<State?>(null, AuditRecords.CaseDenied(viewer, caseId, purpose));
            var c = await db.Cases.AsNoTracking().Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var keyId = c.Person!.DataKeyId;
            byte[]? key = null;
            async Task<byte[]?> KeyAsync() => key ??= await dataKeys.UnwrapAsync(keyId, ct);

            var rows = await (from r in db.ServiceReferrals.AsNoTracking()
                              where r.CaseId == caseId
                              join o in db.OnwardReferrals on r.OnwardReferralId equals o.Id
                              join i in db.Institutions on r.ProviderInstitutionId equals i.Id
                              orderby r.ReferredAt
                              select new { r, o, i.Name }).ToListAsync(ct);
            var visible = rows.Where(x => Sees(s, viewer, x.r)).ToList();
            var readable = visible.Where(x => s.Rights.CanRead(ServiceClasses.Of(x.r.Type))).Select(x => x.r.Id).ToList();
            var sessions = new Dictionary<Guid, List<SessionRow>>();
            if (readable.Count > 0)
            {
                var stored = await db.ServiceSessions.AsNoTracking().Where(x => readable.Contains(x.ServiceReferralId)).ToListAsync(ct);
                if (stored.Count > 0 && await KeyAsync() is { } k)
                    foreach (var row in stored)
                    {
                        var json = row.HealthEnc is not null ? db.Open(row, x => x.HealthEnc, k, keyId) : db.Open(row, x => x.CareEnc, k, keyId);
                        if (json is null || JsonSerializer.Deserialize<SessionContent>(json, Json) is not { } content)
                            continue;
                        if (!sessions.TryGetValue(row.ServiceReferralId, out var list))
                            sessions[row.ServiceReferralId] = list = [];
                        list.Add(new SessionRow(row.Id, row.ServiceReferralId, content.HeldOn, content.Minutes, content.Outcome, row.RecordedAt));
                    }
            }
            var services = visible.Select(x =>
            {
                var provider = ProviderSide(s, viewer, x.r, x.o);
                var open = x.r.EndedAt is null && x.o.Status == OnwardStatus.Accepted;
                return new ServiceRow(x.r.Id, x.r.Type, x.r.GoalId, x.Name, StateOf(x.r, x.o.Status), x.r.ReferredAt, x.r.EndedAt ?? x.o.ClosedAt,
                    readable.Contains(x.r.Id), [.. sessions.GetValueOrDefault(x.r.Id, []).OrderByDescending(r => r.HeldOn).ThenByDescending(r => r.RecordedAt)],
                    provider && s.Rights.CanWrite(ServiceClasses.Of(x.r.Type)), open && (provider || s.Manages));
            }).ToList();

            var goals = new List<GoalRow>();
            if (s.PlanVisible)
            {
                var linked = visible.Where(x => x.r.GoalId is not null).Select(x => x.r.GoalId!.Value).ToHashSet();
                var stored = await db.ServiceGoals.AsNoTracking().Where(g => g.CaseId == caseId).OrderBy(g => g.CreatedAt).ToListAsync(ct);
                var shown = stored.Where(g => !s.ProviderOnly || linked.Contains(g.Id)).ToList();
                var k = shown.Count > 0 ? await KeyAsync() : null;
                goals = shown.Select(g => new GoalRow(g.Id, g.Type, g.Status, g.TargetDate, k is null ? null : db.Open(g, x => x.TextEnc, k, keyId))).ToList();
            }

            var claims = new List<ClaimRow>();
            var legal = s.Rights.CanRead(DataClass.Legal);
            if (legal)
            {
                var stored = await db.CompensationClaims.AsNoTracking().Where(x => x.CaseId == caseId).OrderBy(x => x.RecordedAt).ToListAsync(ct);
                if (stored.Count > 0 && await KeyAsync() is { } k)
                    foreach (var row in stored)
                        if (db.Open(row, x => x.ContentEnc, k, keyId) is { } json && JsonSerializer.Deserialize<ClaimContent>(json, Json) is { } cc)
                            claims.Add(new ClaimRow(row.Id, row.Stage, cc.Against, cc.ClaimedOn, cc.ClaimedAmount, cc.AwardedOn, cc.AwardedAmount, cc.PaidOn, cc.PaidAmount));
            }

            var bookings = new List<BookingRow>();
            if (s.PlanVisible)
            {
                var own = visible.Select(x => x.r.Id).ToHashSet();
                var stored = await db.InterpreterBookings.AsNoTracking().Where(b => b.CaseId == caseId).OrderBy(b => b.At).ToListAsync(ct);
                var shown = stored.Where(b => !s.ProviderOnly || (b.ServiceReferralId is { } sid && own.Contains(sid))).ToList();
                var k = shown.Count > 0 && s.Rights.CanRead(DataClass.Care) ? await KeyAsync() : null;
                bookings = shown.Select(b => new BookingRow(b.Id, b.Language, b.At, b.ServiceReferralId, k is null ? null : db.Open(b, x => x.PurposeEnc, k, keyId))).ToList();
            }

            var header = purpose == ServicesAudit.View ? await headers.BuildAsync(c, s.Rights, CaseTab.Services, ct) : null;
            var state = new State(s.Rights, c.Number, header, s.PlanVisible, goals, services, legal, claims, bookings, s.CanPlan, s.CanRefer, s.CanClaim, s.CanBook);
            return new Audited<State?>(state, new AuditRecord(CasesAudit.CaseViewed, TargetType: AuditTarget.Case, TargetId: caseId, CaseId: caseId,
                Relation: s.Rights.Through, Purpose: purpose));
        }, ct);

    /// <summary>Adds a goal to the plan, or changes one (its status, target date, text).</summary>
    public async Task<Dictionary<string, string[]>?> SaveGoalAsync(Viewer viewer, Guid caseId, GoalInput input, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, caseId, ct);
        if (s is null)
            return await DeniedAsync(viewer, caseId, ServicesAudit.Plan, ct);
        if (!s.CanPlan)
            return Refusal(text["Services_PlanNotWritable"]);
        if (await access.IsErasedAsync(caseId, ct))
            return Refusal(text["Case_Erased"]);
        var existing = input.GoalId is { } gid ? await db.ServiceGoals.FirstOrDefaultAsync(g => g.Id == gid && g.CaseId == caseId, ct) : null;
        if (input.GoalId is not null && existing is null)
            return Refusal(text["Goal_NotFound"]);
        var errors = new Dictionary<string, string[]>();
        var today = uiTime.Today;
        // A new goal needs its service and its text; a change keeps what it does not give.
        if (input.Type is { } type ? !Enum.IsDefined(type) : existing is null)
            errors[nameof(GoalInput.Type)] = [text["Service_TypeRequired"]];
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            if (existing is null)
                errors[nameof(GoalInput.Text)] = [text["Goal_TextRequired"]];
        }
        else if (input.Text.Trim().Length > 1000)
            errors[nameof(GoalInput.Text)] = [text["Validation_TooLong", 1000]];
        if (input.Status is { } status && !Enum.IsDefined(status))
            errors[nameof(GoalInput.Status)] = [text["Goal_StatusRequired"]];
        if (input.TargetDate is { } target && (target > today.AddYears(5) || (existing is null && target < today)))
            errors[nameof(GoalInput.TargetDate)] = [text["Goal_TargetInvalid"]];
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            var keyId = await db.Cases.Where(x => x.Id == caseId).Select(x => x.Person!.DataKeyId).FirstAsync(ct);
            var key = await dataKeys.UnwrapAsync(keyId, ct) ?? throw new InvalidOperationException("Erased.");
            var now = time.GetUtcNow();
            var goal = existing ?? new ServiceGoal { CaseId = caseId, CreatedAt = now, CreatedBy = viewer.UserId };
            goal.Type = input.Type ?? goal.Type;
            goal.Status = input.Status ?? goal.Status;
            goal.TargetDate = input.TargetDate ?? goal.TargetDate;
            goal.UpdatedAt = now;
            goal.UpdatedBy = viewer.UserId;
            if (!string.IsNullOrWhiteSpace(input.Text))
                goal.TextEnc = db.Seal(goal, g => g.TextEnc, input.Text.Trim(), key, keyId);
            if (existing is null)
                db.ServiceGoals.Add(goal);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ServicesAudit.GoalSaved, TargetType: ServicesAudit.Goal, TargetId: goal.Id, CaseId: caseId,
                Relation: s.Rights.Through, Purpose: ServicesAudit.Plan));
        }, ct);
        return errors;
    }

    /// <summary>
    /// The Squad refers a service to a provider: the service record and, in the same transaction, the onward referral that
    /// carries it (with the consent checks and the classes shared). When an onward referral to that provider is already open,
    /// the service joins it (its answer and its grant).
    /// </summary>
    public async Task<Dictionary<string, string[]>?> ReferAsync(Viewer viewer, Guid caseId, ReferInput input, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, caseId, ct);
        if (s is null)
            return await DeniedAsync(viewer, caseId, ServicesAudit.Refer, ct);
        // The same rule as a shelter stay's conditions, checked first so that a forged post is flagged whoever sends it.
        if (await conditions.RefuseConditionalAsync(viewer, caseId, nameof(ReferInput.Conditions), input.Conditions, ServicesAudit.Refer, ct) is { } conditional)
            return conditional;
        if (!s.CanRefer)
            return Refusal(text["Services_ReferNotAllowed"]);
        var errors = new Dictionary<string, string[]>();
        if (input.Conditions.Any(c => !string.IsNullOrWhiteSpace(c)))
            errors[nameof(ReferInput.Conditions)] = [text["Service_NoConditions"]];
        if (input.Type is not { } type || !Enum.IsDefined(type))
            errors[nameof(ReferInput.Type)] = [text["Service_TypeRequired"]];
        if (input.GoalId is { } goalId && !await db.ServiceGoals.AnyAsync(g => g.Id == goalId && g.CaseId == caseId, ct))
            errors[nameof(ReferInput.GoalId)] = [text["Service_GoalInvalid"]];
        if (input.ProviderInstitutionId is not { } providerId)
            errors[nameof(ReferInput.ProviderInstitutionId)] = [text["Service_ProviderRequired"]];
        if (errors.Count > 0)
            return errors;
        try
        {
            await writes.RunAsync(viewer, async ct =>
            {
                var open = await db.OnwardReferrals.FirstOrDefaultAsync(o => o.CaseId == caseId && o.RecipientInstitutionId == input.ProviderInstitutionId
                    && o.Relation == Relation.ServiceProvider && (o.Status == OnwardStatus.Pending || o.Status == OnwardStatus.Accepted), ct);
                if (open is null)
                {
                    var sent = await onward.SendAsync(viewer, caseId, new OnwardService.OnwardInput
                    {
                        Relation = Relation.ServiceProvider,
                        RecipientInstitutionId = input.ProviderInstitutionId,
                        Share = input.Share,
                        Note = input.Note,
                    }, ct);
                    if (sent is not { Count: 0 })
                        throw new Refused(sent ?? Refusal(text["Case_NotWritable"]));
                    open = await db.OnwardReferrals.FirstAsync(o => o.CaseId == caseId && o.RecipientInstitutionId == input.ProviderInstitutionId
                        && o.Relation == Relation.ServiceProvider && o.Status == OnwardStatus.Pending, ct);
                }
                var service = new ServiceReferral
                {
                    CaseId = caseId,
                    GoalId = input.GoalId,
                    OnwardReferralId = open.Id,
                    Type = input.Type!.Value,
                    ProviderInstitutionId = open.RecipientInstitutionId,
                    ReferredAt = time.GetUtcNow(),
                    ReferredBy = viewer.UserId,
                };
                db.ServiceReferrals.Add(service);
                if (input.GoalId is { } linked && await db.ServiceGoals.FirstOrDefaultAsync(g => g.Id == linked, ct) is { Status: GoalStatus.Planned } goal)
                {
                    goal.Status = GoalStatus.InProgress;
                    goal.UpdatedAt = service.ReferredAt;
                    goal.UpdatedBy = viewer.UserId;
                }
                await db.SaveChangesAsync(ct);
                return new Audited<bool>(true, new AuditRecord(ServicesAudit.Referred, TargetType: ServicesAudit.Service, TargetId: service.Id, CaseId: caseId,
                    Relation: s.Rights.Through, Purpose: ServicesAudit.Refer.For(service.Type)));
            }, ct);
        }
        catch (Refused refused)
        {
            // The onward referral refused (consent, recipient, classes): nothing of the service was saved either.
            db.ChangeTracker.Clear();
            return refused.Errors.ToDictionary(e => e.Key switch
            {
                nameof(OnwardService.OnwardInput.RecipientInstitutionId) => nameof(ReferInput.ProviderInstitutionId),
                _ => e.Key,
            }, e => e.Value);
        }
        return errors;
    }

    /// <summary>Carries the onward referral's errors out of the transaction, which then rolls back.</summary>
    private sealed class Refused(Dictionary<string, string[]> errors) : Exception("The onward referral was refused.")
    {
        public Dictionary<string, string[]> Errors { get; } = errors;
    }

    /// <summary>
    /// The provider answers a service's referral (the onward referral that carries it, with every service it carries):
    /// accepting opens the grant, declining needs a reason. Null when the referral is not in the viewer's inbox.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> AnswerAsync(Viewer viewer, Guid serviceId, OnwardService.Answer answer, DeclineReason? reason, CancellationToken ct = default)
    {
        var service = await db.ServiceReferrals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == serviceId, ct);
        if (service is null || !await access.OnwardInbox(viewer).AnyAsync(o => o.Id == service.OnwardReferralId, ct))
        {
            await audit.RecordAsync(new AuditRecord(ServicesAudit.Referred, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId,
                ServicesAudit.Service, serviceId, service?.CaseId, Purpose: ServicesAudit.Answer), ct);
            return null;
        }
        if (answer == OnwardService.Answer.Decline && (reason is not { } given || !Enum.IsDefined(given)))
            return new() { ["Reason"] = [text["Service_DeclineReasonRequired"]] };
        if (answer == OnwardService.Answer.Complete)
            return await EndAsync(viewer, serviceId, ct);
        return await onward.AnswerAsync(viewer, service.OnwardReferralId, answer, reason, ct) ? [] : Refusal(text["Service_AlreadyAnswered"]);
    }

    /// <summary>
    /// Ends a service (the provider that delivers it, or the Squad): when it is the last open service its onward referral
    /// carries, the referral completes and the provider's grant ends with it, in the same transaction.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> EndAsync(Viewer viewer, Guid serviceId, CancellationToken ct = default)
    {
        var service = await db.ServiceReferrals.FirstOrDefaultAsync(x => x.Id == serviceId, ct);
        var s = service is null ? null : await StandingAsync(viewer, service.CaseId, ct);
        if (service is null || s is null || !Sees(s, viewer, service))
        {
            await audit.RecordAsync(new AuditRecord(ServicesAudit.Ended, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId,
                ServicesAudit.Service, serviceId, service?.CaseId, Purpose: ServicesAudit.End), ct);
            return null;
        }
        var o = await db.OnwardReferrals.FirstAsync(x => x.Id == service.OnwardReferralId, ct);
        if (!(s.Manages || ProviderSide(s, viewer, service, o)))
            return Refusal(text["Service_NotYours"]);
        if (service.EndedAt is not null || o.Status != OnwardStatus.Accepted)
            return Refusal(text["Service_NotInProgress"]);
        try
        {
            await writes.RunAsync(viewer, async ct =>
            {
                var now = time.GetUtcNow();
                service.EndedAt = now;
                service.EndedBy = viewer.UserId;
                await db.SaveChangesAsync(ct);
                if (!await db.ServiceReferrals.AnyAsync(x => x.OnwardReferralId == o.Id && x.EndedAt == null, ct))
                {
                    await onward.EndAsync(o, OnwardStatus.Completed, viewer, now, ct);
                    await db.SaveChangesAsync(ct);
                }
                return new Audited<bool>(true, new AuditRecord(ServicesAudit.Ended, TargetType: ServicesAudit.Service, TargetId: service.Id,
                    CaseId: service.CaseId, Relation: s.Rights.Through, Purpose: ServicesAudit.End));
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The onward referral changed meanwhile (withdrawn, completed by the Squad): nothing was saved.
            db.ChangeTracker.Clear();
            return Refusal(text["Service_NotInProgress"]);
        }
        return [];
    }

    /// <summary>Everything a session needs before it is written, or the errors: not visible (null), refused, or bad input.</summary>
    private async Task<(Dictionary<string, string[]>? Errors, ServiceReferral? Service, Standing? Standing)> CheckSessionAsync(
        Viewer viewer, Guid serviceId, SessionInput input, CancellationToken ct)
    {
        var service = await db.ServiceReferrals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == serviceId, ct);
        var s = service is null ? null : await StandingAsync(viewer, service.CaseId, ct);
        if (service is null || s is null || !Sees(s, viewer, service))
        {
            await audit.RecordAsync(new AuditRecord(ServicesAudit.SessionRecorded, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId,
                ServicesAudit.Service, serviceId, service?.CaseId, Purpose: ServicesAudit.Deliver), ct);
            return (null, null, null);
        }
        var o = await db.OnwardReferrals.AsNoTracking().FirstAsync(x => x.Id == service.OnwardReferralId, ct);
        if (!ProviderSide(s, viewer, service, o))
            return (Refusal(text[service.EndedAt is null && o.Status == OnwardStatus.Accepted ? "Session_NotYours" : "Service_NotInProgress"]), service, s);
        if (!s.Rights.CanWrite(ServiceClasses.Of(service.Type)))
            return (Refusal(text["Session_ClassNotShared"]), service, s);
        if (await access.IsErasedAsync(service.CaseId, ct))
            return (Refusal(text["Case_Erased"]), service, s);
        var errors = new Dictionary<string, string[]>();
        var today = uiTime.Today;
        var referred = uiTime.DayOf(service.ReferredAt);
        if (input.HeldOn is not { } held || held > today || held < referred)
            errors[nameof(SessionInput.HeldOn)] = [text["Session_DateInvalid"]];
        if (input.Minutes is not { } minutes || minutes < 1 || minutes > MaxSessionMinutes)
            errors[nameof(SessionInput.Minutes)] = [text["Session_MinutesInvalid", MaxSessionMinutes]];
        if (string.IsNullOrWhiteSpace(input.Outcome))
            errors[nameof(SessionInput.Outcome)] = [text["Session_OutcomeRequired"]];
        else if (input.Outcome.Trim().Length > 4000)
            errors[nameof(SessionInput.Outcome)] = [text["Validation_TooLong", 4000]];
        return (errors, service, s);
    }

    private async Task<Audited<SessionRow>> WriteSessionAsync(Viewer viewer, ServiceReferral service, Standing s, SessionInput input, CancellationToken ct)
    {
        var keyId = await db.Cases.Where(x => x.Id == service.CaseId).Select(x => x.Person!.DataKeyId).FirstAsync(ct);
        var key = await dataKeys.UnwrapAsync(keyId, ct) ?? throw new InvalidOperationException("Erased.");
        var session = new ServiceSession
        {
            CaseId = service.CaseId,
            ServiceReferralId = service.Id,
            RecordedAt = time.GetUtcNow(),
            RecordedBy = viewer.UserId,
            RecordedByInstitutionId = viewer.InstitutionId,
        };
        var content = new SessionContent(input.HeldOn!.Value, input.Minutes!.Value, input.Outcome!.Trim());
        var json = JsonSerializer.Serialize(content, Json);
        if (ServiceClasses.IsHealth(service.Type))
            session.HealthEnc = db.Seal(session, x => x.HealthEnc, json, key, keyId);
        else
            session.CareEnc = db.Seal(session, x => x.CareEnc, json, key, keyId);
        db.ServiceSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return new Audited<SessionRow>(new SessionRow(session.Id, service.Id, content.HeldOn, content.Minutes, content.Outcome, session.RecordedAt),
            new AuditRecord(ServicesAudit.SessionRecorded, TargetType: ServicesAudit.Session, TargetId: session.Id, CaseId: service.CaseId,
                Relation: s.Rights.Through, Purpose: ServicesAudit.Deliver.For(service.Type)), session.Id);
    }

    /// <summary>The provider records a session it delivered. Null when the service is not visible.</summary>
    public async Task<Dictionary<string, string[]>?> RecordSessionAsync(Viewer viewer, Guid serviceId, SessionInput input, CancellationToken ct = default)
    {
        var (errors, service, s) = await CheckSessionAsync(viewer, serviceId, input, ct);
        if (errors is null || errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, ct => WriteSessionAsync(viewer, service!, s!, input, ct), ct);
        return errors;
    }

    public sealed record SessionOnce(Dictionary<string, string[]>? Errors, OnceOutcome Outcome, SessionRow? Session);

    /// <summary>The API's session: the same rules, once per <c>Idempotency-Key</c> (the same key and body → the first session).</summary>
    public async Task<SessionOnce> RecordSessionOnceAsync(Viewer viewer, Guid serviceId, SessionInput input, IdempotentRequest request, CancellationToken ct = default)
    {
        var (errors, service, s) = await CheckSessionAsync(viewer, serviceId, input, ct);
        if (errors is null || errors.Count > 0)
            return new SessionOnce(errors, OnceOutcome.Done, null);
        var (outcome, session) = await writes.RunOnceAsync(viewer, request, ct => WriteSessionAsync(viewer, service!, s!, input, ct),
            async (id, ct) => (await ReadAsync(viewer, service!.CaseId, ServicesAudit.ApiView, ct))?.Services.SelectMany(x => x.Sessions).FirstOrDefault(x => x.Id == id)!, ct);
        return new SessionOnce([], outcome, session);
    }

    /// <summary>A compensation claim is recorded (Legal: the prosecutor's or the court's side of the case).</summary>
    public async Task<Dictionary<string, string[]>?> ClaimAsync(Viewer viewer, Guid caseId, ClaimInput input, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, caseId, ct);
        if (s is null)
            return await DeniedAsync(viewer, caseId, ServicesAudit.Compensation, ct);
        if (!s.CanClaim)
            return Refusal(text["Claim_NotWritable"]);
        if (await access.IsErasedAsync(caseId, ct))
            return Refusal(text["Case_Erased"]);
        var errors = new Dictionary<string, string[]>();
        if (input.Against is not { } against || !Enum.IsDefined(against))
            errors[nameof(ClaimInput.Against)] = [text["Claim_AgainstRequired"]];
        CheckDay(errors, nameof(ClaimInput.ClaimedOn), input.ClaimedOn, null);
        CheckAmount(errors, nameof(ClaimInput.Amount), input.Amount);
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            var keyId = await db.Cases.Where(x => x.Id == caseId).Select(x => x.Person!.DataKeyId).FirstAsync(ct);
            var key = await dataKeys.UnwrapAsync(keyId, ct) ?? throw new InvalidOperationException("Erased.");
            var now = time.GetUtcNow();
            var claim = new CompensationClaim { CaseId = caseId, RecordedAt = now, RecordedBy = viewer.UserId, UpdatedAt = now, UpdatedBy = viewer.UserId };
            var content = new ClaimContent(input.Against!.Value, input.ClaimedOn!.Value, input.Amount!.Value);
            claim.ContentEnc = db.Seal(claim, x => x.ContentEnc, JsonSerializer.Serialize(content, Json), key, keyId);
            db.CompensationClaims.Add(claim);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ServicesAudit.CompensationSaved, TargetType: ServicesAudit.Claim, TargetId: claim.Id, CaseId: caseId,
                Relation: s.Rights.Through, Purpose: ServicesAudit.Compensation.For(CompensationStage.Claimed)));
        }, ct);
        return errors;
    }

    /// <summary>A claim moves on: claimed → awarded (date, amount) → paid (date, amount). No step is skipped or repeated.</summary>
    public async Task<Dictionary<string, string[]>?> AdvanceClaimAsync(Viewer viewer, Guid caseId, ClaimStepInput input, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, caseId, ct);
        if (s is null)
            return await DeniedAsync(viewer, caseId, ServicesAudit.Compensation, ct);
        if (!s.CanClaim)
            return Refusal(text["Claim_NotWritable"]);
        var claim = input.ClaimId is { } id ? await db.CompensationClaims.FirstOrDefaultAsync(x => x.Id == id && x.CaseId == caseId, ct) : null;
        if (claim is null)
            return Refusal(text["Claim_NotFound"]);
        var keyId = await db.Cases.Where(x => x.Id == caseId).Select(x => x.Person!.DataKeyId).FirstAsync(ct);
        var key = await dataKeys.UnwrapAsync(keyId, ct);
        if (key is null)
            return Refusal(text["Case_Erased"]);
        var content = JsonSerializer.Deserialize<ClaimContent>(db.Open(claim, x => x.ContentEnc, key, keyId)!, Json)!;
        var errors = new Dictionary<string, string[]>();
        var expected = claim.Stage switch { CompensationStage.Claimed => CompensationStage.Awarded, CompensationStage.Awarded => CompensationStage.Paid, _ => (CompensationStage?)null };
        if (input.Stage is not { } stage || stage != expected)
            return new() { [nameof(ClaimStepInput.Stage)] = [text["Claim_StepInvalid"]] };
        CheckDay(errors, nameof(ClaimStepInput.On), input.On, stage == CompensationStage.Awarded ? content.ClaimedOn : content.AwardedOn);
        CheckAmount(errors, nameof(ClaimStepInput.Amount), input.Amount);
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            content = stage == CompensationStage.Awarded
                ? content with { AwardedOn = input.On, AwardedAmount = input.Amount }
                : content with { PaidOn = input.On, PaidAmount = input.Amount };
            claim.Stage = stage;
            claim.UpdatedAt = time.GetUtcNow();
            claim.UpdatedBy = viewer.UserId;
            claim.ContentEnc = db.Seal(claim, x => x.ContentEnc, JsonSerializer.Serialize(content, Json), key, keyId);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ServicesAudit.CompensationSaved, TargetType: ServicesAudit.Claim, TargetId: claim.Id, CaseId: caseId,
                Relation: s.Rights.Through, Purpose: ServicesAudit.Compensation.For(stage)));
        }, ct);
        return errors;
    }

    private void CheckDay(Dictionary<string, string[]> errors, string field, DateOnly? day, DateOnly? notBefore)
    {
        var today = uiTime.Today;
        if (day is not { } d || d > today || d < new DateOnly(1990, 1, 1) || (notBefore is { } earliest && d < earliest))
            errors[field] = [text["Claim_DateInvalid"]];
    }

    private void CheckAmount(Dictionary<string, string[]> errors, string field, decimal? amount)
    {
        if (amount is not { } a || a <= 0 || a > 100_000_000m || decimal.Round(a, 2) != a)
            errors[field] = [text["Claim_AmountInvalid"]];
    }

    /// <summary>Books an interpreter in a language for a time, for one of the person's services or another appointment.</summary>
    public async Task<Dictionary<string, string[]>?> BookInterpreterAsync(Viewer viewer, Guid caseId, BookingInput input, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, caseId, ct);
        if (s is null)
            return await DeniedAsync(viewer, caseId, ServicesAudit.Interpret, ct);
        if (!s.CanBook)
            return Refusal(text["Booking_NotWritable"]);
        if (await access.IsErasedAsync(caseId, ct))
            return Refusal(text["Case_Erased"]);
        var errors = new Dictionary<string, string[]>();
        if (!Languages.IsKnown(input.Language) || input.Language!.Trim().Length != 2)
            errors[nameof(BookingInput.Language)] = [text["Booking_LanguageInvalid"]];
        var today = uiTime.Today;
        if (input.On is not { } on || on < today || on > today.AddYears(1))
            errors[nameof(BookingInput.On)] = [text["Booking_DateInvalid"]];
        if (!TimeOnly.TryParseExact(input.Time?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            errors[nameof(BookingInput.Time)] = [text["Booking_TimeInvalid"]];
        if (input.ServiceId is { } serviceId)
        {
            var service = await db.ServiceReferrals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == serviceId && x.CaseId == caseId, ct);
            if (service is null || !Sees(s, viewer, service))
                errors[nameof(BookingInput.ServiceId)] = [text["Booking_ServiceInvalid"]];
        }
        else if (s.ProviderOnly)
            errors[nameof(BookingInput.ServiceId)] = [text["Booking_ServiceInvalid"]]; // a provider books for its own service only
        else if (string.IsNullOrWhiteSpace(input.Purpose))
            errors[nameof(BookingInput.Purpose)] = [text["Booking_PurposeRequired"]];
        if (input.Purpose?.Trim().Length > 500)
            errors[nameof(BookingInput.Purpose)] = [text["Validation_TooLong", 500]];
        if (errors.Count > 0)
            return errors;
        var local = input.On!.Value.ToDateTime(at);
        var moment = new DateTimeOffset(local, uiTime.Zone.GetUtcOffset(local));
        if (moment < time.GetUtcNow())
            return new() { [nameof(BookingInput.Time)] = [text["Booking_DateInvalid"]] };
        await writes.RunAsync(viewer, async ct =>
        {
            var keyId = await db.Cases.Where(x => x.Id == caseId).Select(x => x.Person!.DataKeyId).FirstAsync(ct);
            var key = await dataKeys.UnwrapAsync(keyId, ct) ?? throw new InvalidOperationException("Erased.");
            var booking = new InterpreterBooking
            {
                CaseId = caseId,
                ServiceReferralId = input.ServiceId,
                Language = input.Language!.Trim().ToLowerInvariant(),
                At = moment.ToUniversalTime(),
                BookedAt = time.GetUtcNow(),
                BookedBy = viewer.UserId,
            };
            booking.PurposeEnc = db.Seal(booking, x => x.PurposeEnc, ProtectionRules.Blank(input.Purpose), key, keyId);
            db.InterpreterBookings.Add(booking);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ServicesAudit.InterpreterBooked, TargetType: ServicesAudit.Booking, TargetId: booking.Id, CaseId: caseId,
                Relation: s.Rights.Through, Purpose: ServicesAudit.Interpret));
        }, ct);
        return errors;
    }
}
