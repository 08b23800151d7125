using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Resources;

/// <summary>
/// IATI Activity XML 2.03, out and in (docs/coordination.md has the mapping). Each need answered by flows is an activity: the
/// Coordinator's office reports, the donors fund, the institution implements; its flows are transactions seen from the
/// activity's side (incoming pledge 13, incoming commitment 11, incoming funds 1). The import reads such a file (and a donor's
/// own, outgoing 12/2/3), checks all of it first, reports every problem by line and element, and then saves all or nothing;
/// the same file again changes nothing. DTDs are refused, so no external entity is ever read.
/// </summary>
public sealed partial class IatiExchange(AriadneDbContext db, ResourceLedger ledger, AuditedWrites writes, AuditTrail audit, TimeProvider time,
    IOptions<ResourcesOptions> options, IStringLocalizer<SharedResource> text)
{
    public const string Version = "2.03";
    /// <summary>The vocabulary (99, reporting organisation's own) of the need categories and tags.</summary>
    public const string VocabularyUri = "https://ariadne.gov.az/iati/need-categories";
    private const string RegionRefPrefix = "AZ-region-";
    private static readonly XNamespace XmlNs = XNamespace.Xml;

    public sealed record Result(int Activities, int NeedsAdded, int FlowsAdded, int FlowsUnchanged, int DonorsAdded);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]{1,99}$")]
    private static partial Regex OrgRef();

    public static bool IsOrgRef(string value) => OrgRef().IsMatch(value);

    /// <summary>The OECD DAC 5-digit sector (vocabulary 1) a category is reported under (docs/coordination.md).</summary>
    public static string DacSector(NeedCategory c) => c switch
    {
        NeedCategory.Material or NeedCategory.Physical or NeedCategory.Financial => "16010", // Social protection (assistance to victims)
        NeedCategory.Organisational or NeedCategory.Technical => "15110", // Public sector policy and administrative management
        _ => "15160", // Human rights (information, methodology, advice)
    };

    public static string TransactionCode(FlowType t) => t switch { FlowType.Pledge => "13", FlowType.Commitment => "11", _ => "1" };

    private static FlowType? FlowTypeOf(string? code) => code switch
    {
        "13" or "12" => FlowType.Pledge,
        "11" or "2" => FlowType.Commitment,
        "1" or "3" => FlowType.Disbursement,
        _ => null,
    };

    private string Prefix => options.Value.ReportingOrgRef;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Amount(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private string In(string lang, string key, params object[] args)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(lang);
            return text[key, args].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    // ---------------------------------------------------------------- export

    /// <summary>The activities file; null for anyone but the Coordinator's office.</summary>
    public async Task<XDocument?> ExportAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var s = await ledger.StandingAsync(viewer, roles, ct);
        if (!s.SeesAll)
        {
            await ledger.DeniedAsync(viewer, ResourcesAudit.NeedTarget, null, ct);
            return null;
        }
        var now = time.GetUtcNow();
        var lines = await db.FlowAllocations.AsNoTracking()
            .Join(db.ResourceFlows.Where(f => f.Status == FlowStatus.Confirmed), a => a.FlowId, f => f.Id, (a, f) => new { a.NeedId, a.Amount, Flow = f })
            .ToListAsync(ct);
        var needIds = lines.Select(l => l.NeedId).Distinct().ToList();
        var needs = await db.Needs.AsNoTracking().Where(n => needIds.Contains(n.Id)).ToListAsync(ct);
        var donors = await db.Donors.AsNoTracking().ToDictionaryAsync(d => d.Id, ct);
        var institutions = await db.Institutions.AsNoTracking().ToDictionaryAsync(i => i.Id, ct);
        var office = institutions.Values.FirstOrDefault(i => i.Id == s.InstitutionId)?.Name ?? "";
        var root = new XElement("iati-activities", new XAttribute("version", Version),
            new XAttribute("generated-datetime", now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
        foreach (var need in needs.OrderBy(n => n.CreatedAt))
        {
            var mine = lines.Where(l => l.NeedId == need.Id).OrderBy(l => l.Flow.On).ThenBy(l => l.Flow.RecordedAt).ToList();
            var totals = new ResourceLedger.Totals(mine.Where(l => l.Flow.Type == FlowType.Pledge).Sum(l => l.Amount),
                mine.Where(l => l.Flow.Type == FlowType.Commitment).Sum(l => l.Amount), mine.Where(l => l.Flow.Type == FlowType.Disbursement).Sum(l => l.Amount));
            var institution = institutions[need.InstitutionId];
            var currency = need.Currency ?? mine[0].Flow.Currency;
            var regions = ResourceLedger.RegionsOf(need.Regions);
            XElement Narrative(string value, string lang) => new("narrative", new XAttribute(XmlNs + "lang", lang), value);
            var title = new XElement("title", Narrative(need.Title, need.Language),
                ResourceLedger.Languages.Where(l => l != need.Language).Select(l => Narrative(In(l, "Resources_IatiTitle", In(l, "NeedCategory_" + need.Category),
                    string.Join(", ", regions.Select(r => In(l, "Region_" + r))), institution.Name), l)));
            var status = need.Status == NeedStatus.Withdrawn ? "5" : need.Amount is { } a && totals.Disbursed >= a ? "3" : "2";
            var activity = new XElement("iati-activity",
                new XAttribute("last-updated-datetime", need.UpdatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                new XAttribute(XmlNs + "lang", need.Language), new XAttribute("default-currency", currency.ToString()),
                new XElement("iati-identifier", need.IatiIdentifier ?? Prefix + "-" + need.Id),
                new XElement("reporting-org", new XAttribute("ref", Prefix), new XAttribute("type", "10"), new XElement("narrative", office)),
                title,
                new XElement("description", new XAttribute("type", "1"), Narrative(need.Description, need.Language)),
                mine.Select(l => l.Flow.DonorId).Distinct().Select(d => new XElement("participating-org",
                    donors[d].Ref is { } r ? new XAttribute("ref", r) : null, new XAttribute("role", "1"), new XElement("narrative", donors[d].Name))),
                new XElement("participating-org", new XAttribute("ref", institution.Code), new XAttribute("role", "4"), new XElement("narrative", institution.Name)),
                new XElement("activity-status", new XAttribute("code", status)),
                new XElement("activity-date", new XAttribute("iso-date", Iso(need.From)), new XAttribute("type", "1")),
                new XElement("activity-date", new XAttribute("iso-date", Iso(need.Until)), new XAttribute("type", "3")),
                new XElement("recipient-country", new XAttribute("code", "AZ"), new XAttribute("percentage", "100")),
                regions.Select(r => new XElement("location", new XAttribute("ref", RegionRefPrefix + r),
                    new XElement("name", Narrative(In(need.Language, "Region_" + r), need.Language)))),
                new XElement("sector", new XAttribute("vocabulary", "1"), new XAttribute("code", DacSector(need.Category)), new XAttribute("percentage", "100")),
                new XElement("sector", new XAttribute("vocabulary", "99"), new XAttribute("vocabulary-uri", VocabularyUri), new XAttribute("code", need.Category.ToString()),
                    new XAttribute("percentage", "100")),
                new XElement("tag", new XAttribute("vocabulary", "99"), new XAttribute("vocabulary-uri", VocabularyUri), new XAttribute("code", "priority." + need.Priority)),
                need.Quantity is { } q ? new XElement("tag", new XAttribute("vocabulary", "99"), new XAttribute("vocabulary-uri", VocabularyUri),
                    new XAttribute("code", "quantity." + q), Narrative(need.Unit ?? "", need.Language)) : null,
                need.Amount is { } amount ? new XElement("budget", new XAttribute("type", "1"), new XAttribute("status", "1"),
                    new XElement("period-start", new XAttribute("iso-date", Iso(need.From))), new XElement("period-end", new XAttribute("iso-date", Iso(need.Until))),
                    new XElement("value", new XAttribute("currency", currency.ToString()), new XAttribute("value-date", Iso(need.From)), Amount(amount))) : null,
                mine.Select(l => new XElement("transaction", new XAttribute("ref", l.Flow.Ref ?? l.Flow.Id.ToString()),
                    new XElement("transaction-type", new XAttribute("code", TransactionCode(l.Flow.Type))),
                    new XElement("transaction-date", new XAttribute("iso-date", Iso(l.Flow.On))),
                    new XElement("value", new XAttribute("currency", l.Flow.Currency.ToString()), new XAttribute("value-date", Iso(l.Flow.On)), Amount(l.Amount)),
                    new XElement("provider-org", donors[l.Flow.DonorId].Ref is { } pr ? new XAttribute("ref", pr) : null, new XElement("narrative", donors[l.Flow.DonorId].Name)),
                    new XElement("receiver-org", new XAttribute("ref", institution.Code), new XElement("narrative", institution.Name)))));
            root.Add(activity);
        }
        await audit.RecordAsync(new AuditRecord(ResourcesAudit.IatiExported, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
            Relation: s.Coordinator ? RoleCatalog.Coordinator : RoleCatalog.Analyst), ct);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    // ---------------------------------------------------------------- import

    private sealed record Parsed(XElement At, string Identifier, Need Need, Institution Institution, List<ParsedFlow> Flows, bool Withdrawn);

    private sealed record ParsedFlow(XElement At, FlowType Type, DateOnly On, decimal Amount, Currency Currency, string? Ref, string DonorName, string? DonorRef);

    /// <summary>
    /// Reads, checks and saves an activities file. Errors (each with its line and element) mean nothing was saved; a null result
    /// with no errors means the viewer may not import (only the Coordinator).
    /// </summary>
    public async Task<(Result? Result, List<string>? Errors)> ImportAsync(Viewer viewer, IReadOnlyCollection<string> roles, Stream file, CancellationToken ct = default)
    {
        var s = await ledger.StandingAsync(viewer, roles, ct);
        if (!s.Coordinator)
        {
            await ledger.DeniedAsync(viewer, ResourcesAudit.NeedTarget, null, ct);
            return (null, null);
        }
        var errors = new List<string>();
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersFromEntities = 1024,
                MaxCharactersInDocument = options.Value.MaxImportBytes * 2L,
                Async = true,
            };
            using var reader = XmlReader.Create(file, settings);
            document = await XDocument.LoadAsync(reader, LoadOptions.SetLineInfo, ct);
        }
        catch (XmlException e)
        {
            var dtd = e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase);
            errors.Add(text[dtd ? "Iati_DtdRefused" : "Iati_NotXml", e.LineNumber, e.LinePosition].Value + (dtd ? "" : " (" + e.Message + ")"));
            return (null, errors);
        }
        var root = document.Root!;
        if (root.Name != "iati-activities")
        {
            errors.Add(At(root, text["Iati_WrongRoot", root.Name.LocalName]));
            return (null, errors);
        }
        var version = root.Attribute("version")?.Value;
        if (version != Version)
            errors.Add(At(root, text["Iati_WrongVersion", version ?? "—", Version]));
        var activities = root.Elements("iati-activity").ToList();
        if (activities.Count == 0)
            errors.Add(At(root, text["Iati_NoActivity"]));
        var institutions = await db.Institutions.AsNoTracking().Where(i => i.IsActive).ToListAsync(ct);
        var parsed = new List<Parsed>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in activities)
            if (ParseActivity(a, institutions, errors) is { } p)
            {
                if (!seenIds.Add(p.Identifier))
                    errors.Add(At(a, text["Iati_DuplicateIdentifier", p.Identifier]));
                parsed.Add(p);
            }
        if (errors.Count > 0)
            return (null, errors);

        // Which activities are needs we already hold: by identifier, or our own identifier (prefix + need id).
        var identifiers = parsed.Select(p => p.Identifier).ToList();
        var known = await db.Needs.AsNoTracking().Where(n => n.IatiIdentifier != null && identifiers.Contains(n.IatiIdentifier)).ToListAsync(ct);
        var ownIds = parsed.Select(p => OwnId(p.Identifier)).Where(g => g is not null).Select(g => g!.Value).ToList();
        known.AddRange(await db.Needs.AsNoTracking().Where(n => ownIds.Contains(n.Id)).ToListAsync(ct));
        Need? Existing(Parsed p) => known.FirstOrDefault(n => n.IatiIdentifier == p.Identifier || OwnId(p.Identifier) == n.Id && n.IatiIdentifier is null);
        foreach (var p in parsed)
            if (Existing(p) is { } n)
                foreach (var f in p.Flows.Where(f => n.Currency is { } c && c != f.Currency))
                    errors.Add(At(f.At, text["Iati_CurrencyMismatch", f.Currency, n.Currency!]));
        if (errors.Count > 0)
            return (null, errors);

        var result = await writes.RunSerializedAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            var donors = await db.Donors.ToListAsync(ct);
            int needsAdded = 0, flowsAdded = 0, unchanged = 0, donorsAdded = 0;
            var touched = new List<Guid>();
            foreach (var p in parsed)
            {
                var need = Existing(p);
                if (need is null)
                {
                    need = p.Need;
                    need.IatiIdentifier = p.Identifier;
                    need.CreatedBy = viewer.UserId;
                    need.CreatedAt = now;
                    need.UpdatedAt = now;
                    need.Status = p.Withdrawn ? NeedStatus.Withdrawn : NeedStatus.Open;
                    db.Needs.Add(need);
                    needsAdded++;
                }
                var present = await db.FlowAllocations.AsNoTracking().Where(x => x.NeedId == need.Id)
                    .Join(db.ResourceFlows, x => x.FlowId, f => f.Id, (x, f) => new { x.Amount, f.Id, f.Type, f.On, f.Ref }).ToListAsync(ct);
                foreach (var f in p.Flows)
                {
                    if (present.Any(x => x.Type == f.Type && x.On == f.On && x.Amount == f.Amount && (f.Ref is null ? x.Ref is null : x.Ref == f.Ref || x.Id.ToString() == f.Ref)))
                    {
                        unchanged++;
                        continue;
                    }
                    var donor = donors.FirstOrDefault(d => f.DonorRef is not null && d.Ref == f.DonorRef)
                        ?? donors.FirstOrDefault(d => string.Equals(d.Name, f.DonorName, StringComparison.Ordinal));
                    if (donor is null)
                    {
                        donor = new Donor { Name = f.DonorName, Ref = f.DonorRef, CreatedBy = viewer.UserId, CreatedAt = now };
                        db.Donors.Add(donor);
                        donors.Add(donor);
                        donorsAdded++;
                    }
                    var flow = new ResourceFlow { DonorId = donor.Id, Type = f.Type, Amount = f.Amount, Currency = f.Currency, On = f.On, Ref = f.Ref, RecordedBy = viewer.UserId, RecordedAt = now };
                    db.ResourceFlows.Add(flow);
                    db.FlowAllocations.Add(new FlowAllocation { FlowId = flow.Id, NeedId = need.Id, Amount = f.Amount });
                    present.Add(new { Amount = f.Amount, flow.Id, f.Type, f.On, flow.Ref });
                    flowsAdded++;
                }
                touched.Add(need.Id);
            }
            await db.SaveChangesAsync(ct);
            await ledger.RestateAsync(touched, now, ct);
            var r = new Result(parsed.Count, needsAdded, flowsAdded, unchanged, donorsAdded);
            return new Audited<Result>(r, new AuditRecord(ResourcesAudit.IatiImported, Relation: RoleCatalog.Coordinator));
        }, ct);
        return (result, []);
    }

    private Guid? OwnId(string identifier) =>
        identifier.StartsWith(Prefix + "-", StringComparison.Ordinal) && Guid.TryParse(identifier[(Prefix.Length + 1)..], out var g) ? g : null;

    private string At(XElement e, string message)
    {
        var line = e is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
        return text["Iati_At", line, "<" + e.Name.LocalName + ">", message].Value;
    }

    private Parsed? ParseActivity(XElement a, IReadOnlyList<Institution> institutions, List<string> errors)
    {
        var before = errors.Count;
        var identifier = a.Element("iati-identifier")?.Value.Trim();
        if (string.IsNullOrEmpty(identifier))
            errors.Add(At(a, text["Iati_Required", "iati-identifier"]));
        else if (identifier.Length > 200)
            errors.Add(At(a.Element("iati-identifier")!, text["Validation_TooLong", 200]));
        if (a.Element("reporting-org") is null)
            errors.Add(At(a, text["Iati_Required", "reporting-org"]));
        var titleNarrative = a.Element("title")?.Elements("narrative").FirstOrDefault(n => n.Value.Trim().Length > 0);
        var title = titleNarrative?.Value.Trim() ?? "";
        if (title.Length == 0)
            errors.Add(At(a.Element("title") ?? a, text["Iati_Required", "title/narrative"]));
        else if (title.Length > ResourceLedger.MaxTitle)
            errors.Add(At(titleNarrative!, text["Validation_TooLong", ResourceLedger.MaxTitle]));
        var activityLang = a.Attribute(XmlNs + "lang")?.Value;
        var lang = titleNarrative?.Attribute(XmlNs + "lang")?.Value ?? activityLang;
        lang = ResourceLedger.Languages.Contains(lang) ? lang : "en";
        var description = a.Elements("description").SelectMany(d => d.Elements("narrative")).FirstOrDefault()?.Value.Trim() ?? "";
        if (description.Length > ResourceLedger.MaxDescription)
            description = description[..ResourceLedger.MaxDescription];
        if (description.Length == 0)
            description = title;

        var implementing = a.Elements("participating-org").FirstOrDefault(o => o.Attribute("role")?.Value == "4");
        Institution? institution = null;
        if (implementing is null)
            errors.Add(At(a, text["Iati_Required", "participating-org role=\"4\""]));
        else
        {
            var reference = implementing.Attribute("ref")?.Value.Trim();
            var name = implementing.Element("narrative")?.Value.Trim();
            institution = institutions.FirstOrDefault(i => reference is not null && i.Code == reference) ?? institutions.FirstOrDefault(i => name is not null && i.Name == name);
            if (institution is null || institution.Kind is InstitutionKind.Oversight or InstitutionKind.PlatformAdministration)
                errors.Add(At(implementing, text["Iati_InstitutionUnknown", reference ?? name ?? "—"]));
        }

        var own = a.Elements("sector").FirstOrDefault(x => x.Attribute("vocabulary")?.Value == "99" && x.Attribute("vocabulary-uri")?.Value == VocabularyUri);
        NeedCategory? category = own is not null && Enum.TryParse<NeedCategory>(own.Attribute("code")?.Value, out var c) && Enum.IsDefined(c) ? c : null;
        if (category is null)
        {
            var dac = a.Elements("sector").FirstOrDefault(x => (x.Attribute("vocabulary")?.Value ?? "1") == "1")?.Attribute("code")?.Value;
            category = dac switch { "16010" => NeedCategory.Material, "15110" => NeedCategory.Organisational, "15160" => NeedCategory.Methodological, _ => null };
            if (category is null)
                errors.Add(At(own ?? a.Element("sector") ?? a, text["Iati_SectorUnknown", own?.Attribute("code")?.Value ?? dac ?? "—"]));
        }

        DateOnly? Date(XElement? e) => e?.Attribute("iso-date")?.Value is { } v && DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var starts = a.Elements("activity-date").Where(d => d.Attribute("type")?.Value is "1" or "2").ToList();
        var ends = a.Elements("activity-date").Where(d => d.Attribute("type")?.Value is "3" or "4").ToList();
        var from = starts.Select(Date).FirstOrDefault(d => d is not null);
        if (starts.Count == 0)
            errors.Add(At(a, text["Iati_Required", "activity-date type=\"1\""]));
        foreach (var d in a.Elements("activity-date").Where(d => Date(d) is null))
            errors.Add(At(d, text["Iati_DateInvalid", d.Attribute("iso-date")?.Value ?? "—"]));
        var until = ends.Select(Date).FirstOrDefault(d => d is not null);

        var defaultCurrency = a.Attribute("default-currency")?.Value;
        Currency? CurrencyOf(XElement value)
        {
            var code = value.Attribute("currency")?.Value ?? defaultCurrency;
            if (code is not null && Enum.TryParse<Currency>(code, out var cur) && Enum.IsDefined(cur) && code == cur.ToString())
                return cur;
            errors.Add(At(value, text["Iati_CurrencyUnknown", code ?? "—"]));
            return null;
        }
        decimal? AmountOf(XElement value)
        {
            if (decimal.TryParse(value.Value.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
                && v > 0 && v <= ResourceLedger.MaxAmount && decimal.Round(v, 2) == v)
                return v;
            errors.Add(At(value, text["Iati_AmountInvalid", value.Value.Trim()]));
            return null;
        }

        decimal? amount = null;
        Currency? needCurrency = null;
        if (a.Element("budget")?.Element("value") is { } bv)
        {
            amount = AmountOf(bv);
            needCurrency = CurrencyOf(bv);
        }

        var regions = a.Elements("location").Select(l => l.Attribute("ref")?.Value).Where(r => r is not null && r.StartsWith(RegionRefPrefix, StringComparison.Ordinal))
            .Select(r => Enum.TryParse<Region>(r![RegionRefPrefix.Length..], out var g) && Enum.IsDefined(g) ? (Region?)g : null).ToList();
        if (regions.Any(r => r is null))
            errors.Add(At(a.Element("location")!, text["Iati_RegionUnknown"]));
        var regionList = regions.Where(r => r is not null).Select(r => r!.Value).ToList();
        if (regionList.Count == 0)
            regionList.Add(Region.Nationwide);

        var priority = NeedPriority.Normal;
        int? quantity = null;
        string? unit = null;
        foreach (var tag in a.Elements("tag").Where(t => t.Attribute("vocabulary-uri")?.Value == VocabularyUri))
        {
            var code = tag.Attribute("code")?.Value ?? "";
            if (code.StartsWith("priority.", StringComparison.Ordinal) && Enum.TryParse<NeedPriority>(code["priority.".Length..], out var pr) && Enum.IsDefined(pr))
                priority = pr;
            else if (code.StartsWith("quantity.", StringComparison.Ordinal) && int.TryParse(code["quantity.".Length..], CultureInfo.InvariantCulture, out var qv) && qv is > 0 and <= 1_000_000)
            {
                quantity = qv;
                unit = tag.Element("narrative")?.Value.Trim() is { Length: > 0 and <= 40 } u ? u : "-";
            }
        }

        var funding = a.Elements("participating-org").Where(o => o.Attribute("role")?.Value == "1").ToList();
        var flows = new List<ParsedFlow>();
        var transactions = a.Elements("transaction").ToList();
        if (transactions.Count == 0)
            errors.Add(At(a, text["Iati_Required", "transaction"]));
        foreach (var t in transactions)
        {
            var typeElement = t.Element("transaction-type");
            var code = typeElement?.Attribute("code")?.Value;
            var type = FlowTypeOf(code);
            if (typeElement is null)
                errors.Add(At(t, text["Iati_Required", "transaction-type"]));
            else if (type is null)
                errors.Add(At(typeElement, text["Iati_TransactionTypeUnknown", code ?? "—"]));
            var dateElement = t.Element("transaction-date");
            var on = Date(dateElement);
            if (dateElement is null)
                errors.Add(At(t, text["Iati_Required", "transaction-date"]));
            else if (on is null)
                errors.Add(At(dateElement, text["Iati_DateInvalid", dateElement.Attribute("iso-date")?.Value ?? "—"]));
            var value = t.Element("value");
            decimal? v = null;
            Currency? cur = null;
            if (value is null)
                errors.Add(At(t, text["Iati_Required", "value"]));
            else
            {
                v = AmountOf(value);
                cur = CurrencyOf(value);
            }
            if (cur is not null && needCurrency is not null && cur != needCurrency)
                errors.Add(At(value!, text["Iati_CurrencyMismatch", cur, needCurrency]));
            var provider = t.Element("provider-org") ?? (funding.Count == 1 ? funding[0] : null);
            var donorName = provider?.Element("narrative")?.Value.Trim();
            var donorRef = provider?.Attribute("ref")?.Value.Trim() is { Length: > 0 } dr ? dr : null;
            if (string.IsNullOrEmpty(donorName))
                donorName = funding.FirstOrDefault(f => donorRef is not null && f.Attribute("ref")?.Value == donorRef)?.Element("narrative")?.Value.Trim();
            if (string.IsNullOrEmpty(donorName) || donorName.Length > 200)
                errors.Add(At(t, text["Iati_Required", "provider-org/narrative"]));
            else if (donorRef is not null && (!IsOrgRef(donorRef) || donorRef.Length > 100))
                errors.Add(At(provider!, text["Resources_DonorRefInvalid"]));
            var reference = t.Attribute("ref")?.Value.Trim() is { Length: > 0 } tr ? tr : null;
            if (reference is { Length: > 200 })
                errors.Add(At(t, text["Validation_TooLong", 200]));
            if (type is not null && on is not null && v is not null && cur is not null && !string.IsNullOrEmpty(donorName))
                flows.Add(new ParsedFlow(t, type.Value, on.Value, v.Value, cur.Value, reference, donorName, donorRef));
        }
        if (flows.Select(f => f.Currency).Distinct().Count() > 1)
            errors.Add(At(a, text["Iati_CurrencyMixed"]));
        if (errors.Count > before || institution is null || category is null || from is null || identifier is null)
            return null;
        var need = new Need
        {
            InstitutionId = institution.Id,
            Category = category.Value,
            Title = title,
            Description = description,
            Language = lang ?? "en",
            Regions = ResourceLedger.Join(regionList),
            Quantity = quantity,
            Unit = unit,
            Amount = amount,
            Currency = amount is null ? null : needCurrency,
            From = from.Value,
            Until = until is { } u2 && u2 >= from.Value ? u2 : from.Value,
            Priority = priority,
        };
        return new Parsed(a, identifier, need, institution, flows, a.Element("activity-status")?.Attribute("code")?.Value == "5");
    }
}
