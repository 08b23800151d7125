using System.Security.Cryptography;
using System.Text.Json;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// The National Referral Mechanism's front door: any participant refers a suspected victim to the
/// Squad, from the form or the API, with supporting files. The referral gets a random number, its own
/// data key and its deadline; the duty desk is told at once. A repeated submission (the same
/// <c>Idempotency-Key</c> and body) gives the referral made the first time.
/// </summary>
public sealed class ReferralIntake(
    AriadneDbContext db, AuditedWrites writes, DataKeys dataKeys, BlindIndex index, TimeProvider time, UiTime uiTime,
    IOptions<ReferralsOptions> options, ReferralDeadlines deadlines, ReferralSignal signal)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public enum SubmitOutcome { Created, Replayed, KeyConflict, NotAllowed, NoSquad }

    /// <summary>May this viewer refer? Every participant whose role can hold the referrer relation.</summary>
    public static bool CanRefer(Viewer viewer) => viewer.InstitutionRelations.Contains(Relation.Referrer);

    /// <param name="filesFingerprint">What identifies the files for idempotency where they are not in the request itself
    /// (the form's drafts, by id); by default their names and content hashes.</param>
    /// <param name="alsoInTransaction">Work done in the referral's own transaction when it is created (the form's drafts are destroyed).</param>
    public async Task<(SubmitOutcome Outcome, Referral? Referral)> SubmitAsync(
        Viewer viewer, ReferralInput input, IReadOnlyList<ReferralUpload> files, string idempotencyKey,
        string? filesFingerprint = null, Func<Referral, CancellationToken, Task>? alsoInTransaction = null, CancellationToken ct = default)
    {
        if (!CanRefer(viewer))
            return (SubmitOutcome.NotAllowed, null);
        // Keyed: the body holds personal data, and the fingerprint outlives the request.
        object fileIdentity = filesFingerprint ?? (object)files.Select(f => new { f.Name, Hash = Convert.ToHexString(SHA256.HashData(f.Content)) });
        var hash = index.Fingerprint(JsonSerializer.Serialize(new { input, files = fileIdentity }, Json));
        try
        {
            // No writers' lock: the desk's sequence comes from a sequence and the number is reserved (NextKeys).
            var (outcome, referral) = await writes.RunOnceUnserializedAsync(viewer, new IdempotentRequest(idempotencyKey, hash, nameof(Referral)),
                async ct =>
                {
                    var created = await CreateAsync(viewer, input, files, ct);
                    if (alsoInTransaction is not null)
                        await alsoInTransaction(created.Result, ct);
                    return created;
                },
                replay: (id, ct) => db.Referrals.AsNoTracking().FirstAsync(r => r.Id == id, ct), ct);
            switch (outcome)
            {
                case OnceOutcome.Done:
                    signal.Pulse();
                    return (SubmitOutcome.Created, referral);
                case OnceOutcome.Replayed:
                    return (SubmitOutcome.Replayed, referral);
                default:
                    return (SubmitOutcome.KeyConflict, null);
            }
        }
        catch (NoSquadException)
        {
            db.ChangeTracker.Clear();
            return (SubmitOutcome.NoSquad, null);
        }
    }

    /// <summary>The referral, its files and the desk's notification, added to the open transaction.</summary>
    private async Task<Audited<Referral>> CreateAsync(Viewer viewer, ReferralInput input, IReadOnlyList<ReferralUpload> files, CancellationToken ct)
    {
        // Looked up after the replay check (a repeated submission still gets its referral), before anything is made.
        var squad = await SquadAsync(ct) ?? throw new NoSquadException();
        var now = time.GetUtcNow();
        var (key, clear) = dataKeys.Create();
        try
        {
            var today = uiTime.DayOf(now); // ages count by the deployment's day
            var urgency = input.EffectiveUrgencyOn(today);
            var (document, phone) = input.Indexes(index);
            var referral = new Referral
            {
                Number = await NewNumberAsync(now, ct),
                SquadInstitutionId = squad,
                ReferringInstitutionId = viewer.InstitutionId,
                ReferredBy = viewer.UserId,
                ReceivedAt = now,
                Urgency = urgency,
                ImmediateDanger = input.ImmediateDanger == true,
                NeedsInterpreter = input.NeedsInterpreter,
                Anonymous = input.Anonymous,
                Child = input.IsChildOn(today),
                Consent = input.Consent ?? ReferralConsent.NotAsked,
                AcknowledgeBy = now + deadlines.DeadlineFor(urgency),
                DataKeyId = key.Id,
                DocumentNumberIndex = document,
                PhoneIndex = phone,
                Sequence = await NewSequenceAsync(now, ct),
            };
            ReferralVault.SealContent(db, referral, input.ToContent(), clear);
            db.Referrals.Add(referral);
            foreach (var file in files)
            {
                var contentType = ReferralFiles.Sniff(file.Content)!;
                var kept = ReferralFiles.WithoutMetadata(file.Content, contentType);
                var entity = new ReferralFile { ReferralId = referral.Id, ContentType = contentType, Size = kept.Length, UploadedAt = now, ContentEnc = [] };
                ReferralVault.SealFile(db, entity, ReferralFiles.SafeName(file.Name), kept, clear, key.Id);
                db.ReferralFiles.Add(entity);
            }
            db.Notifications.Add(new Notification
            {
                // The duty desk's: not every member of the Squad may open a referral.
                RecipientInstitutionId = squad,
                RecipientRole = RoleCatalog.DutyOfficer,
                Kind = ReferralsAudit.Received,
                CaseNumber = referral.Number,
                CreatedAt = now,
            });
            return new Audited<Referral>(referral, new AuditRecord(ReferralsAudit.ReferralSubmitted, TargetType: ReferralsAudit.Referral, TargetId: referral.Id,
                Relation: nameof(Relation.Referrer), Purpose: ReferralsAudit.Submit.For(urgency)), ResourceId: referral.Id);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
        }
    }

    /// <summary>No Squad receives referrals: nothing is made, and the transaction rolls back.</summary>
    private sealed class NoSquadException : Exception;

    private async Task<Guid?> SquadAsync(CancellationToken ct)
    {
        var code = options.Value.SquadInstitutionCode;
        return await db.Institutions.Where(i => i.IsActive && i.Kind == InstitutionKind.AntiTraffickingSquad && (code == null || i.Code == code))
            .OrderBy(i => i.Code).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
    }

    private async Task<string> NewNumberAsync(DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var number = $"REF-{now.Year}-{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}";
            // Held first, so that a concurrent submission that drew the same number cannot also find it free.
            if ((await NextKeys.ReserveAsync(db, number, ct) && !await db.Referrals.AnyAsync(r => r.Number == number, ct)) || attempt > 20)
                return number;
        }
    }

    private Task<long> NewSequenceAsync(DateTimeOffset now, CancellationToken ct) =>
        NextKeys.NextAsync(db, NextKeys.Sequence.ReferralSequence, now, ct => db.Referrals.MaxAsync(r => (long?)r.Sequence, ct), ct);
}
