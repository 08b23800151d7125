using System.Text;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Protection;

/// <summary>
/// One rule, used by every write path that attaches conditions to assistance (the placement page and service, the service
/// referral): a value that is an <see cref="AssistanceCondition"/> passes; one that ties assistance to the investigation
/// (cooperation, testimony, evidence, statements to the police — in any of the three languages) is refused with the plan's
/// words, nothing is saved, and the attempt is flagged to oversight (an audit event and a notice to the auditors and the
/// Coordinator, in the same transaction); anything else is refused as unknown.
/// </summary>
public sealed class AssistanceConditions(AriadneDbContext db, AuditedWrites writes, TimeProvider time, IStringLocalizer<SharedResource> text)
{
    /// <summary>Words that tie assistance to the criminal proceedings (matched inside any submitted value, by their <see cref="Skeleton"/>).</summary>
    private static readonly string[] InvestigationWords =
    [
        "cooperat", "co-operat", "testi", "evidence", "police", "investigat", "statement", "witness", "prosecut", "court", "interrogat",
        "сотруднич", "показан", "свидетел", "полиц", "следств", "расследов", "допрос", "прокурат", "суд",
        "əməkdaşlıq", "ifadə", "şahid", "polis", "istintaq", "dindirmə", "prokuror", "məhkəmə", "sübut",
    ];

    private static readonly string[] Names = Enum.GetNames<AssistanceCondition>();

    /// <summary>Cyrillic and Greek letters that read as Latin ones (after lower-casing), so a word spelt in mixed scripts is still seen.</summary>
    private static readonly Dictionary<char, char> LookAlikes =
        "авекмнорстухіјѕԁɡαβεικνορτυχ".Zip("abekmhopctyxijsdgabeikvoptux").ToDictionary(p => p.First, p => p.Second);

    /// <summary>The words as <see cref="Skeleton"/> reads them (declared after the look-alikes it uses).</summary>
    private static readonly string[] WordSkeletons = [.. InvestigationWords.Select(Skeleton).Distinct()];

    /// <summary>
    /// The value as a reader sees it: compatibility forms folded (full-width letters), accents and other marks dropped, every
    /// character that is not a letter dropped (spaces, hyphens, soft hyphens, zero-width and other invisible characters), lower
    /// case with the Azerbaijani and Turkish I's as i, and look-alike Cyrillic and Greek letters read as Latin.
    /// </summary>
    internal static string Skeleton(string value)
    {
        var skeleton = new StringBuilder(value.Length);
        foreach (var ch in value.Normalize(NormalizationForm.FormKD))
        {
            if (!char.IsLetter(ch))
                continue;
            var lower = ch is 'I' or 'ı' ? 'i' : char.ToLowerInvariant(ch);
            skeleton.Append(LookAlikes.GetValueOrDefault(lower, lower));
        }
        return skeleton.ToString();
    }

    /// <summary>Whether the value ties assistance to the criminal proceedings, however it is spelt.</summary>
    private static bool TiesToInvestigation(string value)
    {
        var skeleton = Skeleton(value);
        return WordSkeletons.Any(w => skeleton.Contains(w, StringComparison.Ordinal));
    }

    public sealed record Verdict(IReadOnlyList<AssistanceCondition> Conditions, bool Conditional, bool Unknown)
    {
        public bool Ok => !Conditional && !Unknown;
    }

    /// <summary>Sorts the submitted values: the allowed conditions, and whether any ties assistance to the investigation or is unknown.</summary>
    public static Verdict Judge(IEnumerable<string?> values)
    {
        var allowed = new List<AssistanceCondition>();
        bool conditional = false, unknown = false;
        foreach (var raw in values)
        {
            var value = raw?.Trim() ?? "";
            if (value.Length == 0)
                continue;
            // Exactly one listed name: Enum.TryParse would also take "A,B" (their values or-ed into another condition) or a number.
            if (Names.Contains(value, StringComparer.Ordinal))
            {
                var c = Enum.Parse<AssistanceCondition>(value);
                if (!allowed.Contains(c))
                    allowed.Add(c);
            }
            else if (TiesToInvestigation(value))
                conditional = true;
            else
                unknown = true;
        }
        return new Verdict(allowed, conditional, unknown);
    }

    /// <summary>
    /// Checks the values for the field. Null when they may be saved (<paramref name="verdict"/> then holds them); else the
    /// field's error. An attempt to make assistance conditional is flagged to oversight before returning.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> RefuseConditionalAsync(Viewer viewer, Guid caseId, string field, IEnumerable<string?> values, AuditPurpose purpose, CancellationToken ct)
    {
        var verdict = Judge(values);
        if (verdict.Ok)
            return null;
        if (!verdict.Conditional)
            return new() { [field] = [text["Assistance_ConditionUnknown"]] };
        await writes.RunAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            foreach (var role in Oversight)
                db.Notifications.Add(new Notification { RecipientRole = role, Kind = ProtectionAudit.ConditionalAssistanceNotice, CreatedAt = now });
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ProtectionAudit.ConditionalAssistanceRefused, AuditOutcome.Denied,
                TargetType: AuditTarget.Case, TargetId: caseId, CaseId: caseId, Purpose: purpose));
        }, ct);
        return new() { [field] = [text["Assistance_NotConditional"]] };
    }

    /// <summary>Who is told of an attempt: the oversight body (auditors) and the Coordinator. The notice names no case and no person.</summary>
    public static readonly string[] Oversight = [RoleCatalog.Auditor, RoleCatalog.Coordinator];

    public static string Join(IEnumerable<AssistanceCondition> conditions) => string.Join(",", conditions.Order());

    public static IReadOnlyList<AssistanceCondition> Split(string? stored) =>
        (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => Enum.TryParse<AssistanceCondition>(v, out var c) ? c : (AssistanceCondition?)null)
            .Where(c => c is not null).Select(c => c!.Value).ToList();
}
