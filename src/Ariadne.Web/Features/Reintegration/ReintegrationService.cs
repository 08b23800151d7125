using System.Text.Json;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Reintegration;

/// <summary>
/// A person's return and what keeps them safe afterwards (the plan's §3b and §6): the repatriation (Care; the travel
/// documents' numbers Identity), the minimal travel view shared with the partner only with the person's consent, the
/// re-trafficking risk flags (Care) and the witness-safety measures (Investigation: the Squad and the prosecutor; a shelter
/// learns only that measures are in place). Every method answers null when the case is not visible (a 404), and errors by
/// field (the empty key: a refusal) otherwise; every write is audited in its own transaction.
/// </summary>
public sealed class ReintegrationService(
    AriadneDbContext db, CaseAccess access, CaseHeaders headers, DataKeys dataKeys, AuditedWrites writes, AuditTrail audit,
    UiTime uiTime, TimeProvider time, IStringLocalizer<SharedResource> text)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The relations that see the witness-safety measures themselves: the Squad and the prosecutor.</summary>
    private static readonly Relation[] SafetyRelations = [Relation.Investigator, Relation.SquadSupervisor, Relation.Prosecutor];

    public sealed class RepatriationInput
    {
        /// <summary>ISO 3166-1 alpha-3, as the person's citizenship.</summary>
        public string? DestinationCountry { get; set; }
        public Guid? PartnerInstitutionId { get; set; }
        /// <summary>A partner organisation that is not in the system, by name.</summary>
        public string? PartnerName { get; set; }
        public TravelDocumentType? DocumentType { get; set; }
        public TravelDocumentStatus? DocumentStatus { get; set; }
        public string? DocumentNumber { get; set; }
        public EscortKind? Escort { get; set; }
        /// <summary>Who escorts, by institution and role ("Border Service, duty officer"), never a private person's details.</summary>
        public string? EscortBy { get; set; }
        public DateOnly? PlannedOn { get; set; }
        public string? ArrivalPoint { get; set; }
        public string? ReceivingOrganisation { get; set; }
        public string? NeedsOnArrival { get; set; }
    }

    public sealed class ProgressInput
    {
        public RepatriationStatus? Status { get; set; }
        /// <summary>The day the person travelled or was received.</summary>
        public DateOnly? On { get; set; }
        /// <summary>Why the repatriation is cancelled.</summary>
        public string? Reason { get; set; }
    }

    public sealed class FlagInput
    {
        public List<RetraffickingIndicator> Indicators { get; set; } = [];
        public DateOnly? ObservedOn { get; set; }
        public string? Note { get; set; }
    }

    public sealed class MeasureInput
    {
        public WitnessMeasureKind? Kind { get; set; }
        public WitnessMeasureStatus? Status { get; set; }
        public Guid? HeldByInstitutionId { get; set; }
        public string? Reference { get; set; }
    }

    public sealed class MeasureStatusInput
    {
        public Guid? MeasureId { get; set; }
        public WitnessMeasureStatus? Status { get; set; }
    }

    internal sealed record DocumentContent(TravelDocumentType Type, TravelDocumentStatus Status);

    internal sealed record RepatriationContent(string Country, string? PartnerName, List<DocumentContent> Documents, EscortKind Escort, string? EscortBy,
        DateOnly PlannedOn, DateOnly? TravelledOn, DateOnly? ReceivedOn, string? ArrivalPoint, string? ReceivingOrganisation, string? NeedsOnArrival,
        string? CancelReason);

    public sealed record DocumentRow(TravelDocumentType Type, TravelDocumentStatus Status, string? Number);

    public sealed record RepatriationRow(Guid Id, RepatriationStatus Status, string Country, Guid? PartnerInstitutionId, string? Partner,
        IReadOnlyList<DocumentRow> Documents, bool NumbersVisible, EscortKind Escort, string? EscortBy, DateOnly PlannedOn, DateOnly? TravelledOn,
        DateOnly? ReceivedOn, string? ArrivalPoint, string? ReceivingOrganisation, string? NeedsOnArrival, string? CancelReason,
        DateTimeOffset? SharedAt, bool ConsentInForce, bool PartnerSees);

    public sealed record FlagRow(Guid Id, RetraffickingIndicator Indicators, DateOnly ObservedOn, string? Note, DateTimeOffset RecordedAt, string Author,
        string Institution, DateTimeOffset? ClosedAt);

    public sealed record MeasureRow(Guid Id, WitnessMeasureKind Kind, WitnessMeasureStatus Status, string? HeldBy, string? Reference, DateTimeOffset UpdatedAt);

    public sealed record State(CaseRights Rights, string Number, CaseHeader? Header,
        bool RepatriationVisible, RepatriationRow? Repatriation, bool CanPlan, bool CanShare,
        bool FlagsVisible, IReadOnlyList<FlagRow> Flags, bool CanFlag,
        bool SafetyVisible, IReadOnlyList<MeasureRow> Measures, bool CanProtect, bool MeasuresInPlace);

    /// <summary>What the partner sees of a repatriation shared with it: the minimum for the journey, never the case.</summary>
    public sealed record PartnerRow(Guid Id, string Reference, string? FirstName, AgeBand? AgeBand, string Country, DateOnly TravelOn,
        RepatriationStatus Status, string? ArrivalPoint, string? NeedsOnArrival, string? ReceivingOrganisation);

    /// <summary>What the viewer holds on the case, for this module's rules.</summary>
    private sealed record Standing(CaseRights Rights, bool Manages)
    {
        public bool ReadOnly => Rights.IsBreakGlass;
        private bool ProviderOnly => Rights.Relations.Count > 0 && Rights.Relations.All(r => r == Relation.ServiceProvider);
        /// <summary>Care readers; a provider whose only tie is its service does not need the journey home.</summary>
        public bool RepatriationVisible => Rights.CanRead(DataClass.Care) && !ProviderOnly;
        public bool CanPlan => !ReadOnly && (Manages || (Rights.CanWrite(DataClass.Care) && !ProviderOnly));
        public bool CanShare => !ReadOnly && Manages;
        public bool FlagsVisible => Rights.CanRead(DataClass.Care);
        public bool CanFlag => !ReadOnly && (Manages || Rights.CanWrite(DataClass.Care));
        /// <summary>The Squad and the prosecutor with Investigation; never through break-glass.</summary>
        public bool SafetyVisible => !ReadOnly && Rights.CanRead(DataClass.Investigation) && Rights.Relations.Any(r => SafetyRelations.Contains(r));
        public bool CanProtect => SafetyVisible && (Manages || (Rights.Relations.Contains(Relation.Prosecutor) && Rights.CanWrite(DataClass.Legal)));
        /// <summary>A shelter learns only that measures are in place (so that its staff keep the person's presence to themselves), never which.</summary>
        public bool SafetyExistence => !SafetyVisible && !ReadOnly && Rights.Relations.Contains(Relation.Shelter);
    }

    private async Task<Standing?> StandingAsync(Viewer viewer, Guid caseId, CancellationToken ct)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
            return null;
        return new Standing(rights, !rights.IsBreakGlass && await access.ManagesAsync(viewer, caseId, ct));
    }

    private static Dictionary<string, string[]> Refusal(string message) => new() { [string.Empty] = [message] };

    private async Task<Dictionary<string, string[]>?> DeniedAsync(Viewer viewer, Guid caseId, AuditPurpose purpose, CancellationToken ct)
    {
        await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, purpose), ct);
        return null;
    }

    private DateOnly Today => uiTime.Today;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private void Max(Dictionary<string, string[]> errors, string field, string? value, int length)
    {
        if (value?.Trim().Length > length)
            errors[field] = [text["Validation_TooLong", length]];
    }

    private async Task<(byte[] Key, Guid KeyId)?> KeyAsync(Guid caseId, CancellationToken ct)
    {
        var keyId = await db.Cases.Where(x => x.Id == caseId).Select(x => x.Person!.DataKeyId).FirstAsync(ct);
        return await dataKeys.UnwrapAsync(keyId, ct) is { } key ? (key, keyId) : null;
    }

    /// <summary>The person's consent to repatriation with this partner, in force, recorded no later than <paramref name="sharedAt"/> when given.</summary>
    private IQueryable<Consent> RepatriationConsents(Guid caseId, Guid partnerId) =>
        db.Consents.Where(x => x.CaseId == caseId && x.RecipientInstitutionId == partnerId && x.Purpose == ConsentPurpose.Repatriation && x.WithdrawnAt == null);

    /// <summary>The case's reintegration tab. The read is audited.</summary>
    public Task<State?> ReadAsync(Viewer viewer, Guid caseId, CancellationToken ct = default) =>
        writes.RunAsync(viewer, async ct =>
        {
            var s = await StandingAsync(viewer, caseId, ct);
            if (s is null || !s.Rights.CanRead(DataClass.Status))
                return new Audited<State?>(null, AuditRecords.CaseDenied(viewer, caseId, ReintegrationAudit.View));
            var c = await db.Cases.AsNoTracking().Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var keyId = c.Person!.DataKeyId;
            var key = s.RepatriationVisible || s.FlagsVisible || s.SafetyVisible ? await dataKeys.UnwrapAsync(keyId, ct) : null;

            RepatriationRow? repatriation = null;
            if (s.RepatriationVisible && key is not null
                && await db.Repatriations.AsNoTracking().FirstOrDefaultAsync(r => r.CaseId == caseId, ct) is { } r
                && db.Open(r, x => x.ContentEnc, key, keyId) is { } json && JsonSerializer.Deserialize<RepatriationContent>(json, Json) is { } content)
            {
                var numbersVisible = s.Rights.CanRead(DataClass.Identity);
                var numbers = numbersVisible && db.Open(r, x => x.DocumentNumbersEnc, key, keyId) is { } n
                    ? JsonSerializer.Deserialize<Dictionary<TravelDocumentType, string>>(n, Json) ?? [] : [];
                var partner = r.PartnerInstitutionId is { } pid ? await db.Institutions.Where(i => i.Id == pid).Select(i => i.Name).FirstOrDefaultAsync(ct) : content.PartnerName;
                var consent = r.PartnerInstitutionId is { } p && await RepatriationConsents(caseId, p).AnyAsync(ct);
                var sees = r.PartnerInstitutionId is { } sp && r.SharedAt is { } shared && r.Status != RepatriationStatus.Cancelled
                    && await RepatriationConsents(caseId, sp).AnyAsync(x => x.RecordedAt <= shared, ct);
                repatriation = new RepatriationRow(r.Id, r.Status, content.Country, r.PartnerInstitutionId, partner,
                    [.. content.Documents.Select(d => new DocumentRow(d.Type, d.Status, numbers.GetValueOrDefault(d.Type)))], numbersVisible,
                    content.Escort, content.EscortBy, content.PlannedOn, content.TravelledOn, content.ReceivedOn, content.ArrivalPoint,
                    content.ReceivingOrganisation, content.NeedsOnArrival, content.CancelReason, r.SharedAt, consent, sees);
            }

            var flags = new List<FlagRow>();
            if (s.FlagsVisible)
            {
                var stored = await (from f in db.RetraffickingFlags.AsNoTracking()
                                    where f.CaseId == caseId
                                    join u in db.Users on f.RecordedBy equals u.Id
                                    join i in db.Institutions on f.RecordedByInstitutionId equals i.Id
                                    orderby f.RecordedAt descending
                                    select new { f, u.DisplayName, i.Name }).ToListAsync(ct);
                flags = [.. stored.Select(x => new FlagRow(x.f.Id, x.f.Indicators, x.f.ObservedOn, key is null ? null : db.Open(x.f, y => y.NoteEnc, key, keyId),
                    x.f.RecordedAt, x.DisplayName, x.Name, x.f.ClosedAt))];
            }

            var measures = new List<MeasureRow>();
            var inPlace = false;
            if (s.SafetyVisible)
            {
                var stored = await (from m in db.WitnessMeasures.AsNoTracking()
                                    where m.CaseId == caseId
                                    join i in db.Institutions on m.HeldByInstitutionId equals i.Id into held
                                    from i in held.DefaultIfEmpty()
                                    orderby m.RecordedAt
                                    select new { m, Held = i == null ? null : i.Name }).ToListAsync(ct);
                measures = [.. stored.Select(x => new MeasureRow(x.m.Id, x.m.Kind, x.m.Status, x.Held,
                    key is null ? null : db.Open(x.m, y => y.ReferenceEnc, key, keyId), x.m.UpdatedAt))];
            }
            else if (s.SafetyExistence)
                inPlace = await db.WitnessMeasures.AnyAsync(m => m.CaseId == caseId && m.Status == WitnessMeasureStatus.InPlace, ct);

            var header = await headers.BuildAsync(c, s.Rights, CaseTab.Reintegration, ct);
            var state = new State(s.Rights, c.Number, header, s.RepatriationVisible, repatriation, s.CanPlan && key is not null, s.CanShare,
                s.FlagsVisible, flags, s.CanFlag && key is not null, s.SafetyVisible, measures, s.CanProtect && key is not null, inPlace);
            return new Audited<State?>(state, new AuditRecord(CasesAudit.CaseViewed, TargetType: AuditTarget.Case, TargetId: caseId, CaseId: caseId,
                Relation: s.Rights.Through, Purpose: ReintegrationAudit.View));
        }, ct);

    /// <summary>Plans the repatriation, or changes its details while it has not left (documents are added or updated by type).</summary>
    public async Task<Dictionary<string, string[]>?> SaveRepatriationAsync(Viewer viewer, Guid caseId, RepatriationInput input, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, caseId, ct);
        if (s is null || !s.Rights.CanRead(DataClass.Status))
            return await DeniedAsync(viewer, caseId, ReintegrationAudit.Plan, ct);
        if (!s.CanPlan)
            return Refusal(text["Repatriation_NotWritable"]);
        if (await access.IsErasedAsync(caseId, ct) || await KeyAsync(caseId, ct) is not { } k)
            return Refusal(text["Case_Erased"]);
        var existing = await db.Repatriations.FirstOrDefaultAsync(r => r.CaseId == caseId, ct);
        if (existing is not null && existing.Status is not (RepatriationStatus.Planned or RepatriationStatus.DocumentsReady))
            return Refusal(text["Repatriation_Closed"]);
        var errors = new Dictionary<string, string[]>();
        var country = Clean(input.DestinationCountry)?.ToUpperInvariant();
        if (country is null || country.Length != 3 || !Countries.IsKnown(country))
            errors[nameof(RepatriationInput.DestinationCountry)] = [text["Repatriation_CountryRequired"]];
        var partnerName = Clean(input.PartnerName);
        if (input.PartnerInstitutionId is { } partnerId)
        {
            if (!await db.Institutions.AnyAsync(i => i.Id == partnerId && i.IsActive && i.Kind == InstitutionKind.InternationalPartner, ct))
                errors[nameof(RepatriationInput.PartnerInstitutionId)] = [text["Repatriation_PartnerInvalid"]];
            else if (partnerName is not null)
                errors[nameof(RepatriationInput.PartnerName)] = [text["Repatriation_PartnerEither"]];
        }
        else if (partnerName is null)
            errors[nameof(RepatriationInput.PartnerInstitutionId)] = [text["Repatriation_PartnerRequired"]];
        Max(errors, nameof(RepatriationInput.PartnerName), partnerName, 200);
        var number = Clean(input.DocumentNumber);
        // Document numbers are Identity: only those who write Identity record them.
        if (number is not null && !s.Rights.CanWrite(DataClass.Identity))
            errors[nameof(RepatriationInput.DocumentNumber)] = [text["Repatriation_DocumentNumberNotYours"]];
        // Choosing the partner decides who may receive the person's details: the case's managers alone change it once set.
        if (existing is not null && !s.Manages && existing.PartnerInstitutionId != input.PartnerInstitutionId)
            errors[nameof(RepatriationInput.PartnerInstitutionId)] = [text["Repatriation_PartnerNotYours"]];
        if (input.DocumentType is not null || input.DocumentStatus is not null || number is not null)
        {
            if (input.DocumentType is not { } type || !Enum.IsDefined(type))
                errors[nameof(RepatriationInput.DocumentType)] = [text["Repatriation_DocumentTypeRequired"]];
            if (input.DocumentStatus is not { } status || !Enum.IsDefined(status))
                errors[nameof(RepatriationInput.DocumentStatus)] = [text["Repatriation_DocumentStatusRequired"]];
            else if (status == TravelDocumentStatus.Issued && number is null)
                errors[nameof(RepatriationInput.DocumentNumber)] = [text["Repatriation_DocumentNumberRequired"]];
            Max(errors, nameof(RepatriationInput.DocumentNumber), number, 40);
        }
        if (input.Escort is not { } escort || !Enum.IsDefined(escort))
            errors[nameof(RepatriationInput.Escort)] = [text["Repatriation_EscortRequired"]];
        Max(errors, nameof(RepatriationInput.EscortBy), input.EscortBy, 200);
        if (input.PlannedOn is not { } planned || planned < Today.AddYears(-1) || planned > Today.AddYears(2))
            errors[nameof(RepatriationInput.PlannedOn)] = [text["Repatriation_PlannedInvalid"]];
        Max(errors, nameof(RepatriationInput.ArrivalPoint), input.ArrivalPoint, 200);
        Max(errors, nameof(RepatriationInput.ReceivingOrganisation), input.ReceivingOrganisation, 200);
        Max(errors, nameof(RepatriationInput.NeedsOnArrival), input.NeedsOnArrival, 1000);
        if (errors.Count > 0)
            return errors;
        var (key, keyId) = k;
        await writes.RunAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            var row = existing ?? new Repatriation { CaseId = caseId, CreatedAt = now, CreatedBy = viewer.UserId };
            var before = existing is null ? null : JsonSerializer.Deserialize<RepatriationContent>(db.Open(existing, x => x.ContentEnc, key, keyId)!, Json);
            var numbers = existing is not null && db.Open(existing, x => x.DocumentNumbersEnc, key, keyId) is { } n
                ? JsonSerializer.Deserialize<Dictionary<TravelDocumentType, string>>(n, Json) ?? [] : [];
            var documents = before?.Documents.ToList() ?? [];
            if (input.DocumentType is { } docType)
            {
                documents.RemoveAll(d => d.Type == docType);
                documents.Add(new DocumentContent(docType, input.DocumentStatus!.Value));
                if (number is not null)
                    numbers[docType] = number;
            }
            var content = new RepatriationContent(country!, input.PartnerInstitutionId is null ? partnerName : null, [.. documents.OrderBy(d => d.Type)],
                input.Escort!.Value, Clean(input.EscortBy), input.PlannedOn!.Value, null, null, Clean(input.ArrivalPoint), Clean(input.ReceivingOrganisation),
                Clean(input.NeedsOnArrival), null);
            // Another partner has not been given the person's details: the view shared with the old one ends.
            if (row.PartnerInstitutionId != input.PartnerInstitutionId)
            {
                row.SharedAt = null;
                row.SharedBy = null;
            }
            row.PartnerInstitutionId = input.PartnerInstitutionId;
            row.UpdatedAt = now;
            row.UpdatedBy = viewer.UserId;
            row.ContentEnc = db.Seal(row, x => x.ContentEnc, JsonSerializer.Serialize(content, Json), key, keyId);
            row.DocumentNumbersEnc = numbers.Count == 0 ? null : db.Seal(row, x => x.DocumentNumbersEnc, JsonSerializer.Serialize(numbers, Json), key, keyId);
            if (existing is null)
                db.Repatriations.Add(row);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ReintegrationAudit.RepatriationSaved, TargetType: ReintegrationAudit.Repatriation, TargetId: row.Id,
                CaseId: caseId, Relation: s.Rights.Through, Purpose: ReintegrationAudit.Plan));
        }, ct);
        return errors;
    }

    /// <summary>The repatriation moves on: documents ready (every document issued) → travelled (the day) → received (the day); or cancelled with a reason before travel.</summary>
    public async Task<Dictionary<string, string[]>?> ProgressAsync(Viewer viewer, Guid caseId, ProgressInput input, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, caseId, ct);
        if (s is null || !s.Rights.CanRead(DataClass.Status))
            return await DeniedAsync(viewer, caseId, ReintegrationAudit.Progress, ct);
        if (!s.CanPlan)
            return Refusal(text["Repatriation_NotWritable"]);
        if (await KeyAsync(caseId, ct) is not { } k)
            return Refusal(text["Case_Erased"]);
        var (key, keyId) = k;
        var row = await db.Repatriations.FirstOrDefaultAsync(r => r.CaseId == caseId, ct);
        if (row is null)
            return Refusal(text["Repatriation_None"]);
        var content = JsonSerializer.Deserialize<RepatriationContent>(db.Open(row, x => x.ContentEnc, key, keyId)!, Json)!;
        var errors = new Dictionary<string, string[]>();
        var allowed = row.Status switch
        {
            RepatriationStatus.Planned => [RepatriationStatus.DocumentsReady, RepatriationStatus.Cancelled],
            RepatriationStatus.DocumentsReady => [RepatriationStatus.Travelled, RepatriationStatus.Cancelled],
            RepatriationStatus.Travelled => new[] { RepatriationStatus.Received },
            _ => [],
        };
        if (input.Status is not { } status || !allowed.Contains(status))
            return new() { [nameof(ProgressInput.Status)] = [text["Repatriation_StepInvalid"]] };
        var reason = Clean(input.Reason);
        switch (status)
        {
            case RepatriationStatus.DocumentsReady when content.Documents.Count == 0 || content.Documents.Any(d => d.Status != TravelDocumentStatus.Issued):
                errors[nameof(ProgressInput.Status)] = [text["Repatriation_DocumentsNotIssued"]];
                break;
            case RepatriationStatus.Travelled when input.On is not { } on || on > Today || on < content.PlannedOn.AddDays(-60):
                errors[nameof(ProgressInput.On)] = [text["Repatriation_DayInvalid"]];
                break;
            case RepatriationStatus.Received when input.On is not { } on || on > Today || on < content.TravelledOn:
                errors[nameof(ProgressInput.On)] = [text["Repatriation_DayInvalid"]];
                break;
            case RepatriationStatus.Cancelled when reason is null:
                errors[nameof(ProgressInput.Reason)] = [text["Repatriation_ReasonRequired"]];
                break;
        }
        Max(errors, nameof(ProgressInput.Reason), reason, 500);
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            content = status switch
            {
                RepatriationStatus.Travelled => content with { TravelledOn = input.On },
                RepatriationStatus.Received => content with { ReceivedOn = input.On },
                RepatriationStatus.Cancelled => content with { CancelReason = reason },
                _ => content,
            };
            row.Status = status;
            row.UpdatedAt = time.GetUtcNow();
            row.UpdatedBy = viewer.UserId;
            row.ContentEnc = db.Seal(row, x => x.ContentEnc, JsonSerializer.Serialize(content, Json), key, keyId);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ReintegrationAudit.RepatriationSaved, TargetType: ReintegrationAudit.Repatriation, TargetId: row.Id,
                CaseId: caseId, Relation: s.Rights.Through, Purpose: ReintegrationAudit.Progress.For(status)));
        }, ct);
        return errors;
    }

    /// <summary>
    /// The case's investigator shares the minimal travel view with the partner institution: refused without the person's
    /// consent to repatriation with that partner (nothing is shared). The view ends when the consent is withdrawn.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> ShareAsync(Viewer viewer, Guid caseId, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, caseId, ct);
        if (s is null || !s.Rights.CanRead(DataClass.Status))
            return await DeniedAsync(viewer, caseId, ReintegrationAudit.Share, ct);
        if (!s.CanShare)
            return Refusal(text["Repatriation_ShareNotAllowed"]);
        if (await access.IsErasedAsync(caseId, ct))
            return Refusal(text["Case_Erased"]);
        var row = await db.Repatriations.FirstOrDefaultAsync(r => r.CaseId == caseId, ct);
        if (row is null)
            return Refusal(text["Repatriation_None"]);
        if (row.PartnerInstitutionId is not { } partnerId)
            return new() { [nameof(RepatriationInput.PartnerInstitutionId)] = [text["Repatriation_PartnerNotInSystem"]] };
        if (row.Status is RepatriationStatus.Cancelled or RepatriationStatus.Received)
            return Refusal(text["Repatriation_Closed"]);
        // A child's circle stays small and named: the partner takes a child on through an onward referral, whose grant names its officer.
        if (await db.Cases.AnyAsync(c => c.Id == caseId && c.IsMinor, ct))
            return Refusal(text["Repatriation_ChildByName"]);
        if (!await RepatriationConsents(caseId, partnerId).AnyAsync(ct))
            return Refusal(text["Repatriation_NeedsConsent"]);
        await writes.RunAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            row.SharedAt = now;
            row.SharedBy = viewer.UserId;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ReintegrationAudit.RepatriationShared, TargetType: ReintegrationAudit.Repatriation, TargetId: row.Id,
                CaseId: caseId, Relation: s.Rights.Through, Purpose: ReintegrationAudit.Share));
        }, ct);
        return [];
    }

    /// <summary>
    /// The partner's list: the repatriations shared with the viewer's institution whose consent is still in force (recorded
    /// before the share), each with the minimum for the journey. Null when the viewer's roles cannot act for a partner.
    /// Each person shown is audited against their case.
    /// </summary>
    public async Task<IReadOnlyList<PartnerRow>?> PartnerViewAsync(Viewer viewer, CancellationToken ct = default)
    {
        if (!viewer.InstitutionRelations.Contains(Relation.RepatriationPartner))
            return null;
        return await writes.RunAsync(viewer, async ct =>
        {
            var consents = db.Consents;
            var rows = await (from r in db.Repatriations.AsNoTracking()
                              where r.PartnerInstitutionId == viewer.InstitutionId && r.SharedAt != null && r.Status != RepatriationStatus.Cancelled
                                    && consents.Any(x => x.CaseId == r.CaseId && x.RecipientInstitutionId == viewer.InstitutionId
                                        && x.Purpose == ConsentPurpose.Repatriation && x.WithdrawnAt == null && x.RecordedAt <= r.SharedAt)
                              join c in db.Cases on r.CaseId equals c.Id
                              // A child's journey never goes to a whole institution, whenever the case became a child's.
                              where !c.IsMinor
                              join p in db.People on c.PersonId equals p.Id
                              select new { r, p }).ToListAsync(ct);
            var keys = await dataKeys.UnwrapManyAsync(rows.Select(x => x.p.DataKeyId), ct);
            var today = Today;
            var result = new List<PartnerRow>();
            foreach (var x in rows)
            {
                if (keys.GetValueOrDefault(x.p.DataKeyId) is not { } key
                    || db.Open(x.r, y => y.ContentEnc, key, x.p.DataKeyId) is not { } json
                    || JsonSerializer.Deserialize<RepatriationContent>(json, Json) is not { } content)
                    continue; // erased
                var band = CaseHeaders.Band(db.Open(x.p, y => y.DateOfBirthEnc, key, x.p.DataKeyId), today);
                result.Add(new PartnerRow(x.r.Id, "R-" + x.r.Id.ToString("N")[^8..].ToUpperInvariant(), db.Open(x.p, y => y.GivenNameEnc, key, x.p.DataKeyId),
                    band, content.Country, content.TravelledOn ?? content.PlannedOn, x.r.Status, content.ArrivalPoint, content.NeedsOnArrival,
                    content.ReceivingOrganisation));
                await audit.AppendAsync(new AuditRecord(ReintegrationAudit.PartnerViewed, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                    TargetType: ReintegrationAudit.Repatriation, TargetId: x.r.Id, CaseId: x.r.CaseId, Relation: nameof(Relation.RepatriationPartner),
                    Purpose: ReintegrationAudit.PartnerView), ct);
            }
            return new Audited<IReadOnlyList<PartnerRow>>([.. result.OrderBy(r => r.TravelOn)], new AuditRecord(CasesAudit.CaseSearched, Purpose: ReintegrationAudit.PartnerView));
        }, ct);
    }

    /// <summary>Records a re-trafficking risk flag: at least one indicator, the day it was seen, an optional note (sealed).</summary>
    public async Task<Dictionary<string, string[]>?> FlagAsync(Viewer viewer, Guid caseId, FlagInput input, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, caseId, ct);
        if (s is null || !s.Rights.CanRead(DataClass.Status))
            return await DeniedAsync(viewer, caseId, ReintegrationAudit.Flag, ct);
        if (!s.CanFlag)
            return Refusal(text["Flag_NotWritable"]);
        if (await access.IsErasedAsync(caseId, ct) || await KeyAsync(caseId, ct) is not { } k)
            return Refusal(text["Case_Erased"]);
        var (key, keyId) = k;
        var errors = new Dictionary<string, string[]>();
        var indicators = input.Indicators.Aggregate(RetraffickingIndicator.None, (a, b) => a | b);
        if (indicators == RetraffickingIndicator.None || input.Indicators.Any(i => i == RetraffickingIndicator.None || !Enum.IsDefined(i)))
            errors[nameof(FlagInput.Indicators)] = [text["Flag_IndicatorsRequired"]];
        if (input.ObservedOn is not { } observed || observed > Today || observed < Today.AddYears(-1))
            errors[nameof(FlagInput.ObservedOn)] = [text["Flag_DateInvalid"]];
        Max(errors, nameof(FlagInput.Note), input.Note, 2000);
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            var flag = new RetraffickingFlag
            {
                CaseId = caseId,
                Indicators = indicators,
                ObservedOn = input.ObservedOn!.Value,
                RecordedAt = time.GetUtcNow(),
                RecordedBy = viewer.UserId,
                RecordedByInstitutionId = viewer.InstitutionId,
            };
            flag.NoteEnc = db.Seal(flag, x => x.NoteEnc, Clean(input.Note), key, keyId);
            db.RetraffickingFlags.Add(flag);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ReintegrationAudit.FlagRecorded, TargetType: ReintegrationAudit.RetraffickingFlag, TargetId: flag.Id,
                CaseId: caseId, Relation: s.Rights.Through, Purpose: ReintegrationAudit.Flag));
        }, ct);
        return errors;
    }

    /// <summary>Closes an open flag (the risk has passed).</summary>
    public async Task<Dictionary<string, string[]>?> CloseFlagAsync(Viewer viewer, Guid caseId, Guid flagId, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, caseId, ct);
        if (s is null || !s.Rights.CanRead(DataClass.Status))
            return await DeniedAsync(viewer, caseId, ReintegrationAudit.CloseFlag, ct);
        if (!s.CanFlag)
            return Refusal(text["Flag_NotWritable"]);
        var flag = await db.RetraffickingFlags.FirstOrDefaultAsync(f => f.Id == flagId && f.CaseId == caseId && f.ClosedAt == null, ct);
        if (flag is null)
            return Refusal(text["Flag_NotOpen"]);
        await writes.RunAsync(viewer, async ct =>
        {
            flag.ClosedAt = time.GetUtcNow();
            flag.ClosedBy = viewer.UserId;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ReintegrationAudit.FlagClosed, TargetType: ReintegrationAudit.RetraffickingFlag, TargetId: flag.Id,
                CaseId: caseId, Relation: s.Rights.Through, Purpose: ReintegrationAudit.CloseFlag));
        }, ct);
        return [];
    }

    /// <summary>How many people have an open re-trafficking flag: a number for the Coordinator, never who.</summary>
    public Task<int> OpenFlagCountAsync(CancellationToken ct = default)
    {
        var cases = db.Cases;
        return (from f in db.RetraffickingFlags where f.ClosedAt == null join c in cases on f.CaseId equals c.Id select c.PersonId).Distinct().CountAsync(ct);
    }

    /// <summary>Records a witness-safety measure (the Squad or the prosecutor): a relocation names the institution that holds the location, nothing more.</summary>
    public async Task<Dictionary<string, string[]>?> SaveMeasureAsync(Viewer viewer, Guid caseId, MeasureInput input, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, caseId, ct);
        if (s is null || !s.SafetyVisible)
        {
            // Not the Squad or the prosecutor: the measures are not theirs to know of, as if the case were not there.
            if (s is null)
                return await DeniedAsync(viewer, caseId, ReintegrationAudit.Safety, ct);
            return Refusal(text["Measure_NotWritable"]);
        }
        if (!s.CanProtect)
            return Refusal(text["Measure_NotWritable"]);
        if (await access.IsErasedAsync(caseId, ct) || await KeyAsync(caseId, ct) is not { } k)
            return Refusal(text["Case_Erased"]);
        var (key, keyId) = k;
        var errors = new Dictionary<string, string[]>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
            errors[nameof(MeasureInput.Kind)] = [text["Measure_KindRequired"]];
        if (input.Status is not { } status || status is not (WitnessMeasureStatus.Requested or WitnessMeasureStatus.InPlace))
            errors[nameof(MeasureInput.Status)] = [text["Measure_StatusRequired"]];
        if (input.Kind == WitnessMeasureKind.Relocation)
        {
            if (input.HeldByInstitutionId is not { } held || !await db.Institutions.AnyAsync(i => i.Id == held && i.IsActive, ct))
                errors[nameof(MeasureInput.HeldByInstitutionId)] = [text["Measure_HeldByRequired"]];
        }
        else if (input.HeldByInstitutionId is not null)
            errors[nameof(MeasureInput.HeldByInstitutionId)] = [text["Measure_HeldByOnlyRelocation"]];
        var reference = Clean(input.Reference);
        if (reference is not null && (reference.Length > 40 || !reference.All(ch => char.IsLetterOrDigit(ch) || ch is '-' or '/' or '.' or ' ')))
            errors[nameof(MeasureInput.Reference)] = [text["Measure_ReferenceInvalid"]];
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            var measure = new WitnessMeasure
            {
                CaseId = caseId,
                Kind = input.Kind!.Value,
                Status = input.Status!.Value,
                HeldByInstitutionId = input.HeldByInstitutionId,
                RecordedAt = now,
                RecordedBy = viewer.UserId,
                UpdatedAt = now,
                UpdatedBy = viewer.UserId,
            };
            measure.ReferenceEnc = db.Seal(measure, x => x.ReferenceEnc, reference, key, keyId);
            db.WitnessMeasures.Add(measure);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ReintegrationAudit.MeasureSaved, TargetType: ReintegrationAudit.Measure, TargetId: measure.Id,
                CaseId: caseId, Relation: s.Rights.Through, Purpose: ReintegrationAudit.Safety.For(measure.Kind)));
        }, ct);
        return errors;
    }

    /// <summary>A measure moves on: requested → in place → ended (or requested → ended).</summary>
    public async Task<Dictionary<string, string[]>?> MeasureStatusAsync(Viewer viewer, Guid caseId, MeasureStatusInput input, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, caseId, ct);
        if (s is null)
            return await DeniedAsync(viewer, caseId, ReintegrationAudit.Safety, ct);
        if (!s.CanProtect)
            return Refusal(text["Measure_NotWritable"]);
        var measure = input.MeasureId is { } id ? await db.WitnessMeasures.FirstOrDefaultAsync(m => m.Id == id && m.CaseId == caseId, ct) : null;
        if (measure is null)
            return new() { [nameof(MeasureStatusInput.MeasureId)] = [text["Measure_NotFound"]] };
        var allowed = measure.Status switch
        {
            WitnessMeasureStatus.Requested => [WitnessMeasureStatus.InPlace, WitnessMeasureStatus.Ended],
            WitnessMeasureStatus.InPlace => new[] { WitnessMeasureStatus.Ended },
            _ => [],
        };
        if (input.Status is not { } status || !allowed.Contains(status))
            return new() { [nameof(MeasureStatusInput.Status)] = [text["Measure_StepInvalid"]] };
        await writes.RunAsync(viewer, async ct =>
        {
            measure.Status = status;
            measure.UpdatedAt = time.GetUtcNow();
            measure.UpdatedBy = viewer.UserId;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ReintegrationAudit.MeasureSaved, TargetType: ReintegrationAudit.Measure, TargetId: measure.Id,
                CaseId: caseId, Relation: s.Rights.Through, Purpose: ReintegrationAudit.Safety.For(measure.Kind)));
        }, ct);
        return [];
    }
}
