using System.Text.Json;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Staff;

/// <summary>
/// Separation of duties between the platform administrator and the institutions (issue 9, item 4).
/// In every institution except the platform administration itself, what the administrator asks for —
/// membership of a new account, roles, training, a new password — waits until the institution's own
/// responsible person confirms it: a holder of the institution's head role (<see cref="HeadRoles"/>),
/// active, not the person concerned and not the one who asked. An institution with no such person yet
/// (a new deployment) is confirmed by oversight (an auditor); the oversight body itself only by another
/// auditor. An administrator never confirms. A temporary password is shown to the confirming person,
/// once, never to the administrator. Oversight is told of every request and every decision.
/// </summary>
public sealed class AccountConfirmations(AriadneDbContext db, UserManager<AriadneUser> users, AuditedWrites writes, TimeProvider time, UiTime uiTime)
{
    public sealed record RolesRequest(List<string> Roles, bool Liaison);
    public sealed record TrainingRequest(TrainingTopic Topic, string Course, string Provider, DateOnly CompletedOn, DateOnly? ValidUntil = null);

    public sealed record PendingRow(Guid Id, Guid UserId, string UserName, string DisplayName, string Institution, string Kind,
        RolesRequest? Roles, TrainingRequest? Training, DateTimeOffset RequestedAt);

    /// <summary>The outcome of a decision: an error key, or the temporary password to hand over (approved membership or password).</summary>
    public sealed record Decision(string? ErrorKey, string? TemporaryPassword = null);

    /// <summary>Every institution but the platform administration confirms its own staff.</summary>
    public static bool NeedsConfirmation(InstitutionKind kind) => kind != InstitutionKind.PlatformAdministration;

    /// <summary>
    /// The roles whose holders confirm changes in an institution of this kind: its head where the catalogue
    /// names one, otherwise any role of the institution (a colleague already confirmed).
    /// </summary>
    public static IReadOnlyList<string> HeadRoles(InstitutionKind kind) => kind switch
    {
        InstitutionKind.AntiTraffickingSquad => [RoleCatalog.SquadChief],
        InstitutionKind.Shelter => [RoleCatalog.ShelterManager],
        InstitutionKind.Helpline => [RoleCatalog.HelplineSupervisor],
        InstitutionKind.NationalCoordinator => [RoleCatalog.Coordinator],
        InstitutionKind.Oversight => [RoleCatalog.Auditor],
        InstitutionKind.PlatformAdministration => [],
        _ => RoleCatalog.For(kind).Select(r => r.Name).ToList(),
    };

    public static string Serialize(RolesRequest request) => JsonSerializer.Serialize(request);
    public static RolesRequest? RolesOf(AccountChange change) =>
        change.Kind == AccountChange.Roles ? JsonSerializer.Deserialize<RolesRequest>(change.Payload!) : null;
    public static TrainingRequest? TrainingOf(AccountChange change) =>
        change.Kind == AccountChange.Training ? JsonSerializer.Deserialize<TrainingRequest>(change.Payload!) : null;
    public static string Serialize(TrainingRequest request) => JsonSerializer.Serialize(request);

    /// <summary>Records a request of the administrator, with notices to the institution and to oversight (inside the caller's transaction).</summary>
    public async Task<AccountChange> RequestAsync(Viewer admin, AriadneUser user, string kind, string? payload, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var change = new AccountChange
        {
            UserId = user.Id,
            InstitutionId = user.InstitutionId,
            Kind = kind,
            Payload = payload,
            RequestedBy = admin.UserId,
            RequestedAt = now,
        };
        db.AccountChanges.Add(change);
        db.Notifications.Add(new Notification { RecipientInstitutionId = user.InstitutionId, Kind = StaffAudit.AccountPending, CreatedAt = now });
        NotifyOversight(StaffAudit.AccountAdminAction, now);
        await db.SaveChangesAsync(ct);
        return change;
    }

    /// <summary>Tells oversight (every auditor) that an account was changed by the administrator or by a confirmation.</summary>
    public void NotifyOversight(NotificationKind kind, DateTimeOffset now) =>
        db.Notifications.Add(new Notification { RecipientRole = RoleCatalog.Auditor, Kind = kind, CreatedAt = now });

    /// <summary>The topics of training waiting for confirmation that would count on <paramref name="today"/>.</summary>
    public async Task<HashSet<TrainingTopic>> PendingTrainingAsync(Guid userId, DateOnly today, CancellationToken ct = default)
    {
        var payloads = await db.AccountChanges.AsNoTracking()
            .Where(c => c.UserId == userId && c.Kind == AccountChange.Training && c.DecidedAt == null).Select(c => c.Payload!).ToListAsync(ct);
        return payloads.Select(p => JsonSerializer.Deserialize<TrainingRequest>(p)!)
            .Select(t => new TrainingRecord { Topic = t.Topic, Course = t.Course, Provider = t.Provider, CompletedOn = t.CompletedOn, ValidUntil = t.ValidUntil })
            .Where(t => t.IsCurrent(today)).Select(t => t.Topic).ToHashSet();
    }

    public Task<List<AccountChange>> PendingOfAsync(Guid userId, CancellationToken ct = default) =>
        db.AccountChanges.AsNoTracking().Where(c => c.UserId == userId && c.DecidedAt == null).OrderBy(c => c.RequestedAt).ToListAsync(ct);

    /// <summary>The pending changes this person may confirm.</summary>
    public async Task<IReadOnlyList<PendingRow>> PendingForAsync(Guid confirmerId, CancellationToken ct = default)
    {
        var pending = await (from c in db.AccountChanges.AsNoTracking()
                             where c.DecidedAt == null
                             join u in db.Users on c.UserId equals u.Id
                             join i in db.Institutions on c.InstitutionId equals i.Id
                             orderby c.RequestedAt
                             select new { c, u.UserName, u.DisplayName, Institution = i.Name }).Take(500).ToListAsync(ct);
        var rows = new List<PendingRow>();
        var confirmer = await ConfirmerAsync(confirmerId, ct);
        if (confirmer is null)
            return rows;
        var cache = new Dictionary<(Guid, Guid, Guid), bool>();
        foreach (var p in pending)
        {
            var key = (p.c.InstitutionId, p.c.UserId, p.c.RequestedBy);
            if (!cache.TryGetValue(key, out var may))
                cache[key] = may = await MayConfirmAsync(confirmer, p.c, ct);
            if (may)
                rows.Add(new PendingRow(p.c.Id, p.c.UserId, p.UserName!, p.DisplayName, p.Institution, p.c.Kind,
                    RolesOf(p.c), TrainingOf(p.c),
                    p.c.RequestedAt));
        }
        return rows;
    }

    /// <summary>
    /// Whether this person may confirm the change: never its subject or its requester, never an administrator,
    /// never a disabled account; a head of the institution; or, while the institution has no head, an auditor.
    /// </summary>
    public async Task<bool> MayConfirmAsync(Guid confirmerId, AccountChange change, CancellationToken ct = default) =>
        await ConfirmerAsync(confirmerId, ct) is { } confirmer && await MayConfirmAsync(confirmer, change, ct);

    /// <summary>Who may confirm at all: an active account without the Administrator role (read once per page, not per change).</summary>
    private sealed record Confirmer(Guid Id, Guid InstitutionId, InstitutionKind Kind, List<string> Roles);

    private async Task<Confirmer?> ConfirmerAsync(Guid confirmerId, CancellationToken ct)
    {
        var account = await db.Users.AsNoTracking().Where(u => u.Id == confirmerId && !u.IsDisabled)
            .Select(u => new { u.InstitutionId, Kind = u.Institution!.Kind }).FirstOrDefaultAsync(ct);
        if (account is null)
            return null;
        var roles = await RolesOfAsync(confirmerId, ct);
        return roles.Contains(RoleCatalog.Administrator) ? null : new Confirmer(confirmerId, account.InstitutionId, account.Kind, roles);
    }

    private async Task<bool> MayConfirmAsync(Confirmer confirmer, AccountChange change, CancellationToken ct)
    {
        if (confirmer.Id == change.UserId || confirmer.Id == change.RequestedBy)
            return false;
        var roles = confirmer.Roles;
        var kind = await db.Institutions.Where(i => i.Id == change.InstitutionId).Select(i => i.Kind).FirstAsync(ct);
        var heads = HeadRoles(kind);
        if (confirmer.InstitutionId == change.InstitutionId && roles.Any(heads.Contains))
            return true;
        // Bootstrap: nobody can confirm inside the institution yet, so oversight does (never for the oversight body itself).
        return kind != InstitutionKind.Oversight && confirmer.Kind == InstitutionKind.Oversight && roles.Contains(RoleCatalog.Auditor)
               && !await HasHeadAsync(change.InstitutionId, heads, change.UserId, ct);
    }

    /// <summary>Whether the institution has an active holder of a head role other than <paramref name="except"/>.</summary>
    public Task<bool> HasHeadAsync(Guid institutionId, IReadOnlyList<string> heads, Guid except, CancellationToken ct = default)
    {
        var names = heads.ToList();
        return (from u in db.Users
                where u.InstitutionId == institutionId && !u.IsDisabled && u.Id != except
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where names.Contains(r.Name!)
                select u.Id).AnyAsync(ct);
    }

    private Task<List<string>> RolesOfAsync(Guid userId, CancellationToken ct) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToListAsync(ct);

    /// <summary>Approves or refuses one pending change, audited in the same transaction.</summary>
    public async Task<Decision> DecideAsync(Viewer confirmer, Guid changeId, bool approve, CancellationToken ct = default)
    {
        var change = await db.AccountChanges.FirstOrDefaultAsync(c => c.Id == changeId && c.DecidedAt == null, ct);
        if (change is null || !await MayConfirmAsync(confirmer.UserId, change, ct))
            return new Decision("Confirm_NotFound");
        var user = await db.Users.Include(u => u.Trainings).Include(u => u.Institution).FirstAsync(u => u.Id == change.UserId, ct);

        string? error = null;
        RolesRequest? roles = null;
        if (approve && change.Kind == AccountChange.Roles)
        {
            roles = JsonSerializer.Deserialize<RolesRequest>(change.Payload!)!;
            var trainings = TrainingRecord.CurrentTopics(user.Trainings, uiTime.Today);
            var problems = RoleCatalog.Check(user.Institution!.Kind, roles.Roles, trainings, roles.Liaison);
            if (problems.Count > 0)
                error = problems.Any(p => p.MessageKey == "Error_RoleNeedsTraining" || p.MessageKey == "Error_LiaisonNeedsTraining")
                    ? "Confirm_TrainingFirst" : "Confirm_NoLongerValid";
            else if (roles.Liaison && await db.Users.AnyAsync(u => u.InstitutionId == user.InstitutionId && u.IsLiaisonOfficer && u.Id != user.Id, ct))
                error = "Error_LiaisonAlreadyDesignated";
        }
        if (approve && user.IsDisabled && change.Kind != AccountChange.Training)
            error ??= "Confirm_AccountDisabled";
        if (error is not null)
            return new Decision(error);

        try
        {
            return await writes.RunAsync(confirmer, async ct =>
            {
                var now = time.GetUtcNow();
                // Claim the change atomically: of two decisions sent at once (a double click, a replay), one
                // wins and the other finds it decided — never a second temporary password, never a 500.
                var claimed = await db.AccountChanges.Where(c => c.Id == change.Id && c.DecidedAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.DecidedAt, now).SetProperty(c => c.DecidedBy, confirmer.UserId)
                        .SetProperty(c => c.Approved, approve), ct);
                if (claimed != 1)
                    throw new AlreadyDecidedException();
                change.DecidedAt = now;
                change.DecidedBy = confirmer.UserId;
                change.Approved = approve;
                string? password = null;
                if (approve)
                    password = await ApplyAsync(change, user, roles, ct);
                else if (change.Kind == AccountChange.Membership)
                {
                    // A refused membership leaves an account that can never be used.
                    user.IsDisabled = true;
                    Check(await users.UpdateAsync(user));
                    Check(await users.UpdateSecurityStampAsync(user));
                }
                NotifyOversight(approve ? StaffAudit.AccountConfirmed : StaffAudit.AccountRefused, now);
                await db.SaveChangesAsync(ct);
                return new Audited<Decision>(new Decision(null, password), new AuditRecord(PlatformAudit.AccountChanged,
                    TargetType: AuditTarget.User, TargetId: user.Id, Purpose: StaffAudit.Decision(change.Kind, approve)));
            }, ct);
        }
        catch (Exception ex) when (ex is AlreadyDecidedException or DbUpdateConcurrencyException)
        {
            // The transaction rolled back: nothing of this decision was written.
            return new Decision("Confirm_NotFound");
        }
    }

    private sealed class AlreadyDecidedException : Exception;

    private async Task<string?> ApplyAsync(AccountChange change, AriadneUser user, RolesRequest? roles, CancellationToken ct)
    {
        switch (change.Kind)
        {
            case AccountChange.Membership:
            case AccountChange.Password:
                var password = await TemporaryPassword.IssueAsync(users, user, time.GetUtcNow());
                Check(await users.UpdateSecurityStampAsync(user));
                return password;
            case AccountChange.Roles:
                var current = await users.GetRolesAsync(user);
                var remove = current.Except(roles!.Roles).ToList();
                var add = roles.Roles.Distinct().Except(current).ToList();
                if (remove.Count > 0)
                    Check(await users.RemoveFromRolesAsync(user, remove));
                if (add.Count > 0)
                    Check(await users.AddToRolesAsync(user, add));
                user.IsLiaisonOfficer = roles.Liaison;
                Check(await users.UpdateAsync(user));
                Check(await users.UpdateSecurityStampAsync(user));
                return null;
            case AccountChange.Training:
                var training = JsonSerializer.Deserialize<TrainingRequest>(change.Payload!)!;
                db.Trainings.Add(new TrainingRecord
                {
                    UserId = user.Id,
                    Topic = training.Topic,
                    Course = training.Course,
                    Provider = training.Provider,
                    CompletedOn = training.CompletedOn,
                    ValidUntil = training.ValidUntil,
                    RecordedAt = time.GetUtcNow(),
                    RecordedBy = change.RequestedBy,
                });
                await db.SaveChangesAsync(ct);
                Check(await users.UpdateSecurityStampAsync(user));
                return null;
            default:
                throw new InvalidOperationException("Unknown account change " + change.Kind);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Identity refused a confirmed change: " + string.Join(", ", result.Errors.Select(e => e.Code)));
    }
}
