using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// Files attached at their step of the referral form, before it is sent. They belong to the person filling
/// in the form and to that one form (its submission id): nobody else can list, read or remove them. Each is
/// encrypted under its own data key; sending the referral moves them onto it and destroys the drafts and
/// their keys in the same transaction, and a draft left behind expires after <see cref="Lifetime"/>.
/// </summary>
public sealed class ReferralDrafts(AriadneDbContext db, DataKeys dataKeys, AuditedWrites writes, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public sealed record DraftRow(Guid Id, string Name, long Size);

    /// <summary>Adds the files to the form's drafts, or returns the error (and adds nothing) when the whole set would break the limits.</summary>
    public async Task<string?> AddAsync(Viewer viewer, Guid submissionId, IReadOnlyList<ReferralUpload> files, IStringLocalizer text, CancellationToken ct = default)
    {
        if (files.Count == 0 || submissionId == Guid.Empty)
            return null;
        var existing = await TakeAsync(viewer, submissionId, ct);
        if (ReferralFiles.Validate([.. existing, .. files], text) is { } error)
            return error;
        return await writes.RunAsync(viewer, ct =>
        {
            var now = time.GetUtcNow();
            foreach (var file in files)
            {
                var (key, clear) = dataKeys.Create();
                var draft = new ReferralDraftFile
                {
                    OwnerUserId = viewer.UserId,
                    SubmissionId = submissionId,
                    DataKeyId = key.Id,
                    ContentType = ReferralFiles.Sniff(file.Content)!,
                    Size = file.Content.Length,
                    CreatedAt = now,
                    ContentEnc = [],
                };
                draft.NameEnc = db.Seal(draft, d => d.NameEnc, ReferralFiles.SafeName(file.Name), clear, key.Id);
                draft.ContentEnc = db.SealBytes(draft, d => d.ContentEnc, file.Content, clear, key.Id);
                db.ReferralDraftFiles.Add(draft);
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(clear);
            }
            return Task.FromResult(new Audited<string?>(null, new AuditRecord(ReferralsAudit.DraftFileAdded, Purpose: ReferralsAudit.Submit)));
        }, ct);
    }

    /// <summary>The form's drafts, names only, oldest first.</summary>
    public async Task<IReadOnlyList<DraftRow>> ListAsync(Viewer viewer, Guid submissionId, CancellationToken ct = default)
    {
        var drafts = await Mine(viewer, submissionId).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.NameEnc, d.Size, d.DataKeyId }).ToListAsync(ct);
        var keys = await dataKeys.UnwrapManyAsync(drafts.Select(d => d.DataKeyId), ct);
        return drafts.Where(d => keys.ContainsKey(d.DataKeyId))
            .Select(d => new DraftRow(d.Id, db.Open<ReferralDraftFile>(x => x.NameEnc, d.NameEnc, d.Id, keys[d.DataKeyId], d.DataKeyId) ?? "file", d.Size)).ToList();
    }

    /// <summary>The form's drafts in clear, to be sent with the referral.</summary>
    public async Task<List<ReferralUpload>> TakeAsync(Viewer viewer, Guid submissionId, CancellationToken ct = default)
    {
        var drafts = await Mine(viewer, submissionId).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync(ct);
        var keys = await dataKeys.UnwrapManyAsync(drafts.Select(d => d.DataKeyId), ct);
        return drafts.Where(d => keys.ContainsKey(d.DataKeyId)).Select(d => new ReferralUpload(
            db.Open(d, x => x.NameEnc, keys[d.DataKeyId], d.DataKeyId) ?? "file",
            db.OpenBytes<ReferralDraftFile>(x => x.ContentEnc, d.ContentEnc, d.Id, keys[d.DataKeyId], d.DataKeyId))).ToList();
    }

    /// <summary>Removes one draft of the form ("Remove" beside its name); false when it is not this person's.</summary>
    public Task<bool> RemoveAsync(Viewer viewer, Guid submissionId, Guid draftId, CancellationToken ct = default) =>
        writes.RunAsync(viewer, async ct =>
        {
            var draft = await Mine(viewer, submissionId).AsTracking().FirstOrDefaultAsync(d => d.Id == draftId, ct);
            if (draft is null)
                return new Audited<bool>(false, new AuditRecord(ReferralsAudit.DraftFileRemoved, Outcome: AuditOutcome.Denied, Purpose: ReferralsAudit.Submit));
            await ShredAsync([draft], ct);
            return new Audited<bool>(true, new AuditRecord(ReferralsAudit.DraftFileRemoved, Purpose: ReferralsAudit.Submit));
        }, ct);

    /// <summary>
    /// Inside the referral's own transaction: the drafts it took become unreadable (their keys destroyed, their
    /// content emptied). The rows stay, marked, until they expire, so that <see cref="FingerprintAsync"/> still
    /// recognises a form sent twice.
    /// </summary>
    public async Task ConsumeAsync(Viewer viewer, Guid submissionId, CancellationToken ct = default)
    {
        var drafts = await Mine(viewer, submissionId).AsTracking().ToListAsync(ct);
        await DestroyKeysAsync(drafts, ct);
        var now = time.GetUtcNow();
        foreach (var draft in drafts)
        {
            draft.ConsumedAt = now;
            draft.ContentEnc = [];
            draft.NameEnc = null;
        }
    }

    /// <summary>What identifies the form's files for its idempotency: the drafts' ids, including those a first send already took.</summary>
    public async Task<string> FingerprintAsync(Viewer viewer, Guid submissionId, CancellationToken ct = default)
    {
        var since = time.GetUtcNow() - Lifetime;
        var ids = await db.ReferralDraftFiles.AsNoTracking()
            .Where(d => d.OwnerUserId == viewer.UserId && d.SubmissionId == submissionId && d.CreatedAt >= since)
            .Select(d => d.Id).ToListAsync(ct);
        return string.Join(",", ids.Order());
    }

    /// <summary>Destroys drafts older than <see cref="Lifetime"/> (forms abandoned half-way); the count destroyed.</summary>
    public async Task<int> ExpireAsync(CancellationToken ct = default)
    {
        var before = time.GetUtcNow() - Lifetime;
        var stale = await db.ReferralDraftFiles.AsTracking().Where(d => d.CreatedAt < before).Take(500).ToListAsync(ct);
        if (stale.Count == 0)
            return 0;
        await ShredAsync(stale, ct);
        await db.SaveChangesAsync(ct);
        return stale.Count;
    }

    private IQueryable<ReferralDraftFile> Mine(Viewer viewer, Guid submissionId)
    {
        var since = time.GetUtcNow() - Lifetime;
        return db.ReferralDraftFiles.AsNoTracking().Where(d => d.OwnerUserId == viewer.UserId && d.SubmissionId == submissionId
            && d.CreatedAt >= since && d.ConsumedAt == null);
    }

    private async Task ShredAsync(IReadOnlyList<ReferralDraftFile> drafts, CancellationToken ct)
    {
        await DestroyKeysAsync(drafts, ct);
        db.ReferralDraftFiles.RemoveRange(drafts);
    }

    private async Task DestroyKeysAsync(IReadOnlyList<ReferralDraftFile> drafts, CancellationToken ct)
    {
        var keyIds = drafts.Select(d => d.DataKeyId).ToList();
        var now = time.GetUtcNow();
        foreach (var key in await db.DataKeys.AsTracking().Where(k => keyIds.Contains(k.Id)).ToListAsync(ct))
        {
            key.WrappedKey = null;
            key.DestroyedAt = now;
        }
    }
}
