using System.Text.Json;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Protection;

/// <summary>The risk assessment of a case (traffickers, health, re-trafficking, notes), sealed under the person's key; each one is kept, the newest shown first.</summary>
public sealed class RiskService(
    AriadneDbContext db, CaseAccess access, DataKeys dataKeys, AuditedWrites writes, AuditTrail audit, TimeProvider time, IStringLocalizer<SharedResource> text)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed class RiskInput
    {
        public RiskLevel? Traffickers { get; set; }
        public RiskLevel? Health { get; set; }
        public RiskLevel? Retrafficking { get; set; }
        public string? Notes { get; set; }
    }

    public async Task<Dictionary<string, string[]>?> AssessRiskAsync(Viewer viewer, Guid caseId, RiskInput input, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
        {
            await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, ProtectionAudit.AssessRisk), ct);
            return null;
        }
        var errors = new Dictionary<string, string[]>();
        if (rights.IsBreakGlass || !rights.CanWrite(DataClass.Investigation))
        {
            errors[string.Empty] = [text["Case_NotWritable"]];
            return errors;
        }
        if (await access.IsErasedAsync(caseId, ct))
        {
            errors[string.Empty] = [text["Case_Erased"]];
            return errors;
        }
        foreach (var (name, value) in new[] { (nameof(RiskInput.Traffickers), input.Traffickers), (nameof(RiskInput.Health), input.Health), (nameof(RiskInput.Retrafficking), input.Retrafficking) })
            if (value is not { } level || !Enum.IsDefined(level))
                errors[name] = [text["Risk_LevelRequired"]];
        if (input.Notes?.Trim().Length > 4000)
            errors[nameof(RiskInput.Notes)] = [text["Validation_TooLong", 4000]];
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            var c = await db.Cases.AsNoTracking().Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var key = await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct) ?? throw new InvalidOperationException("Erased.");
            var assessment = new RiskAssessment { CaseId = caseId, RecordedAt = time.GetUtcNow(), RecordedBy = viewer.UserId };
            var content = new RiskContent(input.Traffickers!.Value, input.Health!.Value, input.Retrafficking!.Value, string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim());
            assessment.ContentEnc = db.Seal(assessment, r => r.ContentEnc, ProtectionRules.Blank(JsonSerializer.Serialize(content, Json)), key, c.Person.DataKeyId);
            db.RiskAssessments.Add(assessment);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ProtectionAudit.RiskAssessed, TargetType: ProtectionAudit.Risk, TargetId: assessment.Id,
                CaseId: caseId, Relation: rights.Through, Purpose: ProtectionAudit.AssessRisk));
        }, ct);
        return errors;
    }
}
