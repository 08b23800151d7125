using System.Globalization;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// Entities and link analysis (issue 15 §3) within need-to-know. Everything starts from <see cref="FileAccess"/>: a file's
/// entities are read and written only by those who may see the file; the graph walks links inside visible files and crosses
/// to another file only through an entity with the same keyed match key (<see cref="FileEntity.MatchKey"/>) — into a visible
/// file as a node, into an unseen file or protection case as one "connection exists — ask the owner" node per entity that
/// carries no id, number, kind of target or count. Asking creates <see cref="ConnectionRequest"/>s server-side from the
/// viewer's own entity, so an unseen id never reaches the client; the owner grants (a grant of the requester's own,
/// time-limited) or refuses. Merges are suggested by <see cref="EntityResolution"/> and confirmed, and undone, by a person.
/// The FollowTheMoney export records its legal basis and withholds what the handling code keeps in the house.
/// </summary>
public sealed class LinkAnalysis(
    AriadneDbContext db, FileAccess access, CaseAccess caseAccess, GrantService caseGrants, CriminalFiles files, DataKeys dataKeys, BlindIndex blindIndex,
    AuditedWrites writes, AuditTrail audit, TimeProvider time, UiTime uiTime, IOptions<GradingOptions> grading, IStringLocalizer<SharedResource> text)
{
    public const int MaxDepth = 3;
    public const int MaxValue = 300;

    /// <summary>How long a grant given on a connection request lasts.</summary>
    public static readonly TimeSpan ConnectionGrantFor = TimeSpan.FromDays(90);

    public sealed class EntityInput
    {
        public EntityKind? Kind { get; set; }
        public string? Value { get; set; }
        public string? Detail { get; set; }
        public string? Country { get; set; }
        public DateOnly? ValidFrom { get; set; }
        public DateOnly? ValidUntil { get; set; }
        public string? Source { get; set; }
        public string? Reliability { get; set; }
        public string? Handling { get; set; }
        /// <summary>The party of the file a person entity stands for.</summary>
        public Guid? PartyId { get; set; }
    }

    public sealed class LinkInput
    {
        public Guid? FromId { get; set; }
        public Guid? ToId { get; set; }
        public LinkKind? Kind { get; set; }
        public DateOnly? ValidFrom { get; set; }
        public DateOnly? ValidUntil { get; set; }
        public string? Source { get; set; }
        public string? Reliability { get; set; }
        public string? Handling { get; set; }
    }

    public sealed class AskInput
    {
        public Guid? EntityId { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class DecideInput
    {
        public bool? Grant { get; set; }
        public string? Note { get; set; }
    }

    public sealed class ExportInput
    {
        public ExportLegalBasis? LegalBasis { get; set; }
        public string? Reference { get; set; }
    }

    public sealed record EntityRow(EntityFacts Facts, Guid? PartyId, Guid? MergedIntoId, bool HasHiddenConnection);

    public sealed record MergeRow(Guid Id, Guid KeptId, Guid MergedId, string Kept, string Merged, double Score, IReadOnlyList<string> Reasons, DateTimeOffset ConfirmedAt);

    public sealed record FileEntities(Guid FileId, string FileNumber, FileRights Rights, IReadOnlyList<EntityRow> Entities, IReadOnlyList<LinkFacts> Links,
        IReadOnlyList<MergeSuggestion> Suggestions, IReadOnlyList<MergeRow> Merges);

    /// <summary>The graph: nodes and edges as drawn; <see cref="AskFrom"/> the viewer's entities with a hidden connection.</summary>
    public sealed record Graph(Guid FileId, string FileNumber, FileRights Rights, int Depth, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges,
        IReadOnlyList<(Guid EntityId, string Label)> AskFrom);

    public sealed record RequestRow(Guid Id, ConnectionRequestStatus Status, DateTimeOffset RequestedAt, EntityKind Kind, string Requester, string RequesterInstitution,
        Relation Relation, string? Reason, string? Target, string? TargetHref, DateTimeOffset? DecidedAt, string? DecisionNote, string FromEntity);

    public static bool MayEdit(FileRights rights) => rights.Keeps || rights.Supervises;

    public static bool MayExport(FileRights rights) => rights.Keeps || rights.Supervises || rights.Prosecutes;

    // ---------------------------------------------------------------- entities and links

    /// <summary>Records an entity of the file (Keeps or Supervises); null when the file is not visible.</summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> AddEntityAsync(Viewer viewer, Guid fileId, EntityInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        if (await files.RightsOrDeniedAsync(viewer, fileId, ct) is not { } rights)
            return (null, null);
        if (!MayEdit(rights))
            return (null, new() { [""] = [text["Entity_NotAllowed"]] });
        var errors = new Dictionary<string, string[]>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
            errors[nameof(EntityInput.Kind)] = [text["Entity_KindRequired"]];
        var value = input.Value?.Trim();
        if (string.IsNullOrEmpty(value))
            errors[nameof(EntityInput.Value)] = [text["Entity_ValueRequired"]];
        else if (value.Length > MaxValue)
            errors[nameof(EntityInput.Value)] = [text["Validation_TooLong", MaxValue]];
        var detail = NullIfEmpty(input.Detail);
        if (detail?.Length > MaxValue)
            errors[nameof(EntityInput.Detail)] = [text["Validation_TooLong", MaxValue]];
        else if (detail is not null && input.Kind is EntityKind.Person or EntityKind.Travel or EntityKind.Payment
                 && !DateOnly.TryParseExact(detail, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            errors[nameof(EntityInput.Detail)] = [text["Entity_DetailDate"]];
        var country = NullIfEmpty(input.Country)?.ToUpperInvariant();
        if (country is not null && (country.Length != 3 || !country.All(char.IsAsciiLetterUpper)))
            errors[nameof(EntityInput.Country)] = [text["Entity_CountryInvalid"]];
        ValidateProvenance(errors, input.Source, input.Reliability, input.Handling, input.ValidFrom, input.ValidUntil);
        if (input.PartyId is { } partyId)
        {
            if (input.Kind != EntityKind.Person)
                errors[nameof(EntityInput.PartyId)] = [text["Entity_PartyOnlyPerson"]];
            else if (!await db.FileParties.AnyAsync(p => p.Id == partyId && p.FileId == fileId, ct))
                errors[nameof(EntityInput.PartyId)] = [text["Entity_PartyUnknown"]];
        }
        if (errors.Count > 0)
            return (null, errors);

        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var file = await db.CriminalFiles.FirstAsync(f => f.Id == fileId, ct);
            var key = await KeyAsync(file.DataKeyId, ct);
            var entity = new FileEntity
            {
                FileId = fileId,
                Kind = input.Kind!.Value,
                Country = country,
                ValidFrom = input.ValidFrom,
                ValidUntil = input.ValidUntil,
                Reliability = input.Reliability!.Trim(),
                Handling = input.Handling!.Trim(),
                MatchKey = MatchKeyOf(input.Kind!.Value, value!, detail),
                PartyId = input.PartyId,
                RecordedAt = time.GetUtcNow(),
                RecordedBy = viewer.UserId,
            };
            entity.ValueEnc = db.Seal(entity, e => e.ValueEnc, value, key, file.DataKeyId);
            entity.DetailEnc = db.Seal(entity, e => e.DetailEnc, detail, key, file.DataKeyId);
            entity.SourceEnc = db.Seal(entity, e => e.SourceEnc, input.Source!.Trim(), key, file.DataKeyId);
            db.FileEntities.Add(entity);
            file.UpdatedAt = entity.RecordedAt;
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(entity.Id, new AuditRecord(InvestigationAudit.EntityRecorded, TargetType: InvestigationAudit.File, TargetId: fileId,
                Relation: rights.Relation, Purpose: CriminalFiles.PurposeOf(rights)), entity.Id);
        }
        if (request is null)
            return (await writes.RunAsync(viewer, Work, ct), errors);
        var once = await writes.RunOnceAsync(viewer, request, Work, (id, _) => Task.FromResult(id), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }) : (once.Result, errors);
    }

    /// <summary>Records a link between two entities of the file; null when the file is not visible.</summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> AddLinkAsync(Viewer viewer, Guid fileId, LinkInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        if (await files.RightsOrDeniedAsync(viewer, fileId, ct) is not { } rights)
            return (null, null);
        if (!MayEdit(rights))
            return (null, new() { [""] = [text["Entity_NotAllowed"]] });
        var errors = new Dictionary<string, string[]>();
        if (input.FromId is not { } fromId || !await db.FileEntities.AnyAsync(e => e.Id == fromId && e.FileId == fileId && e.MergedIntoId == null, ct))
            errors[nameof(LinkInput.FromId)] = [text["Link_EntityRequired"]];
        if (input.ToId is not { } toId || !await db.FileEntities.AnyAsync(e => e.Id == toId && e.FileId == fileId && e.MergedIntoId == null, ct))
            errors[nameof(LinkInput.ToId)] = [text["Link_EntityRequired"]];
        else if (toId == input.FromId)
            errors[nameof(LinkInput.ToId)] = [text["Link_SameEntity"]];
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
            errors[nameof(LinkInput.Kind)] = [text["Link_KindRequired"]];
        ValidateProvenance(errors, input.Source, input.Reliability, input.Handling, input.ValidFrom, input.ValidUntil);
        if (errors.Count > 0)
            return (null, errors);

        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var file = await db.CriminalFiles.FirstAsync(f => f.Id == fileId, ct);
            var key = await KeyAsync(file.DataKeyId, ct);
            var link = new FileLink
            {
                FileId = fileId,
                FromId = input.FromId!.Value,
                ToId = input.ToId!.Value,
                Kind = input.Kind!.Value,
                ValidFrom = input.ValidFrom,
                ValidUntil = input.ValidUntil,
                Reliability = input.Reliability!.Trim(),
                Handling = input.Handling!.Trim(),
                RecordedAt = time.GetUtcNow(),
                RecordedBy = viewer.UserId,
            };
            link.SourceEnc = db.Seal(link, l => l.SourceEnc, input.Source!.Trim(), key, file.DataKeyId);
            db.FileLinks.Add(link);
            file.UpdatedAt = link.RecordedAt;
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(link.Id, new AuditRecord(InvestigationAudit.LinkRecorded, TargetType: InvestigationAudit.File, TargetId: fileId,
                Relation: rights.Relation, Purpose: CriminalFiles.PurposeOf(rights)), link.Id);
        }
        if (request is null)
            return (await writes.RunAsync(viewer, Work, ct), errors);
        var once = await writes.RunOnceAsync(viewer, request, Work, (id, _) => Task.FromResult(id), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }) : (once.Result, errors);
    }

    /// <summary>The file's entities and links as the viewer sees them, with merge suggestions and confirmed merges; null when not visible.</summary>
    public async Task<FileEntities?> ReadAsync(Viewer viewer, Guid fileId, CancellationToken ct = default)
    {
        if (await files.RightsOrDeniedAsync(viewer, fileId, ct) is not { } rights)
            return null;
        var file = await db.CriminalFiles.AsNoTracking().FirstAsync(f => f.Id == fileId, ct);
        var key = await KeyAsync(file.DataKeyId, ct);
        var rows = await db.FileEntities.AsNoTracking().Where(e => e.FileId == fileId).OrderBy(e => e.Kind).ThenBy(e => e.RecordedAt).ToListAsync(ct);
        var links = await db.FileLinks.AsNoTracking().Where(l => l.FileId == fileId).OrderBy(l => l.RecordedAt).ToListAsync(ct);
        var hidden = await HiddenConnectionsAsync(viewer, rows, ct);
        var facts = rows.ToDictionary(e => e.Id, e => Facts(e, key, file.DataKeyId));
        var live = rows.Where(e => e.MergedIntoId is null).Select(e => facts[e.Id]).ToList();
        var suggestions = EntityResolution.Suggest(live);
        var merges = (await db.EntityMerges.AsNoTracking().Where(m => m.FileId == fileId && m.UndoneAt == null).OrderByDescending(m => m.ConfirmedAt).ToListAsync(ct))
            .Select(m => new MergeRow(m.Id, m.KeptId, m.MergedId, facts.GetValueOrDefault(m.KeptId)?.Value ?? "", facts.GetValueOrDefault(m.MergedId)?.Value ?? "", m.Score,
                m.Reasons.Split(',', StringSplitOptions.RemoveEmptyEntries), m.ConfirmedAt)).ToList();
        await audit.RecordAsync(new AuditRecord(InvestigationAudit.EntitiesViewed, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
            TargetType: InvestigationAudit.File, TargetId: fileId, Relation: rights.Relation, Purpose: CriminalFiles.PurposeOf(rights)), ct);
        return new FileEntities(fileId, file.Number, rights,
            rows.Select(e => new EntityRow(facts[e.Id], e.PartyId, e.MergedIntoId, hidden.Contains(e.Id))).ToList(),
            links.Select(l => LinkFactsOf(l, key, file.DataKeyId, MergedTo(rows))).ToList(), suggestions, merges);
    }

    // ---------------------------------------------------------------- the graph

    /// <summary>
    /// The neighbours of a file's entities to <paramref name="depth"/> hops (1–3), within the files and cases the viewer may
    /// see; null when the file is not visible. Audited.
    /// </summary>
    public async Task<Graph?> GraphAsync(Viewer viewer, Guid fileId, int depth, CancellationToken ct = default)
    {
        if (await files.RightsOrDeniedAsync(viewer, fileId, ct) is not { } rights)
            return null;
        depth = Math.Clamp(depth, 1, MaxDepth);
        var walk = await WalkAsync(viewer, fileId, depth, ct);
        await audit.RecordAsync(new AuditRecord(InvestigationAudit.GraphViewed, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
            TargetType: InvestigationAudit.File, TargetId: fileId, Relation: rights.Relation, Purpose: CriminalFiles.PurposeOf(rights)), ct);
        var number = await db.CriminalFiles.Where(f => f.Id == fileId).Select(f => f.Number).FirstAsync(ct);
        // The owner is asked only from an entity of a file the viewer holds in a relation of their own, never one read through a connection grant.
        var askIds = walk.AskFrom.Select(a => a.EntityId).ToList();
        var held = access.ActiveGrants(viewer).Where(g => !g.ReadOnly).Select(g => g.FileId);
        var askable = askIds.Count == 0 ? [] : (await db.FileEntities.AsNoTracking().Where(e => askIds.Contains(e.Id) && held.Contains(e.FileId)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
        return walk with { FileNumber = number, Rights = rights, AskFrom = [.. walk.AskFrom.Where(a => askable.Contains(a.EntityId))] };
    }

    /// <summary>The breadth-first walk behind <see cref="GraphAsync"/> (no audit: the benchmark measures this).</summary>
    public async Task<Graph> WalkAsync(Viewer viewer, Guid fileId, int depth, CancellationToken ct = default)
    {
        var visibleFiles = (await access.VisibleFileIds(viewer).ToListAsync(ct)).ToHashSet();
        var nodes = new List<GraphNode>();
        var edges = new List<GraphEdge>();
        var askFrom = new List<(Guid, string)>();
        var keys = new Dictionary<Guid, byte[]>();
        var fileKeyIds = new Dictionary<Guid, (Guid KeyId, string Number)>();
        var placed = new Dictionary<Guid, FileEntity>(); // entity id → row, for every entity drawn
        var hiddenFrom = new HashSet<Guid>();

        async Task<(byte[] Key, Guid KeyId, string Number)> FileKeyAsync(Guid id)
        {
            if (!fileKeyIds.TryGetValue(id, out var k))
            {
                var f = await db.CriminalFiles.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.DataKeyId, x.Number }).FirstAsync(ct);
                fileKeyIds[id] = k = (f.DataKeyId, f.Number);
            }
            if (!keys.TryGetValue(k.KeyId, out var key))
                keys[k.KeyId] = key = await KeyAsync(k.KeyId, ct);
            return (key, k.KeyId, k.Number);
        }

        string Id(Guid entity) => "e" + entity.ToString("N");
        string FileNode(Guid file) => "f" + file.ToString("N");

        nodes.Add(new GraphNode(FileNode(fileId), GraphNodeKind.CriminalFile, (await FileKeyAsync(fileId)).Number, null, $"/Investigations/File/{fileId}", false, 0));
        var filesDrawn = new HashSet<Guid> { fileId };

        async Task PlaceAsync(IEnumerable<FileEntity> rows, int at)
        {
            foreach (var e in rows)
            {
                if (!placed.TryAdd(e.Id, e))
                    continue;
                var (key, keyId, number) = await FileKeyAsync(e.FileId);
                var value = db.Open(e, x => x.ValueEnc, key, keyId) ?? "";
                nodes.Add(new GraphNode(Id(e.Id), (GraphNodeKind)e.Kind, value, db.Open(e, x => x.DetailEnc, key, keyId), $"/Investigations/Entities/{e.FileId}#entity-{e.Id:N}", false, at));
                if (filesDrawn.Add(e.FileId))
                    nodes.Add(new GraphNode(FileNode(e.FileId), GraphNodeKind.CriminalFile, number, null, $"/Investigations/File/{e.FileId}", false, at + 1));
                if (e.FileId != fileId || at == 1)
                    edges.Add(new GraphEdge(FileNode(e.FileId), Id(e.Id), text["Graph_InFile"], false));
            }
        }

        var start = (await db.FileEntities.AsNoTracking().Where(e => e.FileId == fileId).ToListAsync(ct)).Where(e => e.MergedIntoId is null).ToList();
        await PlaceAsync(start, 1);
        var frontier = start.Select(e => e.Id).ToList();
        // Merged entities answer for their kept entity: a link to a merged one is drawn to the kept one.
        var mergedTo = new Dictionary<Guid, Guid>();
        for (var hop = 1; hop <= depth && frontier.Count > 0; hop++)
        {
            var next = new List<FileEntity>();
            var mergedHere = await db.FileEntities.AsNoTracking().Where(e => e.MergedIntoId != null && frontier.Contains(e.MergedIntoId.Value))
                .Select(e => new { e.Id, Kept = e.MergedIntoId!.Value }).ToListAsync(ct);
            foreach (var m in mergedHere)
                mergedTo[m.Id] = m.Kept;
            var withMerged = frontier.Concat(mergedHere.Select(m => m.Id)).ToList();
            // Two indexed lookups rather than one OR, which a planner may answer with a scan of every link.
            var links = (await db.FileLinks.AsNoTracking().Where(l => withMerged.Contains(l.FromId)).ToListAsync(ct))
                .Concat(await db.FileLinks.AsNoTracking().Where(l => withMerged.Contains(l.ToId)).ToListAsync(ct))
                .DistinctBy(l => l.Id).ToList();
            var unknown = links.SelectMany(l => new[] { l.FromId, l.ToId }).Where(id => !placed.ContainsKey(id) && !mergedTo.ContainsKey(id)).Distinct().ToList();
            var reached = unknown.Count == 0 ? [] : await db.FileEntities.AsNoTracking().Where(e => unknown.Contains(e.Id)).ToListAsync(ct);
            var keptIds = reached.Where(e => e.MergedIntoId is not null).Select(e => e.MergedIntoId!.Value).Where(id => !placed.ContainsKey(id)).Distinct().ToList();
            foreach (var e in reached.Where(e => e.MergedIntoId is not null))
                mergedTo[e.Id] = e.MergedIntoId!.Value;
            if (keptIds.Count > 0)
                reached.AddRange(await db.FileEntities.AsNoTracking().Where(e => keptIds.Contains(e.Id)).ToListAsync(ct));
            // Links live in the file of their entities; a visible file's link only reaches entities of that file.
            var newRows = reached.Where(e => e.MergedIntoId is null && visibleFiles.Contains(e.FileId)).ToList();
            await PlaceAsync(newRows, hop + 1);
            next.AddRange(newRows);
            foreach (var l in links)
            {
                var from = mergedTo.GetValueOrDefault(l.FromId, l.FromId);
                var to = mergedTo.GetValueOrDefault(l.ToId, l.ToId);
                if (placed.ContainsKey(from) && placed.ContainsKey(to) && from != to && visibleFiles.Contains(l.FileId))
                    edges.Add(new GraphEdge(Id(from), Id(to), text["LinkKind_" + l.Kind], false));
            }

            // The same phone, account, plate, company or person in another file.
            var matchKeys = frontier.Select(id => placed[id].MatchKey).OfType<string>().Distinct().ToList();
            if (matchKeys.Count > 0)
            {
                // Merged entities are dropped here, not in SQL: "MergedIntoId is null" holds for nearly every row and must not steer the plan.
                var same = (await db.FileEntities.AsNoTracking().Where(e => matchKeys.Contains(e.MatchKey!)).ToListAsync(ct)).Where(e => e.MergedIntoId is null).ToList();
                var byKey = frontier.Where(id => placed[id].MatchKey is not null).GroupBy(id => placed[id].MatchKey!).ToDictionary(g => g.Key, g => g.ToList());
                var seen = same.Where(e => visibleFiles.Contains(e.FileId) && !placed.ContainsKey(e.Id)).ToList();
                await PlaceAsync(seen, hop + 1);
                next.AddRange(seen);
                foreach (var e in same.Where(e => visibleFiles.Contains(e.FileId)))
                    foreach (var from in byKey[e.MatchKey!].Where(from => from != e.Id && placed[from].FileId != e.FileId))
                        edges.Add(string.CompareOrdinal(Id(from), Id(e.Id)) < 0
                            ? new GraphEdge(Id(from), Id(e.Id), text["Graph_Same"], false)
                            : new GraphEdge(Id(e.Id), Id(from), text["Graph_Same"], false));
                foreach (var e in same.Where(e => !visibleFiles.Contains(e.FileId)))
                    foreach (var from in byKey[e.MatchKey!])
                        hiddenFrom.Add(from);
            }

            // A person who is a party with a protection case.
            var partyIds = frontier.Select(id => placed[id].PartyId).OfType<Guid>().Distinct().ToList();
            if (partyIds.Count > 0)
            {
                var parties = await db.FileParties.AsNoTracking().Where(p => partyIds.Contains(p.Id) && p.CaseId != null).Select(p => new { p.Id, CaseId = p.CaseId!.Value }).ToListAsync(ct);
                var caseIds = parties.Select(p => p.CaseId).Distinct().ToList();
                var seenCases = caseIds.Count == 0 ? [] : await caseAccess.VisibleCases(viewer).Where(c => caseIds.Contains(c.Id)).Select(c => new { c.Id, c.Number }).ToListAsync(ct);
                foreach (var id in frontier.Where(id => placed[id].PartyId is not null))
                    foreach (var p in parties.Where(p => p.Id == placed[id].PartyId))
                    {
                        if (seenCases.FirstOrDefault(c => c.Id == p.CaseId) is { } c)
                        {
                            var node = "c" + c.Id.ToString("N");
                            if (!nodes.Any(n => n.Id == node))
                                nodes.Add(new GraphNode(node, GraphNodeKind.ProtectionCase, c.Number, null, $"/Cases/Detail?id={c.Id}", false, hop + 1));
                            edges.Add(new GraphEdge(Id(id), node, text["Graph_HasCase"], false));
                        }
                        else
                            hiddenFrom.Add(id);
                    }
            }
            frontier = next.Select(e => e.Id).Distinct().ToList();
        }

        // One hidden node per entity with unseen connections: no id, number, kind or count of what lies behind it.
        var n = 0;
        foreach (var from in hiddenFrom.OrderBy(id => nodes.FindIndex(x => x.Id == Id(id))))
        {
            var node = $"hidden-{++n}";
            var depthOf = nodes.First(x => x.Id == Id(from)).Depth;
            nodes.Add(new GraphNode(node, GraphNodeKind.CriminalFile, text["Graph_AskOwner"], null, null, true, depthOf + 1));
            edges.Add(new GraphEdge(Id(from), node, text["Graph_ConnectionExists"], true));
            askFrom.Add((from, nodes.First(x => x.Id == Id(from)).Label));
        }
        return new Graph(fileId, "", new FileRights(new HashSet<Relation>()), depth, nodes, edges.Distinct().ToList(), askFrom);
    }

    // ---------------------------------------------------------------- "connection exists — ask the owner"

    /// <summary>
    /// Asks the owners of whatever unseen file or case connects to the viewer's entity. One request per unseen target,
    /// none repeated while one is pending; the requester is told only that the owners were asked. Null when the entity's
    /// file is not visible.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> AskOwnerAsync(Viewer viewer, AskInput input, CancellationToken ct = default)
    {
        var entity = input.EntityId is { } eid ? await db.FileEntities.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eid, ct) : null;
        if (entity is null)
        {
            await audit.RecordAsync(new AuditRecord(InvestigationAudit.FileDenied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, InvestigationAudit.File), ct);
            return null;
        }
        if (await files.RightsOrDeniedAsync(viewer, entity.FileId, ct) is not { } rights)
            return null;
        // A reader through a granted connection request holds no relation to this file to ask in: they ask from a file of their own.
        if (rights.ReadsOnly || !rights.Any)
            return new() { [""] = [text["Connection_ReadsOnly"]] };
        var errors = new Dictionary<string, string[]>();
        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            errors[nameof(AskInput.Reason)] = [text["Connection_ReasonRequired"]];
        else if (reason.Length > 500)
            errors[nameof(AskInput.Reason)] = [text["Validation_TooLong", 500]];
        if (errors.Count > 0)
            return errors;
        var targets = await HiddenTargetsAsync(viewer, entity, ct);
        if (targets.Count == 0)
            return new() { [""] = [text["Connection_NothingToAsk"]] };
        var relation = rights.Keeps ? Relation.Investigator : rights.Supervises ? Relation.SquadSupervisor : rights.Prosecutes ? Relation.Prosecutor : Relation.Court;
        var pending = await db.ConnectionRequests.AsNoTracking().Where(r => r.RequestedBy == viewer.UserId && r.Status == ConnectionRequestStatus.Pending)
            .Select(r => r.TargetId).ToListAsync(ct);
        var fresh = targets.Where(t => !pending.Contains(t.TargetId)).ToList();
        if (fresh.Count == 0)
            return new() { [""] = [text["Connection_AlreadyAsked"]] };
        await writes.RunAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            var (keyEntity, key) = dataKeys.Create();
            var first = Guid.Empty;
            foreach (var t in fresh)
            {
                var r = new ConnectionRequest
                {
                    Target = t.Target,
                    TargetId = t.TargetId,
                    OwnerInstitutionId = t.Owner,
                    FromFileId = entity.FileId,
                    FromEntityId = entity.Id,
                    RequestedBy = viewer.UserId,
                    RequesterInstitutionId = viewer.InstitutionId,
                    Relation = relation,
                    DataKeyId = keyEntity.Id,
                    RequestedAt = now,
                };
                r.ReasonEnc = db.Seal(r, x => x.ReasonEnc, reason, key, keyEntity.Id);
                db.ConnectionRequests.Add(r);
                if (first == Guid.Empty)
                    first = r.Id;
                db.Notifications.Add(new Notification
                {
                    RecipientInstitutionId = t.Owner,
                    RecipientRole = t.Target == ConnectionTarget.CriminalFile ? RoleCatalog.SquadChief : null,
                    Kind = InvestigationAudit.ConnectionNotice.Code,
                    CaseNumber = t.Number,
                    CreatedAt = now,
                });
            }
            await db.SaveChangesAsync(ct);
            // The audit names the requester's file; the targets are in the requests, which only their owners read.
            return new Audited<bool>(true, new AuditRecord(InvestigationAudit.ConnectionRequested, TargetType: InvestigationAudit.File, TargetId: entity.FileId,
                Relation: rights.Relation, Purpose: CriminalFiles.PurposeOf(rights)));
        }, ct);
        return errors;
    }

    /// <summary>The requests the viewer may decide (owner of the target) and the ones they made, newest first.</summary>
    public async Task<(IReadOnlyList<RequestRow> Incoming, IReadOnlyList<RequestRow> Outgoing)> RequestsAsync(Viewer viewer, CancellationToken ct = default)
    {
        var ownFiles = access.ActiveGrants(viewer).Where(g => !g.ReadOnly && (g.Relation == Relation.Investigator || g.Relation == Relation.SquadSupervisor)).Select(g => g.FileId);
        var ownCases = caseAccess.ActiveGrants(viewer).Where(g => g.Relation == Relation.Investigator || g.Relation == Relation.SquadSupervisor).Select(g => g.CaseId);
        var incoming = await db.ConnectionRequests.AsNoTracking()
            .Where(r => (r.Target == ConnectionTarget.CriminalFile && ownFiles.Contains(r.TargetId)) || (r.Target == ConnectionTarget.ProtectionCase && ownCases.Contains(r.TargetId)))
            .OrderByDescending(r => r.RequestedAt).Take(200).ToListAsync(ct);
        var outgoing = await db.ConnectionRequests.AsNoTracking().Where(r => r.RequestedBy == viewer.UserId).OrderByDescending(r => r.RequestedAt).Take(200).ToListAsync(ct);
        var userIds = incoming.Select(r => r.RequestedBy).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var institutionIds = incoming.Select(r => r.RequesterInstitutionId).Distinct().ToList();
        var institutions = await db.Institutions.AsNoTracking().Where(i => institutionIds.Contains(i.Id)).Select(i => new { i.Id, i.Name }).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var keys = await dataKeys.UnwrapManyAsync(incoming.Concat(outgoing).Select(r => r.DataKeyId).Distinct(), ct);
        var entityIds = incoming.Concat(outgoing).Select(r => r.FromEntityId).Distinct().ToList();
        var kinds = await db.FileEntities.AsNoTracking().Where(e => entityIds.Contains(e.Id)).Select(e => new { e.Id, e.Kind }).ToDictionaryAsync(e => e.Id, e => e.Kind, ct);
        var targetFiles = incoming.Concat(outgoing).Where(r => r.Target == ConnectionTarget.CriminalFile).Select(r => r.TargetId).Distinct().ToList();
        var fileNumbers = await db.CriminalFiles.AsNoTracking().Where(f => targetFiles.Contains(f.Id)).Select(f => new { f.Id, f.Number }).ToDictionaryAsync(f => f.Id, f => f.Number, ct);
        var targetCases = incoming.Concat(outgoing).Where(r => r.Target == ConnectionTarget.ProtectionCase).Select(r => r.TargetId).Distinct().ToList();
        var caseNumbers = await db.Cases.AsNoTracking().Where(c => targetCases.Contains(c.Id)).Select(c => new { c.Id, c.Number }).ToDictionaryAsync(c => c.Id, c => c.Number, ct);
        // The requester's own entity value: opened with its file's key, only for the requester's rows.
        var fromEntities = await db.FileEntities.AsNoTracking().Where(e => outgoing.Select(r => r.FromEntityId).Contains(e.Id)).ToListAsync(ct);
        var fromKeys = await db.CriminalFiles.AsNoTracking().Where(f => fromEntities.Select(e => e.FileId).Contains(f.Id)).Select(f => new { f.Id, f.DataKeyId }).ToDictionaryAsync(f => f.Id, f => f.DataKeyId, ct);
        var fromFileKeys = await dataKeys.UnwrapManyAsync(fromKeys.Values.Distinct(), ct);
        string FromValue(Guid entityId) => fromEntities.FirstOrDefault(e => e.Id == entityId) is { } e && fromKeys.TryGetValue(e.FileId, out var k) && fromFileKeys.TryGetValue(k, out var key)
            ? db.Open(e, x => x.ValueEnc, key, k) ?? "" : "";
        string? Open(ConnectionRequest r, System.Linq.Expressions.Expression<Func<ConnectionRequest, byte[]?>> p) =>
            keys.TryGetValue(r.DataKeyId, out var key) ? db.Open(r, p, key, r.DataKeyId) : null;
        (string? Number, string? Href) TargetOf(ConnectionRequest r) => r.Target == ConnectionTarget.CriminalFile
            ? (fileNumbers.GetValueOrDefault(r.TargetId), $"/Investigations/File/{r.TargetId}")
            : (caseNumbers.GetValueOrDefault(r.TargetId), $"/Cases/Detail?id={r.TargetId}");
        var inRows = incoming.Select(r => new RequestRow(r.Id, r.Status, r.RequestedAt, kinds.GetValueOrDefault(r.FromEntityId), names.GetValueOrDefault(r.RequestedBy, "—"),
            institutions.GetValueOrDefault(r.RequesterInstitutionId, "—"), r.Relation, Open(r, x => x.ReasonEnc), TargetOf(r).Number, TargetOf(r).Href, r.DecidedAt,
            Open(r, x => x.DecisionNoteEnc), "")).ToList();
        // The requester learns what lay behind the connection only once granted, and only while the grant is in force: once the
        // 90 days have passed or the grant was revoked (the target no longer open to them), its number and link are gone again.
        var grantedFiles = outgoing.Where(r => r.Status == ConnectionRequestStatus.Granted && r.Target == ConnectionTarget.CriminalFile).Select(r => r.TargetId).Distinct().ToList();
        var grantedCases = outgoing.Where(r => r.Status == ConnectionRequestStatus.Granted && r.Target == ConnectionTarget.ProtectionCase).Select(r => r.TargetId).Distinct().ToList();
        var openFiles = await access.ActiveGrants(viewer).Where(g => grantedFiles.Contains(g.FileId)).Select(g => g.FileId).Distinct().ToListAsync(ct);
        var openCases = await caseAccess.ActiveGrants(viewer).Where(g => grantedCases.Contains(g.CaseId)).Select(g => g.CaseId).Distinct().ToListAsync(ct);
        bool InForce(ConnectionRequest r) => r.Status == ConnectionRequestStatus.Granted
            && (r.Target == ConnectionTarget.CriminalFile ? openFiles.Contains(r.TargetId) : openCases.Contains(r.TargetId));
        var outRows = outgoing.Select(r => new RequestRow(r.Id, r.Status, r.RequestedAt, kinds.GetValueOrDefault(r.FromEntityId), "", "", r.Relation, Open(r, x => x.ReasonEnc),
            InForce(r) ? TargetOf(r).Number : null, InForce(r) ? TargetOf(r).Href : null, r.DecidedAt,
            Open(r, x => x.DecisionNoteEnc), FromValue(r.FromEntityId))).ToList();
        return (inRows, outRows);
    }

    /// <summary>The owner grants (the requester's own relation, for <see cref="ConnectionGrantFor"/>) or refuses; null when not theirs to decide.</summary>
    public async Task<Dictionary<string, string[]>?> DecideAsync(Viewer viewer, Guid requestId, DecideInput input, CancellationToken ct = default)
    {
        var r = await db.ConnectionRequests.FirstOrDefaultAsync(x => x.Id == requestId, ct);
        if (r is null || !await MayDecideAsync(viewer, r, ct))
        {
            await audit.RecordAsync(new AuditRecord(InvestigationAudit.ConnectionDenied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId,
                InvestigationAudit.Connection, requestId), ct);
            return null;
        }
        var errors = new Dictionary<string, string[]>();
        if (r.Status != ConnectionRequestStatus.Pending)
            return new() { [""] = [text["Connection_AlreadyDecided"]] };
        if (input.Grant is null)
            errors[nameof(DecideInput.Grant)] = [text["Connection_DecisionRequired"]];
        var note = NullIfEmpty(input.Note);
        if (note?.Length > 500)
            errors[nameof(DecideInput.Note)] = [text["Validation_TooLong", 500]];
        else if (input.Grant == false && note is null)
            errors[nameof(DecideInput.Note)] = [text["Connection_RefusalReasonRequired"]];
        if (errors.Count > 0)
            return errors;
        var now = time.GetUtcNow();
        if (input.Grant == true && r.Target == ConnectionTarget.ProtectionCase)
        {
            // A case is opened by the case's own grant service: its rules on relations, minors and classes hold.
            var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == r.RequestedBy, ct);
            var read = AccessMatrix.Default[r.Relation].Read;
            var grantErrors = await caseGrants.AddAsync(viewer, r.TargetId, new GrantService.GrantInput
            {
                Relation = r.Relation,
                GranteeUserName = user.UserName,
                Read = Enum.GetValues<DataClass>().Where(c => c != DataClass.None && (read & c) == c && System.Numerics.BitOperations.PopCount((uint)c) == 1).ToList(),
                ValidUntil = uiTime.DayOf(now.Add(ConnectionGrantFor)),
                Reason = "Connection request",
            }, ct);
            if (grantErrors.Count > 0)
                return new() { [""] = [.. grantErrors.Values.SelectMany(v => v)] };
        }
        var key = await KeyAsync(r.DataKeyId, ct);
        await writes.RunAsync(viewer, async ct =>
        {
            r.Status = input.Grant == true ? ConnectionRequestStatus.Granted : ConnectionRequestStatus.Refused;
            r.DecidedBy = viewer.UserId;
            r.DecidedAt = now;
            r.DecisionNoteEnc = db.Seal(r, x => x.DecisionNoteEnc, note, key, r.DataKeyId);
            if (input.Grant == true && r.Target == ConnectionTarget.CriminalFile)
                db.FileGrants.Add(new FileGrant
                {
                    FileId = r.TargetId,
                    GranteeUserId = r.RequestedBy,
                    Relation = r.Relation,
                    ValidFrom = now,
                    ValidUntil = now.Add(ConnectionGrantFor),
                    GrantedBy = viewer.UserId,
                    Reason = "connection request",
                    ReadOnly = true,
                });
            db.Notifications.Add(new Notification
            {
                RecipientUserId = r.RequestedBy,
                Kind = (input.Grant == true ? InvestigationAudit.ConnectionGrantedNotice : InvestigationAudit.ConnectionRefusedNotice).Code,
                CreatedAt = now,
            });
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(input.Grant == true ? InvestigationAudit.ConnectionGranted : InvestigationAudit.ConnectionRefused,
                TargetType: r.Target == ConnectionTarget.CriminalFile ? InvestigationAudit.File : AuditTarget.Case,
                TargetId: r.TargetId, CaseId: r.Target == ConnectionTarget.ProtectionCase ? r.TargetId : null));
        }, ct);
        return errors;
    }

    private async Task<bool> MayDecideAsync(Viewer viewer, ConnectionRequest r, CancellationToken ct) => r.Target == ConnectionTarget.CriminalFile
        ? await access.RightsAsync(viewer, r.TargetId, ct) is { } rights && MayEdit(rights)
        : (await caseGrants.GrantableAsync(viewer, r.TargetId, ct)).Contains(r.Relation);

    /// <summary>The entity's connections into files and cases the viewer may not see, with their owners (server side only).</summary>
    private async Task<List<(ConnectionTarget Target, Guid TargetId, Guid Owner, string Number)>> HiddenTargetsAsync(Viewer viewer, FileEntity entity, CancellationToken ct)
    {
        var visibleFiles = access.VisibleFileIds(viewer);
        var result = new List<(ConnectionTarget, Guid, Guid, string)>();
        if (entity.MatchKey is { } matchKey)
        {
            var unseen = (await db.FileEntities.AsNoTracking().Where(e => e.MatchKey == matchKey && !visibleFiles.Contains(e.FileId))
                .Select(e => new { e.FileId, e.MergedIntoId }).ToListAsync(ct)).Where(e => e.MergedIntoId is null).Select(e => e.FileId).Distinct().ToList();
            var owners = await db.CriminalFiles.AsNoTracking().Where(f => unseen.Contains(f.Id)).Select(f => new { f.Id, f.OwnerInstitutionId, f.Number }).ToListAsync(ct);
            result.AddRange(owners.Select(o => (ConnectionTarget.CriminalFile, o.Id, o.OwnerInstitutionId, o.Number)));
        }
        if (entity.PartyId is { } partyId && await db.FileParties.AsNoTracking().Where(p => p.Id == partyId).Select(p => p.CaseId).FirstOrDefaultAsync(ct) is { } caseId
            && !await caseAccess.VisibleCaseIds(viewer).AnyAsync(id => id == caseId, ct))
        {
            var c = await db.Cases.AsNoTracking().Where(x => x.Id == caseId).Select(x => new { x.Number, x.ResponsibleInstitutionId }).FirstAsync(ct);
            var squad = await db.Grants.AsNoTracking().Where(CaseAccess.InForce(time.GetUtcNow()))
                .Where(g => g.CaseId == caseId && g.Relation == Relation.SquadSupervisor && g.GranteeInstitutionId != null)
                .Select(g => g.GranteeInstitutionId).FirstOrDefaultAsync(ct);
            result.Add((ConnectionTarget.ProtectionCase, caseId, squad ?? c.ResponsibleInstitutionId, c.Number));
        }
        return result;
    }

    /// <summary>Which of these entities connect to something the viewer may not see.</summary>
    private async Task<HashSet<Guid>> HiddenConnectionsAsync(Viewer viewer, IReadOnlyList<FileEntity> rows, CancellationToken ct)
    {
        var visibleFiles = access.VisibleFileIds(viewer);
        var matchKeys = rows.Select(e => e.MatchKey).OfType<string>().Distinct().ToList();
        var hiddenKeys = matchKeys.Count == 0 ? [] : (await db.FileEntities.AsNoTracking()
            .Where(e => e.MatchKey != null && matchKeys.Contains(e.MatchKey) && !visibleFiles.Contains(e.FileId)).Select(e => e.MatchKey!).Distinct().ToListAsync(ct)).ToHashSet();
        var partyIds = rows.Select(e => e.PartyId).OfType<Guid>().ToList();
        var visibleCases = caseAccess.VisibleCaseIds(viewer);
        var hiddenParties = partyIds.Count == 0 ? [] : (await db.FileParties.AsNoTracking()
            .Where(p => partyIds.Contains(p.Id) && p.CaseId != null && !visibleCases.Contains(p.CaseId.Value)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        return rows.Where(e => (e.MatchKey is not null && hiddenKeys.Contains(e.MatchKey)) || (e.PartyId is { } p && hiddenParties.Contains(p))).Select(e => e.Id).ToHashSet();
    }

    // ---------------------------------------------------------------- merges

    /// <summary>Confirms a merge of two live entities of one kind in the file (Keeps or Supervises); null when not visible.</summary>
    public async Task<Dictionary<string, string[]>?> MergeAsync(Viewer viewer, Guid fileId, Guid keptId, Guid mergedId, CancellationToken ct = default)
    {
        if (await files.RightsOrDeniedAsync(viewer, fileId, ct) is not { } rights)
            return null;
        if (!MayEdit(rights))
            return new() { [""] = [text["Entity_NotAllowed"]] };
        var pair = await db.FileEntities.Where(e => e.FileId == fileId && (e.Id == keptId || e.Id == mergedId) && e.MergedIntoId == null).ToListAsync(ct);
        if (keptId == mergedId || pair.Count != 2 || pair[0].Kind != pair[1].Kind)
            return new() { [""] = [text["Merge_Invalid"]] };
        var file = await db.CriminalFiles.AsNoTracking().FirstAsync(f => f.Id == fileId, ct);
        var key = await KeyAsync(file.DataKeyId, ct);
        var suggestion = EntityResolution.Suggest(pair.OrderBy(e => e.Id == keptId ? 0 : 1).Select(e => Facts(e, key, file.DataKeyId)).ToList()) is [var first, ..] ? first : null;
        await writes.RunAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            pair.Single(e => e.Id == mergedId).MergedIntoId = keptId;
            // An entity merged earlier into the one now merged follows it.
            foreach (var e in await db.FileEntities.Where(e => e.MergedIntoId == mergedId).ToListAsync(ct))
                e.MergedIntoId = keptId;
            var merge = new EntityMerge
            {
                FileId = fileId,
                KeptId = keptId,
                MergedId = mergedId,
                Score = suggestion?.Score ?? 0,
                Reasons = string.Join(',', suggestion?.Explanation.Select(r => r.Key) ?? []),
                ConfirmedAt = now,
                ConfirmedBy = viewer.UserId,
            };
            db.EntityMerges.Add(merge);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(InvestigationAudit.MergeConfirmed, TargetType: InvestigationAudit.File, TargetId: fileId,
                Relation: rights.Relation, Purpose: CriminalFiles.PurposeOf(rights)));
        }, ct);
        return [];
    }

    /// <summary>Undoes a confirmed merge: the merged entity stands on its own again, with its own links.</summary>
    public async Task<Dictionary<string, string[]>?> UndoMergeAsync(Viewer viewer, Guid fileId, Guid mergeId, CancellationToken ct = default)
    {
        if (await files.RightsOrDeniedAsync(viewer, fileId, ct) is not { } rights)
            return null;
        if (!MayEdit(rights))
            return new() { [""] = [text["Entity_NotAllowed"]] };
        var merge = await db.EntityMerges.FirstOrDefaultAsync(m => m.Id == mergeId && m.FileId == fileId && m.UndoneAt == null, ct);
        if (merge is null)
            return new() { [""] = [text["Merge_Invalid"]] };
        await writes.RunAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            merge.UndoneAt = now;
            merge.UndoneBy = viewer.UserId;
            var merged = await db.FileEntities.FirstAsync(e => e.Id == merge.MergedId, ct);
            merged.MergedIntoId = null;
            // Entities that were merged into the undone one (and followed it to the kept one) go back to it.
            var earlier = await db.EntityMerges.Where(m => m.FileId == fileId && m.KeptId == merge.MergedId && m.UndoneAt == null).Select(m => m.MergedId).ToListAsync(ct);
            foreach (var e in await db.FileEntities.Where(e => earlier.Contains(e.Id)).ToListAsync(ct))
                e.MergedIntoId = merge.MergedId;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(InvestigationAudit.MergeUndone, TargetType: InvestigationAudit.File, TargetId: fileId,
                Relation: rights.Relation, Purpose: CriminalFiles.PurposeOf(rights)));
        }, ct);
        return [];
    }

    // ---------------------------------------------------------------- export

    /// <summary>
    /// The file's entities and links as FollowTheMoney JSON lines, on a recorded legal basis. Entities and links whose
    /// handling code forbids export are withheld (links to a withheld entity with them). Null when not visible.
    /// </summary>
    public async Task<(string? Json, Dictionary<string, string[]>? Errors)> ExportAsync(Viewer viewer, Guid fileId, ExportInput input, CancellationToken ct = default)
    {
        if (await files.RightsOrDeniedAsync(viewer, fileId, ct) is not { } rights)
            return (null, null);
        if (!MayExport(rights))
            return (null, new() { [""] = [text["Export_NotAllowed"]] });
        var errors = new Dictionary<string, string[]>();
        if (input.LegalBasis is not { } basis || !Enum.IsDefined(basis))
            errors[nameof(ExportInput.LegalBasis)] = [text["Export_LegalBasisRequired"]];
        var reference = input.Reference?.Trim();
        if (string.IsNullOrEmpty(reference))
            errors[nameof(ExportInput.Reference)] = [text["Export_ReferenceRequired"]];
        else if (reference.Length > 200)
            errors[nameof(ExportInput.Reference)] = [text["Validation_TooLong", 200]];
        if (errors.Count > 0)
            return (null, errors);
        var file = await db.CriminalFiles.AsNoTracking().FirstAsync(f => f.Id == fileId, ct);
        var key = await KeyAsync(file.DataKeyId, ct);
        var rows = await db.FileEntities.AsNoTracking().Where(e => e.FileId == fileId && e.MergedIntoId == null).OrderBy(e => e.RecordedAt).ToListAsync(ct);
        var all = await db.FileEntities.AsNoTracking().Where(e => e.FileId == fileId).Select(e => new { e.Id, e.MergedIntoId }).ToListAsync(ct);
        var mergedTo = all.Where(e => e.MergedIntoId is not null).ToDictionary(e => e.Id, e => e.MergedIntoId!.Value);
        var links = await db.FileLinks.AsNoTracking().Where(l => l.FileId == fileId).OrderBy(l => l.RecordedAt).ToListAsync(ct);
        bool Exportable(string handling) => grading.Value.HandlingOf(handling)?.AllowsExport == true;
        var entities = rows.Where(e => Exportable(e.Handling)).Select(e => Facts(e, key, file.DataKeyId)).ToList();
        var exported = entities.Select(e => e.Id).ToHashSet();
        // A link goes only with both its ends: a link to a withheld entity is withheld with it.
        var linkFacts = links.Where(l => Exportable(l.Handling)).Select(l => LinkFactsOf(l, key, file.DataKeyId, mergedTo))
            .Where(l => l.From != l.To && exported.Contains(l.From) && exported.Contains(l.To)).ToList();
        var withheld = rows.Count - entities.Count + links.Count - linkFacts.Count;
        var json = FtmExport.ToJsonLines(entities, linkFacts, "ariadne-" + file.Number.ToLowerInvariant());
        await writes.RunAsync(viewer, async ct =>
        {
            var export = new EntityExport
            {
                FileId = fileId,
                ExportedBy = viewer.UserId,
                InstitutionId = viewer.InstitutionId,
                ExportedAt = time.GetUtcNow(),
                LegalBasis = input.LegalBasis!.Value,
                DataKeyId = file.DataKeyId,
                Entities = entities.Count,
                Links = linkFacts.Count,
                Withheld = withheld,
            };
            export.ReferenceEnc = db.Seal(export, x => x.ReferenceEnc, reference, key, file.DataKeyId);
            db.EntityExports.Add(export);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(InvestigationAudit.EntitiesExported, TargetType: InvestigationAudit.File, TargetId: fileId,
                Relation: rights.Relation, Purpose: CriminalFiles.PurposeOf(rights)));
        }, ct);
        return (json, errors);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>The keyed match key of a value: the same phone, IBAN, plate, company or person (name and birth date) anywhere.</summary>
    public string? MatchKeyOf(EntityKind kind, string value, string? detail)
    {
        var normalized = kind switch
        {
            EntityKind.Phone => EntityResolution.NormalizePhone(value),
            EntityKind.BankAccount => EntityResolution.NormalizeIban(value) ?? new string(value.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant(),
            EntityKind.Vehicle => EntityResolution.NormalizePlate(value),
            EntityKind.Company => EntityResolution.NormalizeCompanyName(value),
            EntityKind.Address => EntityResolution.NormalizeAddress(value),
            // A person is matched on name and birth date together; a name alone is too common to connect files.
            EntityKind.Person when detail is not null => string.Join(' ', value.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)) + "|" + detail,
            _ => null,
        };
        return string.IsNullOrEmpty(normalized) || normalized.Length < 4 ? null : blindIndex.Key("entity|" + kind, normalized);
    }

    private void ValidateProvenance(Dictionary<string, string[]> errors, string? source, string? reliability, string? handling, DateOnly? from, DateOnly? until)
    {
        var s = source?.Trim();
        if (string.IsNullOrEmpty(s))
            errors[nameof(EntityInput.Source)] = [text["Entity_SourceRequired"]];
        else if (s.Length > MaxValue)
            errors[nameof(EntityInput.Source)] = [text["Validation_TooLong", MaxValue]];
        if (!grading.Value.IsReliability(reliability?.Trim()))
            errors[nameof(EntityInput.Reliability)] = [text["Entity_ReliabilityInvalid"]];
        if (grading.Value.HandlingOf(handling?.Trim()) is null)
            errors[nameof(EntityInput.Handling)] = [text["Entity_HandlingInvalid"]];
        if (from is { } f && until is { } u && u < f)
            errors[nameof(EntityInput.ValidUntil)] = [text["Entity_ValidityOrder"]];
    }

    private EntityFacts Facts(FileEntity e, byte[] key, Guid keyId) => new(e.Id, e.Kind, db.Open(e, x => x.ValueEnc, key, keyId) ?? "", db.Open(e, x => x.DetailEnc, key, keyId),
        e.Country, e.ValidFrom, e.ValidUntil, db.Open(e, x => x.SourceEnc, key, keyId) ?? "", e.Reliability, e.Handling, e.FileId);

    private LinkFacts LinkFactsOf(FileLink l, byte[] key, Guid keyId, IReadOnlyDictionary<Guid, Guid> mergedTo) =>
        new(l.Id, mergedTo.GetValueOrDefault(l.FromId, l.FromId), mergedTo.GetValueOrDefault(l.ToId, l.ToId), l.Kind, l.ValidFrom, l.ValidUntil,
            db.Open(l, x => x.SourceEnc, key, keyId) ?? "", l.Reliability, l.Handling, l.FileId);

    private static Dictionary<Guid, Guid> MergedTo(IEnumerable<FileEntity> rows) =>
        rows.Where(e => e.MergedIntoId is not null).ToDictionary(e => e.Id, e => e.MergedIntoId!.Value);

    private async Task<byte[]> KeyAsync(Guid keyId, CancellationToken ct) =>
        await dataKeys.UnwrapAsync(keyId, ct) ?? throw new InvalidOperationException("A data key is gone.");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
