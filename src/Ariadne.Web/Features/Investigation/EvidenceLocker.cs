using System.Security.Cryptography;
using System.Text;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// The evidence locker (issue 15 §2). Intake checks the file (size, type by content, no active content, a safe name),
/// seals it under the criminal file's data key, records its SHA-256 and a timestamp signed with the checkpoint key, and
/// starts its chain of custody. Every custody event — a transfer, an examination, a disclosure to the defence or the
/// court, a download — re-computes the content's hash, and chains to the event before. A download is watermarked with
/// the downloader's identity and is itself a custody event, audited in the same transaction. A content that no longer
/// matches its hash is never served: the attempt is recorded and the file's keepers are told.
/// </summary>
public sealed class EvidenceLocker(
    AriadneDbContext db, CriminalFiles files, DataKeys dataKeys, KeyRing keys, AuditedWrites writes, AuditTrail audit,
    TimeProvider time, IOptions<EvidenceOptions> options, IStringLocalizer<SharedResource> text)
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public sealed class IntakeInput
    {
        public string? Description { get; set; }
        public string? Location { get; set; }
    }

    public sealed class CustodyInput
    {
        public CustodyKind? Kind { get; set; }
        /// <summary>The institution that receives the item (a transfer): the viewer's own, or one holding a grant on the file.</summary>
        public Guid? ToInstitutionId { get; set; }
        public string? Location { get; set; }
        public string? Reason { get; set; }
    }

    public sealed record CustodyView(int Sequence, CustodyKind Kind, DateTimeOffset At, string By, string? To, string Location, string? Reason, bool HashMatched);

    public sealed record ItemView(
        Guid Id, string Number, Guid FileId, string FileNumber, string Description, string FileName, string ContentType, long Size, string Sha256,
        DateTimeOffset ReceivedAt, string ReceivedBy, string Holder, string Location, bool TimestampValid, bool ChainValid, FileRights Rights,
        IReadOnlyList<CustodyView> Custody, IReadOnlyList<(Guid Id, string Name)> Receivers);

    /// <summary>NotAllowed: the viewer reads the file but handles none of its evidence (a granted connection request reads only).</summary>
    public enum DownloadOutcome { Served, NotFound, Tampered, NotAllowed }

    /// <summary>The statement the checkpoint key signs at intake: the item, its content hash and the time it was received.</summary>
    public static byte[] TimestampStatement(Guid itemId, byte[] sha256, DateTimeOffset receivedAt) =>
        Encoding.UTF8.GetBytes($"ariadne-evidence-v1\n{itemId:D}\n{Convert.ToHexStringLower(sha256)}\n{receivedAt.UtcTicks}");

    /// <summary>Takes a file into the locker; the errors by field (the empty key: a refusal), or null when the file is not visible.</summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> TakeInAsync(Viewer viewer, Guid fileId, IntakeInput input, string? fileName,
        string? declaredType, byte[] content, CancellationToken ct = default)
    {
        if (await files.RightsOrDeniedAsync(viewer, fileId, ct) is not { } rights)
            return (null, null);
        if (!rights.Keeps)
            return (null, new() { [""] = [text["Evidence_KeepersOnly"]] });
        var errors = new Dictionary<string, string[]>();
        var check = EvidenceFiles.Check(fileName, declaredType, content, options.Value.MaxBytes);
        if (!check.Ok)
            errors["Upload"] = [check.ErrorKey == "Evidence_FileTooLarge" ? text[check.ErrorKey, options.Value.MaxBytes / 1024 / 1024] : text[check.ErrorKey!]];
        var description = input.Description?.Trim();
        if (string.IsNullOrEmpty(description))
            errors[nameof(IntakeInput.Description)] = [text["Evidence_DescriptionRequired"]];
        else if (description.Length > 1000)
            errors[nameof(IntakeInput.Description)] = [text["Validation_TooLong", 1000]];
        var location = input.Location?.Trim();
        if (string.IsNullOrEmpty(location))
            errors[nameof(IntakeInput.Location)] = [text["Evidence_LocationRequired"]];
        else if (location.Length > 200)
            errors[nameof(IntakeInput.Location)] = [text["Validation_TooLong", 200]];
        if (errors.Count > 0)
            return (null, errors);
        // A retried upload (or the same file twice) makes no second item.
        var hashAtIntake = SHA256.HashData(content);
        if (await db.EvidenceItems.Where(i => i.FileId == fileId && i.Sha256 == hashAtIntake).Select(i => i.Number).FirstOrDefaultAsync(ct) is { } existing)
            return (null, new() { [""] = [text["Evidence_Duplicate", existing]] });
        var id = await writes.RunAsync(viewer, async ct =>
        {
            var file = await db.CriminalFiles.FirstAsync(f => f.Id == fileId, ct);
            var key = await dataKeys.UnwrapAsync(file.DataKeyId, ct) ?? throw new InvalidOperationException("The file's key is gone.");
            var now = Now();
            var hash = SHA256.HashData(content);
            var item = new EvidenceItem
            {
                Number = $"EV-{now.UtcDateTime.Year}-{new string(RandomNumberGenerator.GetItems<char>(Alphabet, 6))}",
                FileId = fileId,
                ContentType = check.ContentType!,
                Size = content.LongLength,
                Sha256 = hash,
                ReceivedAt = now,
                ReceivedBy = viewer.UserId,
                HolderUserId = viewer.UserId,
                HolderInstitutionId = viewer.InstitutionId,
                Location = location!,
                DataKeyId = file.DataKeyId,
                SigningKeyId = keys.AuditSigningKeyId,
            };
            item.TimestampSignature = keys.AuditSigningKey.SignData(TimestampStatement(item.Id, hash, now), HashAlgorithmName.SHA256);
            item.DescriptionEnc = db.Seal(item, i => i.DescriptionEnc, description, key, file.DataKeyId);
            item.FileNameEnc = db.Seal(item, i => i.FileNameEnc, check.SafeName, key, file.DataKeyId);
            var stored = new EvidenceContent { ItemId = item.Id };
            stored.ContentEnc = db.SealBytes(stored, c => c.ContentEnc, content, key, file.DataKeyId);
            db.EvidenceItems.Add(item);
            db.EvidenceContents.Add(stored);
            Append(item, key, CustodyKind.Intake, viewer, null, location!, null, hashMatched: true, [], now);
            file.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(item.Id, new AuditRecord(InvestigationAudit.EvidenceTaken, TargetType: InvestigationAudit.Evidence, TargetId: item.Id,
                Relation: rights.Relation, Purpose: InvestigationAudit.Custody), item.Id);
        }, ct);
        return (id, errors);
    }

    /// <summary>The item, its custody chain (checked as it is read) and the institutions it may be transferred to; null when not visible.</summary>
    public async Task<ItemView?> ReadAsync(Viewer viewer, Guid itemId, CancellationToken ct = default)
    {
        var item = await db.EvidenceItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null || await files.RightsOrDeniedAsync(viewer, item.FileId, ct) is not { } rights)
            return null;
        var key = await dataKeys.UnwrapAsync(item.DataKeyId, ct) ?? throw new InvalidOperationException("The file's key is gone.");
        var events = await db.CustodyEvents.AsNoTracking().Where(c => c.ItemId == itemId).OrderBy(c => c.Sequence).ToListAsync(ct);
        var userIds = events.Select(e => e.ByUserId).Append(item.ReceivedBy).Append(item.HolderUserId).Distinct().ToList();
        var receivers = await ReceiversAsync(viewer, item.FileId, ct);
        var institutionIds = events.Select(e => e.ByInstitutionId).Concat(events.Where(e => e.ToInstitutionId is not null).Select(e => e.ToInstitutionId!.Value))
            .Append(item.HolderInstitutionId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var institutions = await db.Institutions.AsNoTracking().Where(i => institutionIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var fileNumber = await db.CriminalFiles.Where(f => f.Id == item.FileId).Select(f => f.Number).FirstAsync(ct);
        await audit.RecordAsync(new AuditRecord(InvestigationAudit.FileViewed, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
            TargetType: InvestigationAudit.Evidence, TargetId: itemId, Relation: rights.Relation, Purpose: InvestigationAudit.Custody), ct);
        return new ItemView(item.Id, item.Number, item.FileId, fileNumber, db.Open(item, i => i.DescriptionEnc, key, item.DataKeyId) ?? "",
            db.Open(item, i => i.FileNameEnc, key, item.DataKeyId) ?? "", item.ContentType, item.Size, Convert.ToHexStringLower(item.Sha256), item.ReceivedAt,
            names.GetValueOrDefault(item.ReceivedBy, "—"),
            names.TryGetValue(item.HolderUserId, out var holder) ? $"{holder} ({institutions.GetValueOrDefault(item.HolderInstitutionId, "—")})" : institutions.GetValueOrDefault(item.HolderInstitutionId, "—"),
            item.Location, TimestampValid(item), ChainProblem(item, events) is null, rights,
            events.Select(e => new CustodyView(e.Sequence, e.Kind, e.At, $"{names.GetValueOrDefault(e.ByUserId, "—")} ({institutions.GetValueOrDefault(e.ByInstitutionId, "—")})",
                e.ToInstitutionId is { } to ? institutions.GetValueOrDefault(to, "—") : null, e.Location,
                db.Open<CustodyEvent>(c => c.ReasonEnc, e.ReasonEnc, e.Id, key, item.DataKeyId), e.HashMatched)).ToList(),
            receivers);
    }

    /// <summary>The institutions an item may go to: the viewer's own and those holding a grant on its file now.</summary>
    private async Task<IReadOnlyList<(Guid Id, string Name)>> ReceiversAsync(Viewer viewer, Guid fileId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var granted = db.FileGrants.Where(FileAccess.InForce(now)).Where(g => g.FileId == fileId && g.GranteeInstitutionId != null).Select(g => g.GranteeInstitutionId!.Value);
        return (await db.Institutions.AsNoTracking().Where(i => i.IsActive && (i.Id == viewer.InstitutionId || granted.Contains(i.Id)))
            .OrderBy(i => i.Name).Select(i => new { i.Id, i.Name }).ToListAsync(ct)).Select(i => (i.Id, i.Name)).ToList();
    }

    /// <summary>
    /// Records a custody event; the content's hash is computed again and recorded with it. Null when the item is not visible. Once per
    /// key when there is one (the API's <c>Idempotency-Key</c>, the page's form key): a retry with the same key and body records
    /// nothing more and is answered as the first was; another body with the key is refused.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> RecordCustodyAsync(Viewer viewer, Guid itemId, CustodyInput input, IdempotentRequest? request = null,
        CancellationToken ct = default)
    {
        var fileId = await db.EvidenceItems.Where(i => i.Id == itemId).Select(i => (Guid?)i.FileId).FirstOrDefaultAsync(ct);
        if (fileId is null || await files.RightsOrDeniedAsync(viewer, fileId.Value, ct) is not { } rights)
            return null;
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? KeyReused() : await ReplayAsync(seen.Result, ct);
        // A reader through a granted connection request handles no evidence: no transfer, examination, disclosure or return.
        if (!rights.HandlesEvidence)
            return new() { [""] = [text["Custody_NotAllowed"]] };
        var errors = new Dictionary<string, string[]>();
        if (input.Kind is not { } kind || kind is CustodyKind.Intake or CustodyKind.Download || !Enum.IsDefined(kind))
        {
            errors[nameof(CustodyInput.Kind)] = [text["Custody_KindRequired"]];
            return errors;
        }
        if (kind == CustodyKind.Transfer)
        {
            if (input.ToInstitutionId is not { } to || !(await ReceiversAsync(viewer, fileId.Value, ct)).Any(r => r.Id == to))
                errors[nameof(CustodyInput.ToInstitutionId)] = [text["Custody_ReceiverInvalid"]];
        }
        var location = input.Location?.Trim();
        if (string.IsNullOrEmpty(location))
            errors[nameof(CustodyInput.Location)] = [text["Evidence_LocationRequired"]];
        else if (location.Length > 200)
            errors[nameof(CustodyInput.Location)] = [text["Validation_TooLong", 200]];
        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            errors[nameof(CustodyInput.Reason)] = [text["Custody_ReasonRequired"]];
        else if (reason.Length > 1000)
            errors[nameof(CustodyInput.Reason)] = [text["Validation_TooLong", 1000]];
        if (errors.Count > 0)
            return errors;
        async Task<Audited<bool>> Work(CancellationToken ct)
        {
            var item = await db.EvidenceItems.FirstAsync(i => i.Id == itemId, ct);
            await db.Entry(item).ReloadAsync(ct);
            var key = await dataKeys.UnwrapAsync(item.DataKeyId, ct) ?? throw new InvalidOperationException("The file's key is gone.");
            var matched = await ContentMatchesAsync(item, key, ct) && ChainProblem(item, await EventsAsync(itemId, ct)) is null;
            var previous = await db.CustodyEvents.Where(c => c.ItemId == itemId).OrderByDescending(c => c.Sequence).Select(c => c.Hash).FirstAsync(ct);
            var now = Now();
            var recorded = Append(item, key, kind, viewer, kind == CustodyKind.Transfer ? input.ToInstitutionId : null, location!, reason, matched, previous, now);
            if (kind == CustodyKind.Transfer)
            {
                // Held by the receiving institution; which of its people holds it is theirs to record (a custody event of their own).
                item.HolderInstitutionId = input.ToInstitutionId!.Value;
                item.HolderUserId = input.ToInstitutionId == viewer.InstitutionId ? viewer.UserId : Guid.Empty;
            }
            item.Location = location!;
            if (!matched)
                NotifyTamper(item, now);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(!matched, new AuditRecord(matched ? InvestigationAudit.CustodyRecorded : InvestigationAudit.EvidenceTampered,
                TargetType: InvestigationAudit.Evidence, TargetId: itemId, Relation: rights.Relation, Purpose: InvestigationAudit.Custody), recorded.Id);
        }
        if (request is null)
            return await writes.RunSerializedAsync(viewer, Work, ct) ? new() { [""] = [text["Evidence_Tampered"]] } : errors;
        var once = await writes.RunOnceAsync(viewer, request, Work, async (id, ct) =>
            await db.CustodyEvents.AsNoTracking().Where(c => c.Id == id).Select(c => !c.HashMatched).FirstOrDefaultAsync(ct), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? KeyReused() : once.Result ? new() { [""] = [text["Evidence_Tampered"]] } : errors;

        async Task<Dictionary<string, string[]>> ReplayAsync(Guid eventId, CancellationToken ct) =>
            await db.CustodyEvents.AsNoTracking().AnyAsync(c => c.Id == eventId && !c.HashMatched, ct) ? new() { [""] = [text["Evidence_Tampered"]] } : [];
    }

    private Dictionary<string, string[]> KeyReused() => new() { [""] = [text["Api_IdempotencyKeyReused"]] };

    /// <summary>
    /// The item's content for the viewer, watermarked with their identity; the download is a custody event and an audit event
    /// in one transaction. A content that no longer matches its intake hash is refused (and recorded, and told).
    /// </summary>
    public async Task<(DownloadOutcome Outcome, WatermarkedFile? File)> DownloadAsync(Viewer viewer, Guid itemId, CancellationToken ct = default)
    {
        var fileId = await db.EvidenceItems.Where(i => i.Id == itemId).Select(i => (Guid?)i.FileId).FirstOrDefaultAsync(ct);
        if (fileId is null || await files.RightsOrDeniedAsync(viewer, fileId.Value, ct) is not { } rights)
            return (DownloadOutcome.NotFound, null);
        // A download is a custody event: a reader through a granted connection request takes no content.
        if (!rights.HandlesEvidence)
            return (DownloadOutcome.NotAllowed, null);
        var (matched, served) = await writes.RunSerializedAsync(viewer, async ct =>
        {
            var item = await db.EvidenceItems.FirstAsync(i => i.Id == itemId, ct);
            await db.Entry(item).ReloadAsync(ct);
            var key = await dataKeys.UnwrapAsync(item.DataKeyId, ct) ?? throw new InvalidOperationException("The file's key is gone.");
            var content = await OpenContentAsync(item, key, ct);
            var matched = content is not null && SHA256.HashData(content).AsSpan().SequenceEqual(item.Sha256) && ChainProblem(item, await EventsAsync(itemId, ct)) is null;
            var previous = await db.CustodyEvents.Where(c => c.ItemId == itemId).OrderByDescending(c => c.Sequence).Select(c => c.Hash).FirstAsync(ct);
            var now = Now();
            Append(item, key, CustodyKind.Download, viewer, null, item.Location, null, matched, previous, now);
            WatermarkedFile? served = null;
            if (matched)
            {
                var user = await db.Users.AsNoTracking().Where(u => u.Id == viewer.UserId).Select(u => u.DisplayName).FirstAsync(ct);
                var institution = await db.Institutions.AsNoTracking().Where(i => i.Id == viewer.InstitutionId).Select(i => i.Name).FirstAsync(ct);
                var name = db.Open(item, i => i.FileNameEnc, key, item.DataKeyId) ?? item.Number;
                var mark = $"{item.Number} · {user} ({institution}) · {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC · {item.CustodyCount}";
                served = EvidenceWatermark.Apply(content, item.ContentType, name, mark);
            }
            else
                NotifyTamper(item, now);
            await db.SaveChangesAsync(ct);
            return new Audited<(bool, WatermarkedFile?)>((matched, served), new AuditRecord(
                matched ? InvestigationAudit.EvidenceDownloaded : InvestigationAudit.EvidenceTampered, matched ? AuditOutcome.Allowed : AuditOutcome.Failed,
                TargetType: InvestigationAudit.Evidence, TargetId: itemId, Relation: rights.Relation, Purpose: InvestigationAudit.Custody));
        }, ct);
        return matched ? (DownloadOutcome.Served, served) : (DownloadOutcome.Tampered, null);
    }

    /// <summary>
    /// Re-hashes every item and checks every signature and custody chain: the first bad item's number and what is wrong, or null
    /// when all hold. The count of items checked either way.
    /// </summary>
    public async Task<(int Checked, string? Problem)> VerifyAllAsync(CancellationToken ct = default)
    {
        var count = 0;
        var ids = await db.EvidenceItems.AsNoTracking().OrderBy(i => i.ReceivedAt).ThenBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            var item = await db.EvidenceItems.AsNoTracking().FirstAsync(i => i.Id == id, ct);
            count++;
            if (!TimestampValid(item))
                return (count, $"{item.Number}: the signed timestamp does not verify");
            var key = await dataKeys.UnwrapAsync(item.DataKeyId, ct);
            if (key is null)
                return (count, $"{item.Number}: the file's key is gone");
            var content = await OpenContentAsync(item, key, ct);
            if (content is null)
                return (count, $"{item.Number}: the content cannot be opened (changed or missing)");
            if (!SHA256.HashData(content).AsSpan().SequenceEqual(item.Sha256))
                return (count, $"{item.Number}: the content does not match its intake hash");
            if (ChainProblem(item, await EventsAsync(id, ct)) is { } problem)
                return (count, $"{item.Number}: {problem}");
        }
        return (count, null);
    }

    /// <summary>
    /// The time recorded with an item or an event, to the whole millisecond: it is hashed and signed, so it must read back
    /// exactly as written (PostgreSQL keeps microseconds, SQLite's text as EF writes it may keep less than a .NET tick).
    /// </summary>
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    private Task<List<CustodyEvent>> EventsAsync(Guid itemId, CancellationToken ct) =>
        db.CustodyEvents.AsNoTracking().Where(c => c.ItemId == itemId).OrderBy(c => c.Sequence).ToListAsync(ct);

    /// <summary>
    /// Sealed by the active signing key. A rotation seals every item again under the new key (<see cref="EvidenceSeals"/>), so a
    /// retired key is trusted for no item: whoever stole it cannot backdate a forged seal.
    /// </summary>
    private bool TimestampValid(EvidenceItem item) =>
        string.Equals(item.SigningKeyId, keys.AuditSigningKeyId, StringComparison.Ordinal)
        && keys.VerifySigned(item.SigningKeyId, item.ReceivedAt, TimestampStatement(item.Id, item.Sha256, item.ReceivedAt), item.TimestampSignature);

    /// <summary>What is wrong with an item's chain of custody, or null: numbered 1…n without gaps, each chained to the one before, as many as the item counts.</summary>
    internal static string? ChainProblem(EvidenceItem item, IReadOnlyList<CustodyEvent> events)
    {
        if (events.Count == 0 || events[0].Kind != CustodyKind.Intake)
            return "the chain of custody does not start with the intake";
        if (events.Count != item.CustodyCount)
            return "the chain of custody has a missing or an added event";
        var previous = Array.Empty<byte>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Sequence != i + 1)
                return $"custody event {i + 1} is missing";
            if (!e.PreviousHash.AsSpan().SequenceEqual(previous) || !EventHash(e).AsSpan().SequenceEqual(e.Hash))
                return $"custody event {e.Sequence} was changed";
            previous = e.Hash;
        }
        return null;
    }

    private async Task<bool> ContentMatchesAsync(EvidenceItem item, byte[] key, CancellationToken ct) =>
        await OpenContentAsync(item, key, ct) is { } content && SHA256.HashData(content).AsSpan().SequenceEqual(item.Sha256);

    private async Task<byte[]?> OpenContentAsync(EvidenceItem item, byte[] key, CancellationToken ct)
    {
        var sealedContent = await db.EvidenceContents.AsNoTracking().Where(c => c.ItemId == item.Id).Select(c => c.ContentEnc).FirstOrDefaultAsync(ct);
        if (sealedContent is null)
            return null;
        try
        {
            return db.OpenBytes<EvidenceContent>(c => c.ContentEnc, sealedContent, item.Id, key, item.DataKeyId);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private CustodyEvent Append(EvidenceItem item, byte[] key, CustodyKind kind, Viewer viewer, Guid? toInstitution, string location, string? reason,
        bool hashMatched, byte[] previousHash, DateTimeOffset now)
    {
        item.CustodyCount++;
        var e = new CustodyEvent
        {
            ItemId = item.Id,
            Sequence = item.CustodyCount,
            Kind = kind,
            At = now,
            ByUserId = viewer.UserId,
            ByInstitutionId = viewer.InstitutionId,
            ToInstitutionId = toInstitution,
            Location = location,
            HashMatched = hashMatched,
            PreviousHash = previousHash,
        };
        e.ReasonEnc = db.Seal(e, c => c.ReasonEnc, reason, key, item.DataKeyId);
        e.Hash = EventHash(e);
        db.CustodyEvents.Add(e);
        return e;
    }

    /// <summary>SHA-256 over the event's fields and the hash before it (its ciphertext as stored: the chain checks without any key).</summary>
    internal static byte[] EventHash(CustodyEvent e)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write("ariadne-custody-v1");
            w.Write(e.PreviousHash.Length);
            w.Write(e.PreviousHash);
            w.Write(e.Id.ToByteArray());
            w.Write(e.ItemId.ToByteArray());
            w.Write(e.Sequence);
            w.Write((int)e.Kind);
            w.Write(e.At.UtcTicks);
            w.Write(e.ByUserId.ToByteArray());
            w.Write(e.ByInstitutionId.ToByteArray());
            w.Write((e.ToUserId ?? Guid.Empty).ToByteArray());
            w.Write((e.ToInstitutionId ?? Guid.Empty).ToByteArray());
            w.Write(e.Location);
            w.Write(e.ReasonEnc?.Length ?? -1);
            if (e.ReasonEnc is not null)
                w.Write(e.ReasonEnc);
            w.Write(e.HashMatched);
        }
        return SHA256.HashData(buffer.ToArray());
    }

    private void NotifyTamper(EvidenceItem item, DateTimeOffset now)
    {
        var fileNumber = db.CriminalFiles.Where(f => f.Id == item.FileId).Select(f => new { f.Number, f.OwnerInstitutionId }).First();
        db.Notifications.Add(new Notification
        {
            RecipientInstitutionId = fileNumber.OwnerInstitutionId,
            RecipientRole = RoleCatalog.SquadChief,
            Kind = InvestigationAudit.TamperNotice.Code,
            CaseNumber = item.Number,
            CreatedAt = now,
        });
    }
}
