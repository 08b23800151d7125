using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// <c>/api/v1/entities</c>: a file's entities and links, the graph within need-to-know, "ask the owner", merges and the
/// FollowTheMoney export — the same rules as the pages (<see cref="LinkAnalysis"/>). A file the caller may not see is a 404.
/// </summary>
public static class EntitiesApi
{
    public sealed record EntityDocument(Guid Id, EntityKind Kind, string Value, string? Detail, string? Country, DateOnly? ValidFrom, DateOnly? ValidUntil,
        string Source, string Reliability, string Handling, Guid? PartyId, Guid? MergedIntoId, bool HiddenConnection);

    public sealed record LinkDocument(Guid Id, Guid From, Guid To, LinkKind Kind, DateOnly? ValidFrom, DateOnly? ValidUntil, string Source, string Reliability, string Handling);

    public sealed record SuggestionDocument(Guid LeftId, Guid RightId, EntityKind Kind, double Score, IReadOnlyList<string> Reasons);

    public sealed record EntitiesDocument(Guid FileId, string FileNumber, IReadOnlyList<EntityDocument> Entities, IReadOnlyList<LinkDocument> Links,
        IReadOnlyList<SuggestionDocument> Suggestions);

    /// <summary>A node of the graph. Hidden: a connection into something the caller may not see; its label is generic, it has no link.</summary>
    public sealed record NodeDocument(string Id, GraphNodeKind? Kind, string Label, string? Href, bool Hidden, int Depth);

    public sealed record EdgeDocument(string From, string To, string Label, bool Hidden);

    public sealed record GraphDocument(Guid FileId, int Depth, IReadOnlyList<NodeDocument> Nodes, IReadOnlyList<EdgeDocument> Edges, IReadOnlyList<Guid> AskFrom);

    public sealed record CreateEntity(Guid? FileId, EntityKind? Kind, string? Value, string? Detail, string? Country, DateOnly? ValidFrom, DateOnly? ValidUntil,
        string? Source, string? Reliability, string? Handling, Guid? PartyId);

    public sealed record CreateLink(Guid? FileId, Guid? FromId, Guid? ToId, LinkKind? Kind, DateOnly? ValidFrom, DateOnly? ValidUntil, string? Source, string? Reliability, string? Handling);

    public sealed record MergeBody(Guid? FileId, Guid? KeptId, Guid? MergedId);

    public sealed record ExportBody(Guid? FileId, ExportLegalBasis? LegalBasis, string? Reference);

    public sealed record RequestDocument(Guid Id, ConnectionRequestStatus Status, DateTimeOffset RequestedAt, EntityKind Through, string? Requester, Relation Relation,
        string? Reason, string? Target, DateTimeOffset? DecidedAt, string? DecisionNote);

    public sealed record RequestsDocument(IReadOnlyList<RequestDocument> AskedOfYou, IReadOnlyList<RequestDocument> AskedByYou);

    public static void MapEntitiesApi(this RouteGroupBuilder v1)
    {
        var g = v1.MapGroup("/entities").ProducesTokenProblems();
        g.MapGet("/", ListAsync).RequireAuthorization(InvestigationModule.EntitiesReadPolicy).WithName("ListEntities")
            .WithSummary("A criminal file's entities and links with their source, grade, handling code and validity, and merge suggestions (audited).")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/", CreateAsync).RequireAuthorization(InvestigationModule.EntitiesWritePolicy).WithName("CreateEntity")
            .WithSummary("Records an entity of a file (once per Idempotency-Key). Only the Squad keeping the file.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        g.MapPost("/links", LinkAsync).RequireAuthorization(InvestigationModule.EntitiesWritePolicy).WithName("CreateEntityLink")
            .WithSummary("Records a link between two entities of one file (once per Idempotency-Key).")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        g.MapGet("/graph", GraphAsync).RequireAuthorization(InvestigationModule.EntitiesReadPolicy).WithName("GetEntityGraph")
            .WithSummary("Neighbours of a file's entities to depth 1–3 among the files and cases the caller may see; a connection into anything else is one hidden node with a generic label (audited).")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/ask-owner", AskAsync).RequireAuthorization(InvestigationModule.EntitiesWritePolicy).WithName("AskConnectionOwner")
            .WithSummary("Asks the owners of whatever unseen file or case connects to this entity for access; sends the reason, never data.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        g.MapGet("/connection-requests", RequestsAsync).RequireAuthorization(InvestigationModule.EntitiesReadPolicy).WithName("ListConnectionRequests")
            .WithSummary("Connection requests asked of the caller (as owner) and asked by the caller; the target is named only to its owner, or once granted.");
        g.MapPost("/connection-requests/{id:guid}/decision", DecideAsync).RequireAuthorization(InvestigationModule.EntitiesWritePolicy).WithName("DecideConnectionRequest")
            .WithSummary("The owner grants (90 days, the requester's own relation) or refuses with a reason.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/merges", MergeAsync).RequireAuthorization(InvestigationModule.EntitiesWritePolicy).WithName("MergeEntities")
            .WithSummary("Confirms that two entities of one file are the same; the second's links show on the first.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        g.MapDelete("/merges/{id:guid}", UndoAsync).RequireAuthorization(InvestigationModule.EntitiesWritePolicy).WithName("UndoEntityMerge")
            .WithSummary("Undoes a confirmed merge.")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/export", ExportAsync).RequireAuthorization(InvestigationModule.EntitiesWritePolicy).WithName("ExportEntities")
            .WithSummary("The file's entities and links as FollowTheMoney JSON lines; the legal basis is recorded; handling codes H4/H5 are withheld.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream", "application/x-ndjson")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static ProblemHttpResult NotFound(IStringLocalizer text) => TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult Problem(Dictionary<string, string[]> errors, IStringLocalizer text) =>
        errors.TryGetValue("", out var refusal)
            ? TypedResults.Problem(title: refusal[0], statusCode: refusal[0] == text["Api_IdempotencyKeyReused"] ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict)
            : ApiProblems.Invalid(errors, text);

    private static async Task<Results<Ok<EntitiesDocument>, ProblemHttpResult>> ListAsync(Guid fileId, ClaimsPrincipal user, LinkAnalysis links,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await links.ReadAsync(Viewer.Of(user), fileId, ct) is { } v ? TypedResults.Ok(Document(v, text)) : NotFound(text);

    private static async Task<Results<Created<EntityDocument>, ProblemHttpResult>> CreateAsync(CreateEntity input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, LinkAnalysis links, BlindIndex index,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);
        if (input.FileId is not { } fileId)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["fileId"] = [text["File_Required"]] }, text);
        var request = new IdempotentRequest(idempotencyKey!, index.Fingerprint(JsonSerializer.Serialize(input)), nameof(FileEntity));
        var viewer = Viewer.Of(user);
        var (id, errors) = await links.AddEntityAsync(viewer, fileId, new LinkAnalysis.EntityInput
        {
            Kind = input.Kind,
            Value = input.Value,
            Detail = input.Detail,
            Country = input.Country,
            ValidFrom = input.ValidFrom,
            ValidUntil = input.ValidUntil,
            Source = input.Source,
            Reliability = input.Reliability,
            Handling = input.Handling,
            PartyId = input.PartyId,
        }, request, ct);
        if (errors is null)
            return NotFound(text);
        if (errors.Count > 0)
            return Problem(errors, text);
        return await links.ReadAsync(viewer, fileId, ct) is { } v && v.Entities.FirstOrDefault(e => e.Facts.Id == id) is { } row
            ? TypedResults.Created($"/api/v1/entities?fileId={fileId}", Document(row))
            : NotFound(text);
    }

    private static async Task<Results<Created<LinkDocument>, ProblemHttpResult>> LinkAsync(CreateLink input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, LinkAnalysis links, BlindIndex index,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);
        if (input.FileId is not { } fileId)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["fileId"] = [text["File_Required"]] }, text);
        var request = new IdempotentRequest(idempotencyKey!, index.Fingerprint(JsonSerializer.Serialize(input)), nameof(FileLink));
        var viewer = Viewer.Of(user);
        var (id, errors) = await links.AddLinkAsync(viewer, fileId, new LinkAnalysis.LinkInput
        {
            FromId = input.FromId,
            ToId = input.ToId,
            Kind = input.Kind,
            ValidFrom = input.ValidFrom,
            ValidUntil = input.ValidUntil,
            Source = input.Source,
            Reliability = input.Reliability,
            Handling = input.Handling,
        }, request, ct);
        if (errors is null)
            return NotFound(text);
        if (errors.Count > 0)
            return Problem(errors, text);
        return await links.ReadAsync(viewer, fileId, ct) is { } v && v.Links.FirstOrDefault(l => l.Id == id) is { } link
            ? TypedResults.Created($"/api/v1/entities?fileId={fileId}", Document(link))
            : NotFound(text);
    }

    private static async Task<Results<Ok<GraphDocument>, ProblemHttpResult>> GraphAsync(Guid fileId, int? depth, ClaimsPrincipal user, LinkAnalysis links,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (await links.GraphAsync(Viewer.Of(user), fileId, depth ?? 2, ct) is not { } g)
            return NotFound(text);
        return TypedResults.Ok(new GraphDocument(g.FileId, g.Depth,
            [.. g.Nodes.Select(n => new NodeDocument(n.Id, n.Hidden ? null : n.Kind, n.Label, n.Href, n.Hidden, n.Depth))],
            [.. g.Edges.Select(e => new EdgeDocument(e.From, e.To, e.Label, e.Hidden))],
            [.. g.AskFrom.Select(a => a.EntityId)]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AskAsync(Guid id, LinkAnalysis.AskInput input, ClaimsPrincipal user, LinkAnalysis links,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        input.EntityId = id;
        return await links.AskOwnerAsync(Viewer.Of(user), input, ct) switch
        {
            null => NotFound(text),
            { Count: 0 } => TypedResults.NoContent(),
            var errors => Problem(errors, text),
        };
    }

    private static async Task<Ok<RequestsDocument>> RequestsAsync(ClaimsPrincipal user, LinkAnalysis links, CancellationToken ct)
    {
        var (incoming, outgoing) = await links.RequestsAsync(Viewer.Of(user), ct);
        return TypedResults.Ok(new RequestsDocument(
            [.. incoming.Select(r => new RequestDocument(r.Id, r.Status, r.RequestedAt, r.Kind, $"{r.Requester} ({r.RequesterInstitution})", r.Relation, r.Reason, r.Target, r.DecidedAt, r.DecisionNote))],
            [.. outgoing.Select(r => new RequestDocument(r.Id, r.Status, r.RequestedAt, r.Kind, null, r.Relation, r.Reason, r.Target, r.DecidedAt, r.DecisionNote))]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DecideAsync(Guid id, LinkAnalysis.DecideInput input, ClaimsPrincipal user, LinkAnalysis links,
        IStringLocalizer<SharedResource> text, CancellationToken ct) => await links.DecideAsync(Viewer.Of(user), id, input, ct) switch
        {
            null => NotFound(text),
            { Count: 0 } => TypedResults.NoContent(),
            var errors => Problem(errors, text),
        };

    private static async Task<Results<NoContent, ProblemHttpResult>> MergeAsync(MergeBody input, ClaimsPrincipal user, LinkAnalysis links,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (input.FileId is not { } fileId)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["fileId"] = [text["File_Required"]] }, text);
        return await links.MergeAsync(Viewer.Of(user), fileId, input.KeptId ?? Guid.Empty, input.MergedId ?? Guid.Empty, ct) switch
        {
            null => NotFound(text),
            { Count: 0 } => TypedResults.NoContent(),
            var errors => Problem(errors, text),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UndoAsync(Guid id, Guid fileId, ClaimsPrincipal user, LinkAnalysis links,
        IStringLocalizer<SharedResource> text, CancellationToken ct) => await links.UndoMergeAsync(Viewer.Of(user), fileId, id, ct) switch
        {
            null => NotFound(text),
            { Count: 0 } => TypedResults.NoContent(),
            var errors => Problem(errors, text),
        };

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(ExportBody input, ClaimsPrincipal user, LinkAnalysis links,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (input.FileId is not { } fileId)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["fileId"] = [text["File_Required"]] }, text);
        var (json, errors) = await links.ExportAsync(Viewer.Of(user), fileId, new LinkAnalysis.ExportInput { LegalBasis = input.LegalBasis, Reference = input.Reference }, ct);
        if (errors is null)
            return NotFound(text);
        if (json is null)
            return Problem(errors, text);
        return TypedResults.File(Encoding.UTF8.GetBytes(json), "application/x-ndjson", $"ftm-{fileId:N}.jsonl");
    }

    private static EntitiesDocument Document(LinkAnalysis.FileEntities v, IStringLocalizer text) => new(v.FileId, v.FileNumber,
        [.. v.Entities.Select(Document)], [.. v.Links.Select(Document)],
        [.. v.Suggestions.Select(s => new SuggestionDocument(s.LeftId, s.RightId, s.Kind, s.Score, [.. s.Explanation.Select(r => text[r.Key, [.. r.Arguments]].Value)]))]);

    private static EntityDocument Document(LinkAnalysis.EntityRow e) => new(e.Facts.Id, e.Facts.Kind, e.Facts.Value, e.Facts.Detail, e.Facts.Country, e.Facts.ValidFrom,
        e.Facts.ValidUntil, e.Facts.Source, e.Facts.Reliability, e.Facts.Handling, e.PartyId, e.MergedIntoId, e.HasHiddenConnection);

    private static LinkDocument Document(LinkFacts l) => new(l.Id, l.From, l.To, l.Kind, l.ValidFrom, l.ValidUntil, l.Source, l.Reliability, l.Handling);
}
