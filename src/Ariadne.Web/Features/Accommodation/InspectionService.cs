using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// The conditions of secure accommodation (plan §6, CoE Convention art. 12 §1) and the inspections that check them.
/// Who: the Coordinator's office and the oversight body inspect any shelter; a shelter's manager records the shelter's
/// own self-assessment; the shelter's staff read their own shelter's inspections. Nobody else (not another shelter, not
/// the Squad) sees or records one. A condition not met is told to the Coordinator (no address, no person) and counted on
/// the Coordinator's home until the follow-up is closed. The findings are sealed under the shelter's data key.
/// </summary>
public sealed class InspectionService(
    AriadneDbContext db, DataKeys dataKeys, AuditedWrites writes, TimeProvider time, UiTime uiTime, IStringLocalizer<SharedResource> text)
{
    /// <summary>Those who inspect any shelter from outside: the Coordinator's office and the oversight body.</summary>
    public static readonly string[] Inspectors = [RoleCatalog.Coordinator, RoleCatalog.Auditor];

    public static readonly ShelterCondition[] PlanConditions =
    [
        ShelterCondition.SecuredBuilding, ShelterCondition.Telephone, ShelterCondition.MedicalCare, ShelterCondition.LegalAssistance,
        ShelterCondition.Translator, ShelterCondition.ConversationRoom, ShelterCondition.Confidentiality,
    ];

    public static readonly ShelterCondition[] ConventionConditions =
    [
        ShelterCondition.AppropriateSecureAccommodation, ShelterCondition.PsychologicalMaterialAssistance, ShelterCondition.EmergencyMedicalTreatment,
        ShelterCondition.TranslationInterpretation, ShelterCondition.CounsellingOnRights, ShelterCondition.CriminalProceedingsAssistance,
        ShelterCondition.EducationForChildren,
    ];

    private static readonly string[] ResultNames = Enum.GetNames<ConditionResult>();

    public const int MaxFindings = 4000;
    public const int MaxAction = 500;
    public const int MaxRules = 8000;

    public sealed record ShelterRow(Guid Id, string Name, int OpenFailed);

    public sealed record InspectionRow(Guid Id, DateOnly On, string Inspector, bool SelfAssessment, IReadOnlyDictionary<ShelterCondition, ConditionResult> Results,
        string? Findings, string? FollowUpAction, DateOnly? FollowUpDue, DateTimeOffset? ClosedAt, bool CanClose)
    {
        public int Failed => Results.Values.Count(r => r == ConditionResult.NotMet);
    }

    public sealed record ShelterConditions(Guid Id, string Name, bool CanRecord, bool SelfAssessment, bool CanEditRules,
        string? RulesAz, string? RulesRu, string? RulesEn, IReadOnlyList<InspectionRow> Inspections);

    public sealed class InspectionInput
    {
        public DateOnly? On { get; set; }
        /// <summary>Each condition's result by the condition's name (the page reads one radio group per condition).</summary>
        public Dictionary<string, string?> Results { get; set; } = [];
        public string? Findings { get; set; }
        public string? FollowUpAction { get; set; }
        public DateOnly? FollowUpDue { get; set; }
    }

    public sealed class RulesInput
    {
        public string? Az { get; set; }
        public string? Ru { get; set; }
        public string? En { get; set; }
    }

    private static bool IsInspector(IReadOnlyCollection<string> roles) => AccommodationRoles.Any(roles, Inspectors);

    /// <summary>The one rule: who may see a shelter's inspections (an inspector, or the shelter's own staff).</summary>
    private static bool MaySee(Shelter shelter, Viewer viewer, IReadOnlyCollection<string> roles) =>
        IsInspector(roles) || (shelter.InstitutionId == viewer.InstitutionId && AccommodationRoles.Any(roles, AccommodationRoles.Staff));

    /// <summary>Who may record an inspection of it: an inspector, or its own manager (then a self-assessment).</summary>
    private static bool MayRecord(Shelter shelter, Viewer viewer, IReadOnlyCollection<string> roles) =>
        IsInspector(roles) || (shelter.InstitutionId == viewer.InstitutionId && AccommodationRoles.Any(roles, AccommodationRoles.Managers));

    private static bool MayClose(ShelterInspection inspection, Shelter shelter, Viewer viewer, IReadOnlyCollection<string> roles) =>
        inspection.FollowUpClosedAt is null && inspection.Items.Any(i => i.Result == ConditionResult.NotMet)
        && (IsInspector(roles) || (inspection.SelfAssessment && shelter.InstitutionId == viewer.InstitutionId && AccommodationRoles.Any(roles, AccommodationRoles.Managers)));

    /// <summary>The open failed conditions of each shelter: conditions not met in inspections whose follow-up is not closed.</summary>
    public IQueryable<InspectionItem> OpenFailed() =>
        from i in db.InspectionItems
        join x in db.ShelterInspections on i.InspectionId equals x.Id
        where i.Result == ConditionResult.NotMet && x.FollowUpClosedAt == null
        select i;

    /// <summary>The shelters the viewer may look at, with their open failed conditions: all for an inspector, their own for a shelter's staff. Null for anyone else.</summary>
    public async Task<IReadOnlyList<ShelterRow>?> ListAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var own = AccommodationRoles.Any(roles, AccommodationRoles.Staff);
        if (!IsInspector(roles) && !own)
            return null;
        var shelters = IsInspector(roles) ? db.Shelters.AsNoTracking() : db.Shelters.AsNoTracking().Where(s => s.InstitutionId == viewer.InstitutionId);
        var rows = await shelters.OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var counts = await (from i in OpenFailed()
                            join x in db.ShelterInspections on i.InspectionId equals x.Id
                            where ids.Contains(x.ShelterId)
                            group i by x.ShelterId into g
                            select new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return rows.Select(r => new ShelterRow(r.Id, r.Name, counts.GetValueOrDefault(r.Id))).ToList();
    }

    /// <summary>For the Coordinator's home: the open failed conditions by shelter name (names and counts, never an address).</summary>
    public async Task<IReadOnlyList<(string Shelter, int Count)>> OpenFailedByShelterAsync(CancellationToken ct = default) =>
        (await (from i in OpenFailed()
                join x in db.ShelterInspections on i.InspectionId equals x.Id
                join s in db.Shelters on x.ShelterId equals s.Id
                group i by new { s.Id, s.Name } into g
                select new { g.Key.Name, Count = g.Count() }).ToListAsync(ct))
        .OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal).Select(g => (g.Name, g.Count)).ToList();

    /// <summary>One shelter's inspections with their findings, and its house rules. Null when the viewer may not see them.</summary>
    public async Task<ShelterConditions?> ReadAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid shelterId, CancellationToken ct = default)
    {
        var shelter = await db.Shelters.AsNoTracking().FirstOrDefaultAsync(s => s.Id == shelterId, ct);
        if (shelter is null || !MaySee(shelter, viewer, roles))
        {
            await writes.RunAsync(viewer, _ => Task.FromResult(new Audited<bool>(false, new AuditRecord(AccommodationAudit.InspectionsViewed, AuditOutcome.Denied,
                TargetType: AccommodationAudit.Shelter, TargetId: shelterId, Purpose: AccommodationAudit.Inspect))), ct);
            return null;
        }
        return await writes.RunAsync(viewer, async ct =>
        {
            var inspections = await db.ShelterInspections.AsNoTracking().Include(i => i.Items).Where(i => i.ShelterId == shelterId)
                .OrderByDescending(i => i.InspectedOn).ThenByDescending(i => i.RecordedAt).ToListAsync(ct);
            var institutions = inspections.Select(i => i.InspectorInstitutionId).Distinct().ToList();
            var names = await db.Institutions.AsNoTracking().Where(i => institutions.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
            var key = await dataKeys.UnwrapAsync(shelter.DataKeyId, ct);
            var rows = inspections.Select(i => new InspectionRow(i.Id, i.InspectedOn, names.GetValueOrDefault(i.InspectorInstitutionId) ?? "—", i.SelfAssessment,
                i.Items.ToDictionary(x => x.Condition, x => x.Result),
                key is null ? null : db.Open(i, x => x.FindingsEnc, key, shelter.DataKeyId),
                i.FollowUpAction, i.FollowUpDue, i.FollowUpClosedAt, MayClose(i, shelter, viewer, roles))).ToList();
            var view = new ShelterConditions(shelter.Id, shelter.Name, MayRecord(shelter, viewer, roles), !IsInspector(roles),
                shelter.InstitutionId == viewer.InstitutionId && AccommodationRoles.Any(roles, AccommodationRoles.Managers),
                shelter.HouseRulesAz, shelter.HouseRulesRu, shelter.HouseRulesEn, rows);
            return new Audited<ShelterConditions?>(view, new AuditRecord(AccommodationAudit.InspectionsViewed, TargetType: AccommodationAudit.Shelter,
                TargetId: shelterId, Purpose: AccommodationAudit.Inspect));
        }, ct);
    }

    /// <summary>
    /// Records an inspection: every condition answered, the date not in the future, and for any condition not met the
    /// follow-up action and its due date. Errors by field, nothing saved; null when the viewer may not record one.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> RecordAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid shelterId, InspectionInput input, CancellationToken ct = default)
    {
        var shelter = await db.Shelters.AsNoTracking().FirstOrDefaultAsync(s => s.Id == shelterId, ct);
        if (shelter is null || !MayRecord(shelter, viewer, roles))
        {
            await writes.RunAsync(viewer, _ => Task.FromResult(new Audited<bool>(false, new AuditRecord(AccommodationAudit.InspectionRecorded, AuditOutcome.Denied,
                TargetType: AccommodationAudit.Shelter, TargetId: shelterId, Purpose: AccommodationAudit.Inspect))), ct);
            return null;
        }
        var today = uiTime.Today;
        var errors = new Dictionary<string, string[]>();
        if (input.On is not { } on || on > today)
            errors[nameof(InspectionInput.On)] = [text["Inspection_DateInvalid"]];
        var results = new Dictionary<ShelterCondition, ConditionResult>();
        foreach (var condition in PlanConditions.Concat(ConventionConditions))
        {
            // Exactly one of the three names: Enum.TryParse would also take "Met,NotMet" (or-ed into NotApplicable).
            if (input.Results.TryGetValue(condition.ToString(), out var raw) && raw is not null && ResultNames.Contains(raw.Trim(), StringComparer.Ordinal))
                results[condition] = Enum.Parse<ConditionResult>(raw.Trim());
            else
                errors[condition.ToString()] = [text["Inspection_ResultRequired", text["ShelterCondition_" + condition]]];
        }
        var findings = input.Findings?.Trim() ?? "";
        if (findings.Length > MaxFindings)
            errors[nameof(InspectionInput.Findings)] = [text["Validation_TooLong", MaxFindings]];
        var failed = results.Values.Any(r => r == ConditionResult.NotMet);
        var action = input.FollowUpAction?.Trim() ?? "";
        if (action.Length > MaxAction)
            errors[nameof(InspectionInput.FollowUpAction)] = [text["Validation_TooLong", MaxAction]];
        else if (failed && action.Length == 0)
            errors[nameof(InspectionInput.FollowUpAction)] = [text["Inspection_ActionRequired"]];
        if (failed && (input.FollowUpDue is not { } due || due < today))
            errors[nameof(InspectionInput.FollowUpDue)] = [text["Inspection_DueInvalid"]];
        if (errors.Count > 0)
            return errors;
        return await writes.RunAsync(viewer, async ct =>
        {
            var key = await dataKeys.UnwrapAsync(shelter.DataKeyId, ct) ?? throw new InvalidOperationException("The shelter's key is gone.");
            var inspection = new ShelterInspection
            {
                ShelterId = shelterId,
                InspectedOn = input.On!.Value,
                InspectorUserId = viewer.UserId,
                InspectorInstitutionId = viewer.InstitutionId,
                SelfAssessment = !IsInspector(roles),
                RecordedAt = time.GetUtcNow(),
                FollowUpAction = action.Length == 0 ? null : action,
                FollowUpDue = failed ? input.FollowUpDue : null,
                Items = [.. results.Select(r => new InspectionItem { Condition = r.Key, Result = r.Value })],
            };
            if (findings.Length > 0)
                inspection.FindingsEnc = db.Seal(inspection, i => i.FindingsEnc, findings, key, shelter.DataKeyId);
            db.ShelterInspections.Add(inspection);
            if (failed)
                db.Notifications.Add(new Notification { RecipientRole = RoleCatalog.Coordinator, Kind = AccommodationAudit.ConditionFailedNotice, CreatedAt = inspection.RecordedAt });
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>?>([], new AuditRecord(AccommodationAudit.InspectionRecorded, TargetType: AccommodationAudit.Inspection,
                TargetId: inspection.Id, Purpose: AccommodationAudit.Inspect));
        }, ct);
    }

    /// <summary>Closes the follow-up of an inspection with failed conditions (they stop counting as open). False when not allowed or nothing to close.</summary>
    public async Task<bool> CloseAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid inspectionId, CancellationToken ct = default) =>
        await writes.RunAsync(viewer, async ct =>
        {
            var inspection = await db.ShelterInspections.Include(i => i.Items).FirstOrDefaultAsync(i => i.Id == inspectionId, ct);
            var shelter = inspection is null ? null : await db.Shelters.AsNoTracking().FirstAsync(s => s.Id == inspection.ShelterId, ct);
            var done = inspection is not null && MayClose(inspection, shelter!, viewer, roles);
            if (done)
            {
                inspection!.FollowUpClosedAt = time.GetUtcNow();
                inspection.FollowUpClosedBy = viewer.UserId;
                await db.SaveChangesAsync(ct);
            }
            return new Audited<bool>(done, new AuditRecord(AccommodationAudit.InspectionClosed, done ? AuditOutcome.Allowed : AuditOutcome.Denied,
                TargetType: AccommodationAudit.Inspection, TargetId: inspectionId, Purpose: AccommodationAudit.Inspect));
        }, ct);

    /// <summary>Saves the shelter's house rules in az, ru and en (at least one). Only its own managers. Null when not allowed.</summary>
    public async Task<Dictionary<string, string[]>?> SaveRulesAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid shelterId, RulesInput input, CancellationToken ct = default)
    {
        if (!AccommodationRoles.Any(roles, AccommodationRoles.Managers)
            || !await db.Shelters.AnyAsync(s => s.Id == shelterId && s.InstitutionId == viewer.InstitutionId, ct))
            return null;
        var (az, ru, en) = (input.Az?.Trim() ?? "", input.Ru?.Trim() ?? "", input.En?.Trim() ?? "");
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in new[] { (nameof(RulesInput.Az), az), (nameof(RulesInput.Ru), ru), (nameof(RulesInput.En), en) })
            if (value.Length > MaxRules)
                errors[field] = [text["Validation_TooLong", MaxRules]];
        if (az.Length == 0 && ru.Length == 0 && en.Length == 0)
            errors[nameof(RulesInput.Az)] = [text["HouseRules_Required"]];
        if (errors.Count > 0)
            return errors;
        return await writes.RunAsync(viewer, async ct =>
        {
            var shelter = await db.Shelters.FirstAsync(s => s.Id == shelterId, ct);
            (shelter.HouseRulesAz, shelter.HouseRulesRu, shelter.HouseRulesEn) = (az.Length == 0 ? null : az, ru.Length == 0 ? null : ru, en.Length == 0 ? null : en);
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>?>([], new AuditRecord(AccommodationAudit.HouseRulesSaved, TargetType: AccommodationAudit.Shelter,
                TargetId: shelterId, Purpose: AccommodationAudit.HouseRules));
        }, ct);
    }
}
