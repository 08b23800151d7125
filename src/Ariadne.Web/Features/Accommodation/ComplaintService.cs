using System.Security.Cryptography;
using System.Text;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// Residents' complaints, a channel that bypasses the shelter's staff and reaches the oversight body (auditors) only.
/// A complaint arrives through a worker on the case who is not the shelter's (<see cref="ResidentService.ComplainAsync"/>)
/// or from the resident, without an account, with the one-time code printed on the welcome sheet (<see cref="SubmitByCodeAsync"/>:
/// 60 random bits, kept only as a SHA-256 hash, cleared when used; sign-in's rate limit covers the page). Its text and outcome
/// are sealed under the complaint's own data key and opened only here, for an auditor. The notice to oversight carries no content.
/// </summary>
public sealed class ComplaintService(
    AriadneDbContext db, DataKeys dataKeys, AuditedWrites writes, TimeProvider time, IStringLocalizer<SharedResource> text)
{
    public const int MaxText = 4000;
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public sealed record Row(Guid Id, string Shelter, DateTimeOffset ReceivedAt, ComplaintChannel Channel, ComplaintStatus Status);

    public sealed record Detail(Guid Id, string Shelter, DateTimeOffset ReceivedAt, ComplaintChannel Channel, ComplaintStatus Status, string? Text, string? Outcome);

    public sealed class CodeInput
    {
        public string? Code { get; set; }
        public string? Text { get; set; }
    }

    public sealed class UpdateInput
    {
        public ComplaintStatus? Status { get; set; }
        public string? Outcome { get; set; }
    }

    /// <summary>The one rule for who reads complaints: the oversight body.</summary>
    public static bool IsOversight(IReadOnlyCollection<string> roles) => roles.Contains(RoleCatalog.Auditor);

    /// <summary>A new code: 12 characters of an unambiguous alphabet (60 bits), shown in groups of four.</summary>
    public static string NewCode()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 12);
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
    }

    /// <summary>The stored form of a code: SHA-256 of its letters and digits, upper case (dashes and spaces do not matter).</summary>
    public static string Hash(string code)
    {
        var normal = new string(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normal)));
    }

    public static string? Validate(string? value, IStringLocalizer text)
    {
        var clean = value?.Trim() ?? "";
        return clean.Length == 0 ? text["Complaint_TextRequired"].Value : clean.Length > MaxText ? text["Validation_TooLong", MaxText].Value : null;
    }

    /// <summary>Adds the complaint (sealed under a new key of its own) and the notice to oversight, in the caller's transaction.</summary>
    internal ResidentComplaint Add(Placement stay, ComplaintChannel channel, Guid? recordedBy, string clear)
    {
        var (key, raw) = dataKeys.Create();
        var complaint = new ResidentComplaint
        {
            PlacementId = stay.Id,
            ShelterId = stay.ShelterId,
            Channel = channel,
            RecordedBy = recordedBy,
            ReceivedAt = time.GetUtcNow(),
            DataKeyId = key.Id,
        };
        complaint.TextEnc = db.Seal(complaint, c => c.TextEnc, clear, raw, key.Id);
        db.ResidentComplaints.Add(complaint);
        db.Notifications.Add(new Notification { RecipientRole = RoleCatalog.Auditor, Kind = AccommodationAudit.ComplaintNotice, CreatedAt = complaint.ReceivedAt });
        return complaint;
    }

    /// <summary>
    /// The resident's own channel, without signing in: a valid unused code of an open stay takes one complaint and is then
    /// spent. Any other code gets the same answer (nothing tells a used code from a wrong one), audited as denied.
    /// </summary>
    public async Task<Dictionary<string, string[]>> SubmitByCodeAsync(CodeInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var code = input.Code?.Trim() ?? "";
        if (code.Length == 0 || code.Length > 40)
            errors[nameof(CodeInput.Code)] = [text["Complaint_CodeInvalid"]];
        if (Validate(input.Text, text) is { } error)
            errors[nameof(CodeInput.Text)] = [error];
        if (errors.Count > 0)
            return errors;
        var hash = Hash(code);
        return await writes.RunSerializedAsync(null, async ct =>
        {
            var stay = await db.Placements.FirstOrDefaultAsync(p => p.ComplaintCodeHash == hash && p.DischargedAt == null, ct);
            if (stay is null)
                return new Audited<Dictionary<string, string[]>>(new() { [nameof(CodeInput.Code)] = [text["Complaint_CodeInvalid"]] },
                    new AuditRecord(AccommodationAudit.ComplaintReceived, AuditOutcome.Denied, TargetType: AccommodationAudit.Complaint, Purpose: AccommodationAudit.Complain));
            stay.ComplaintCodeHash = null; // one complaint per code
            var complaint = Add(stay, ComplaintChannel.Code, null, input.Text!.Trim());
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>>([], new AuditRecord(AccommodationAudit.ComplaintReceived, TargetType: AccommodationAudit.Complaint,
                TargetId: complaint.Id, CaseId: stay.CaseId, Purpose: AccommodationAudit.Complain));
        }, ct);
    }

    /// <summary>The oversight body's queue: shelter, time, channel, status — no text. Null for anyone else.</summary>
    public async Task<IReadOnlyList<Row>?> QueueAsync(IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        if (!IsOversight(roles))
            return null;
        return (await (from c in db.ResidentComplaints.AsNoTracking()
                       join s in db.Shelters on c.ShelterId equals s.Id
                       orderby c.Status, c.ReceivedAt descending
                       select new { c.Id, s.Name, c.ReceivedAt, c.Channel, c.Status }).Take(500).ToListAsync(ct))
            .Select(r => new Row(r.Id, r.Name, r.ReceivedAt, r.Channel, r.Status)).ToList();
    }

    /// <summary>One complaint with its text and outcome, for an auditor (the read is audited). Null (and audited as denied) for anyone else.</summary>
    public async Task<Detail?> ReadAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CancellationToken ct = default) =>
        await writes.RunAsync(viewer, async ct =>
        {
            var found = IsOversight(roles)
                ? await (from x in db.ResidentComplaints.AsNoTracking() join s in db.Shelters on x.ShelterId equals s.Id where x.Id == id select new { c = x, s.Name }).FirstOrDefaultAsync(ct)
                : null;
            if (found is null)
                return new Audited<Detail?>(null, new AuditRecord(AccommodationAudit.ComplaintViewed, AuditOutcome.Denied, TargetType: AccommodationAudit.Complaint, TargetId: id, Purpose: AccommodationAudit.ComplaintReview));
            var c = found.c;
            var key = await dataKeys.UnwrapAsync(c.DataKeyId, ct);
            var detail = new Detail(c.Id, found.Name, c.ReceivedAt, c.Channel, c.Status,
                key is null ? null : db.Open(c, x => x.TextEnc, key, c.DataKeyId), key is null ? null : db.Open(c, x => x.OutcomeEnc, key, c.DataKeyId));
            return new Audited<Detail?>(detail, new AuditRecord(AccommodationAudit.ComplaintViewed, TargetType: AccommodationAudit.Complaint, TargetId: id, Purpose: AccommodationAudit.ComplaintReview));
        }, ct);

    /// <summary>Moves a complaint on (under review, closed); closing needs the outcome. Errors by field; null for anyone but an auditor.</summary>
    public async Task<Dictionary<string, string[]>?> UpdateAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, UpdateInput input, CancellationToken ct = default)
    {
        if (!IsOversight(roles) || !await db.ResidentComplaints.AnyAsync(c => c.Id == id, ct))
        {
            await writes.RunAsync(viewer, _ => Task.FromResult(new Audited<bool>(false, new AuditRecord(AccommodationAudit.ComplaintUpdated, AuditOutcome.Denied,
                TargetType: AccommodationAudit.Complaint, TargetId: id, Purpose: AccommodationAudit.ComplaintReview))), ct);
            return null;
        }
        var errors = new Dictionary<string, string[]>();
        if (input.Status is not { } status || !Enum.IsDefined(status))
            errors[nameof(UpdateInput.Status)] = [text["Complaint_StatusRequired"]];
        var outcome = input.Outcome?.Trim() ?? "";
        if (outcome.Length > MaxText)
            errors[nameof(UpdateInput.Outcome)] = [text["Validation_TooLong", MaxText]];
        else if (input.Status == ComplaintStatus.Closed && outcome.Length == 0)
            errors[nameof(UpdateInput.Outcome)] = [text["Complaint_OutcomeRequired"]];
        if (errors.Count > 0)
            return errors;
        return await writes.RunAsync(viewer, async ct =>
        {
            var c = await db.ResidentComplaints.FirstAsync(x => x.Id == id, ct);
            var key = await dataKeys.UnwrapAsync(c.DataKeyId, ct) ?? throw new InvalidOperationException("The complaint's key is gone.");
            c.Status = input.Status!.Value;
            if (outcome.Length > 0)
                c.OutcomeEnc = db.Seal(c, x => x.OutcomeEnc, outcome, key, c.DataKeyId);
            c.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>?>([], new AuditRecord(AccommodationAudit.ComplaintUpdated, TargetType: AccommodationAudit.Complaint, TargetId: id, Purpose: AccommodationAudit.ComplaintReview));
        }, ct);
    }
}
