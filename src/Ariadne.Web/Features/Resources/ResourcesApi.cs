using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Resources;

/// <summary>
/// <c>/api/v1/resources</c>: needs, flows and IATI with the same rules as the pages (<see cref="ResourceLedger"/>,
/// <see cref="IatiExchange"/>). A need the caller may not see is a 404, whether it exists or not. Creating posts take an
/// <c>Idempotency-Key</c>: the same key and body answer the first result again.
/// </summary>
public static class ResourcesApi
{
    public sealed record NeedSummary(Guid Id, string Title, NeedCategory Category, IReadOnlyList<Region> Regions, Guid InstitutionId, string Institution,
        int? Quantity, string? Unit, decimal? Amount, Currency? Currency, DateOnly From, DateOnly Until, NeedPriority Priority, NeedStatus Status,
        decimal Pledged, decimal Committed, decimal Disbursed);

    public sealed record FlowDocument(Guid FlowId, string Donor, FlowType Type, decimal Allocated, decimal FlowAmount, Currency Currency, DateOnly On,
        FlowStatus Status, string? Ref);

    public sealed record NeedDocument(NeedSummary Need, string Description, string Language, IReadOnlyList<FlowDocument> Flows);

    public sealed record FlowCreated(Guid Id, IReadOnlyList<NeedSummary> Needs);

    public sealed record ImportDocument(int Activities, int NeedsAdded, int FlowsAdded, int FlowsUnchanged, int DonorsAdded);

    public static void MapResourcesApi(this RouteGroupBuilder v1)
    {
        var g = v1.MapGroup("/resources").ProducesTokenProblems();
        g.MapGet("/needs", ListAsync).RequireAuthorization(ResourcesModule.ReadPolicy).WithName("ListResourceNeeds")
            .WithSummary("The needs the caller may see (participants: all; an international partner: those open or partly met, its own and those it answered), with their totals, optionally by category, region, status or only its own.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapGet("/needs/{id:guid}", ReadAsync).RequireAuthorization(ResourcesModule.ReadPolicy).WithName("GetResourceNeed")
            .WithSummary("One need with its totals (pledged, committed, disbursed against the amount asked) and the flows answering it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/needs", CreateNeedAsync).RequireAuthorization(ResourcesModule.WritePolicy).WithName("CreateResourceNeed")
            .WithSummary("States a need of the caller's institution (the Coordinator may name another institution). Once per Idempotency-Key; no personal data in it.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        g.MapPost("/flows", CreateFlowAsync).RequireAuthorization(ResourcesModule.WritePolicy).WithName("CreateResourceFlow")
            .WithSummary("Records a donor's pledge, commitment or disbursement and its allocation to needs (in their currency); the needs' status follows. The Coordinator only; once per Idempotency-Key.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        g.MapGet("/iati", ExportAsync).RequireAuthorization(ResourcesModule.ReadPolicy).WithName("ExportIati")
            .WithSummary("The needs answered by flows as IATI Activity XML 2.03 (the Coordinator's office).")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/iati", ImportAsync).RequireAuthorization(ResourcesModule.WritePolicy).WithName("ImportIati")
            .WithSummary("Imports an IATI Activity XML 2.03 file (the Coordinator): every problem is listed by line and element and nothing is saved; the same file again changes nothing.")
            .Accepts<string>("application/xml", "text/xml")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static List<string> Roles(ClaimsPrincipal user) => user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    private static ProblemHttpResult NotFound(IStringLocalizer text) => TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult Problem(Dictionary<string, string[]> errors, IStringLocalizer text) =>
        errors.TryGetValue("", out var refusal)
            ? TypedResults.Problem(title: refusal[0], statusCode: StatusCodes.Status422UnprocessableEntity)
            : ApiProblems.Invalid(errors, text);

    private static NeedSummary Summary(ResourceLedger.NeedRow r) =>
        new(r.Id, r.Title, r.Category, r.Regions, r.InstitutionId, r.Institution, r.Quantity, r.Unit, r.Amount, r.Currency, r.From, r.Until, r.Priority, r.Status,
            r.Totals.Pledged, r.Totals.Committed, r.Totals.Disbursed);

    private static NeedDocument Document(ResourceLedger.NeedView v) =>
        new(Summary(v.Need), v.Description, v.Language,
            [.. v.Flows.Select(f => new FlowDocument(f.FlowId, f.Donor, f.Type, f.Allocated, f.FlowAmount, f.Currency, f.On, f.Status, f.Ref))]);

    private static async Task<Results<Ok<List<NeedSummary>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, ResourceLedger ledger, IStringLocalizer<SharedResource> text,
        NeedCategory? category, Region? region, NeedStatus? status, bool? mine, CancellationToken ct) =>
        await ledger.ListAsync(Viewer.Of(user), Roles(user), category, region, status, mine ?? false, ct) is { } rows
            ? TypedResults.Ok(rows.Select(Summary).ToList())
            : NotFound(text);

    private static async Task<Results<Ok<NeedDocument>, ProblemHttpResult>> ReadAsync(Guid id, ClaimsPrincipal user, ResourceLedger ledger,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await ledger.ReadAsync(Viewer.Of(user), Roles(user), id, ct) is { } v ? TypedResults.Ok(Document(v)) : NotFound(text);

    private static async Task<Results<Created<NeedDocument>, ProblemHttpResult>> CreateNeedAsync(ResourceLedger.NeedInput input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, ResourceLedger ledger, BlindIndex index,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);
        var request = new IdempotentRequest(idempotencyKey!, index.Fingerprint(JsonSerializer.Serialize(input)), nameof(Need));
        var viewer = Viewer.Of(user);
        var (id, errors) = await ledger.RecordNeedAsync(viewer, Roles(user), input, request, ct);
        if (errors is null)
            return NotFound(text);
        if (errors.Count > 0)
            return Problem(errors, text);
        return await ledger.ReadAsync(viewer, Roles(user), id!.Value, ct) is { } v
            ? TypedResults.Created($"/api/v1/resources/needs/{id}", Document(v))
            : NotFound(text);
    }

    private static async Task<Results<Created<FlowCreated>, ProblemHttpResult>> CreateFlowAsync(ResourceLedger.FlowInput input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, ResourceLedger ledger, BlindIndex index,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);
        var request = new IdempotentRequest(idempotencyKey!, index.Fingerprint(JsonSerializer.Serialize(input)), nameof(ResourceFlow));
        var viewer = Viewer.Of(user);
        var (id, errors) = await ledger.RecordFlowAsync(viewer, Roles(user), input, request, ct);
        if (errors is null)
            return NotFound(text);
        if (errors.Count > 0)
            return Problem(errors, text);
        var needs = new List<NeedSummary>();
        foreach (var needId in input.Allocations.Select(a => a.NeedId).OfType<Guid>())
            if (await ledger.ReadAsync(viewer, Roles(user), needId, ct) is { } v)
                needs.Add(Summary(v.Need));
        return TypedResults.Created($"/api/v1/resources/needs/{needs.FirstOrDefault()?.Id}", new FlowCreated(id!.Value, needs));
    }

    private static async Task<IResult> ExportAsync(ClaimsPrincipal user, IatiExchange iati, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (await iati.ExportAsync(Viewer.Of(user), Roles(user), ct) is not { } doc)
            return NotFound(text);
        return TypedResults.Text(doc.Declaration + "\n" + doc.Root, "application/xml", Encoding.UTF8);
    }

    private static async Task<Results<Ok<ImportDocument>, ProblemHttpResult>> ImportAsync(HttpRequest request, ClaimsPrincipal user, IatiExchange iati,
        IOptions<ResourcesOptions> options, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is not ("application/xml" or "text/xml"))
            return TypedResults.Problem(title: text["Status_415"], statusCode: StatusCodes.Status415UnsupportedMediaType);
        var limit = options.Value.MaxImportBytes;
        if (request.ContentLength > limit)
            return TypedResults.Problem(title: text["Iati_TooLarge", limit / 1024], statusCode: StatusCodes.Status413PayloadTooLarge);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
                return TypedResults.Problem(title: text["Iati_TooLarge", limit / 1024], statusCode: StatusCodes.Status413PayloadTooLarge);
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        var (result, errors) = await iati.ImportAsync(Viewer.Of(user), Roles(user), buffer, ct);
        if (result is null && errors is null)
            return NotFound(text);
        if (result is null)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["file"] = [.. errors!] }, text);
        return TypedResults.Ok(new ImportDocument(result.Activities, result.NeedsAdded, result.FlowsAdded, result.FlowsUnchanged, result.DonorsAdded));
    }
}
