using System.Security.Claims;
using System.Text.Json;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// <c>/api/v1/investigations/{id}/cooperation-requests</c> and <c>/api/v1/cooperation-requests</c>: the same rules as the
/// pages (<see cref="CooperationRequests"/>). A request or file the caller may not see is a 404, whether it exists or not;
/// the National Coordinator reaches requests, never files.
/// </summary>
public static class CooperationApi
{
    public sealed record RequestSummary(Guid Id, string Number, Guid FileId, string FileNumber, string Country, string Authority, CooperationStatus Status,
        CooperationUrgency Urgency, DateOnly Deadline, bool Overdue, DateTimeOffset UpdatedAt);

    public sealed record FieldDocument(PartyFields Field, string? Value);

    public sealed record ItemDocument(Guid Id, Guid? PartyId, PartyRole? Role, IReadOnlyList<FieldDocument> Values, string? Question, string? Justification, bool Sent);

    public sealed record StepDocument(CooperationStepKind Kind, DateOnly On, DateTimeOffset RecordedAt, string RecordedBy, string? Note);

    public sealed record RequestDocument(Guid Id, string Number, Guid FileId, string FileNumber, string Squad, string Country, string Authority, string? Partner,
        CooperationChannel Channel, AssistanceKind Assistance, CooperationUrgency Urgency, string? Purpose, DateOnly Deadline, CooperationStatus Status,
        DateTimeOffset CreatedAt, string DraftedBy, string? ReturnReason, DateOnly? SentOn, string? OutgoingReference, ReplyKind? Reply, DateOnly? RepliedOn,
        string? ReplySummary, DateOnly? LastReminderOn, bool Overdue, IReadOnlyList<ItemDocument> Items, IReadOnlyList<StepDocument> Steps);

    public static void MapCooperationApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/investigations/{id:guid}/cooperation-requests", CreateAsync).RequireAuthorization(InvestigationModule.CooperationWritePolicy)
            .WithName("DraftCooperationRequest").ProducesTokenProblems()
            .WithSummary("The Squad drafts a request to foreign law enforcement on a file it keeps or supervises, with the items it carries (once per Idempotency-Key). A victim's details need a justification.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        v1.MapGet("/investigations/{id:guid}/cooperation-requests", ListForFileAsync).RequireAuthorization(InvestigationModule.CooperationReadPolicy)
            .WithName("ListFileCooperationRequests").ProducesTokenProblems()
            .WithSummary("The requests on one file (the Squad's keepers and chief).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var requests = v1.MapGroup("/cooperation-requests").ProducesTokenProblems();
        requests.MapGet("/", ListAsync).RequireAuthorization(InvestigationModule.CooperationReadPolicy).WithName("ListCooperationRequests")
            .WithSummary("The requests the caller works on: the Squad's on its files, the Coordinator's those submitted to them. No personal data.");
        requests.MapGet("/{id:guid}", ReadAsync).RequireAuthorization(InvestigationModule.CooperationReadPolicy).WithName("GetCooperationRequest")
            .WithSummary("One request with its items (the values sent, sealed at sending) and its timeline; the read is audited.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        requests.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(InvestigationModule.CooperationWritePolicy).WithName("ChangeCooperationRequest")
            .WithSummary("The Squad changes a draft or returned request (country, authority, channel, assistance, urgency, purpose, deadline; items are added and removed on their own).")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:guid}/items", AddItemAsync).RequireAuthorization(InvestigationModule.CooperationWritePolicy).WithName("AddCooperationItem")
            .WithSummary("Adds a party of the file with the fields chosen for it, or a question, to a draft or returned request (once per Idempotency-Key: a retry adds no second item).")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        requests.MapDelete("/{id:guid}/items/{itemId:guid}", RemoveItemAsync).RequireAuthorization(InvestigationModule.CooperationWritePolicy).WithName("RemoveCooperationItem")
            .WithSummary("Removes an item from a draft or returned request.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:guid}/submit", SubmitAsync).RequireAuthorization(InvestigationModule.CooperationWritePolicy).WithName("SubmitCooperationRequest")
            .WithSummary("The Squad submits the request to the National Coordinator.")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:guid}/return", ReturnAsync).RequireAuthorization(InvestigationModule.CooperationWritePolicy).WithName("ReturnCooperationRequest")
            .WithSummary("The Coordinator returns a submitted request to the Squad with a reason.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:guid}/send", SendAsync).RequireAuthorization(InvestigationModule.CooperationWritePolicy).WithName("SendCooperationRequest")
            .WithSummary("The Coordinator approves and sends: the values of every item are sealed as sent and each item is audited. Whoever drafted or filled the request may not send it.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:guid}/replies", ReplyAsync).RequireAuthorization(InvestigationModule.CooperationWritePolicy).WithName("RecordCooperationReply")
            .WithSummary("Records a partial or complete reply from abroad.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:guid}/reminders", RemindAsync).RequireAuthorization(InvestigationModule.CooperationWritePolicy).WithName("RecordCooperationReminder")
            .WithSummary("Records a reminder (chaser) sent to the foreign authority.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:guid}/close", CloseAsync).RequireAuthorization(InvestigationModule.CooperationWritePolicy).WithName("CloseCooperationRequest")
            .WithSummary("The Squad closes a request (answered, no longer needed, or a draft withdrawn).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static List<string> Roles(ClaimsPrincipal user) => user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    private static ProblemHttpResult NotFound(IStringLocalizer text) => TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult Problem(Dictionary<string, string[]> errors, IStringLocalizer text) =>
        errors.TryGetValue("", out var refusal)
            ? TypedResults.Problem(title: refusal[0], statusCode: refusal[0] == text["Api_IdempotencyKeyReused"] ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict)
            : ApiProblems.Invalid(errors, text);

    private static async Task<Results<NoContent, ProblemHttpResult>> WriteAsync(Task<Dictionary<string, string[]>?> write, IStringLocalizer text)
    {
        var errors = await write;
        if (errors is null)
            return NotFound(text);
        return errors.Count == 0 ? TypedResults.NoContent() : Problem(errors, text);
    }

    private static RequestSummary Summary(CooperationRequests.Row r) =>
        new(r.Id, r.Number, r.FileId, r.FileNumber, r.Country, r.Authority, r.Status, r.Urgency, r.Deadline, r.Overdue, r.UpdatedAt);

    private static RequestDocument Document(CooperationRequests.RequestView v) =>
        new(v.Id, v.Number, v.FileId, v.FileNumber, v.Squad, v.Country, v.Authority, v.Partner, v.Channel, v.Assistance, v.Urgency, v.Purpose, v.Deadline, v.Status,
            v.CreatedAt, v.DraftedBy, v.ReturnReason, v.SentOn, v.OutgoingReference, v.Reply, v.RepliedOn, v.ReplySummary, v.LastReminderOn, v.Overdue,
            [.. v.Items.Select(i => new ItemDocument(i.Id, i.PartyId, i.Role, [.. i.Values.Select(x => new FieldDocument(x.Field, x.Value))], i.Question, i.Justification, i.Snapshot))],
            [.. v.Steps.Select(s => new StepDocument(s.Kind, s.On, s.RecordedAt, s.By, s.Note))]);

    private static async Task<Results<Created<RequestDocument>, ProblemHttpResult>> CreateAsync(Guid id, CooperationRequests.DraftInput input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, CooperationRequests requests, BlindIndex index,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);
        var request = new IdempotentRequest(idempotencyKey!, index.Fingerprint(id + JsonSerializer.Serialize(input)), nameof(CooperationRequest));
        var viewer = Viewer.Of(user);
        var (created, errors) = await requests.CreateAsync(viewer, id, input, request, ct);
        if (errors is null)
            return NotFound(text);
        if (errors.TryGetValue("", out var refusal))
            return TypedResults.Problem(title: refusal[0], statusCode: refusal[0] == text["Api_IdempotencyKeyReused"] ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, text);
        return await requests.ReadAsync(viewer, Roles(user), created!.Value, ct) is { } view
            ? TypedResults.Created($"/api/v1/cooperation-requests/{view.Id}", Document(view))
            : NotFound(text);
    }

    private static async Task<Results<Ok<List<RequestSummary>>, ProblemHttpResult>> ListForFileAsync(Guid id, ClaimsPrincipal user, CooperationRequests requests,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var viewer = Viewer.Of(user);
        if (await requests.MayDraftAsync(viewer, id, ct) is not true)
            return NotFound(text);
        return TypedResults.Ok((await requests.ListAsync(viewer, Roles(user), id, ct)).Select(Summary).ToList());
    }

    private static async Task<Ok<List<RequestSummary>>> ListAsync(ClaimsPrincipal user, CooperationRequests requests, CancellationToken ct) =>
        TypedResults.Ok((await requests.ListAsync(Viewer.Of(user), Roles(user), null, ct)).Select(Summary).ToList());

    private static async Task<Results<Ok<RequestDocument>, ProblemHttpResult>> ReadAsync(Guid id, ClaimsPrincipal user, CooperationRequests requests,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await requests.ReadAsync(Viewer.Of(user), Roles(user), id, ct) is { } view ? TypedResults.Ok(Document(view)) : NotFound(text);

    private static Task<Results<NoContent, ProblemHttpResult>> UpdateAsync(Guid id, CooperationRequests.DraftInput input, ClaimsPrincipal user,
        CooperationRequests requests, IStringLocalizer<SharedResource> text, CancellationToken ct) => WriteAsync(requests.UpdateAsync(Viewer.Of(user), id, input, ct), text);

    private static Task<Results<NoContent, ProblemHttpResult>> AddItemAsync(Guid id, CooperationRequests.ItemInput input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, CooperationRequests requests, BlindIndex index,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        IdempotentRequest.ForAddition(index, idempotencyKey, nameof(CooperationItem), id, input) is { } request
            ? WriteAsync(requests.AddItemAsync(Viewer.Of(user), id, input, request, ct), text)
            : Task.FromResult<Results<NoContent, ProblemHttpResult>>(TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest));

    private static Task<Results<NoContent, ProblemHttpResult>> RemoveItemAsync(Guid id, Guid itemId, ClaimsPrincipal user,
        CooperationRequests requests, IStringLocalizer<SharedResource> text, CancellationToken ct) => WriteAsync(requests.RemoveItemAsync(Viewer.Of(user), id, itemId, ct), text);

    private static Task<Results<NoContent, ProblemHttpResult>> SubmitAsync(Guid id, ClaimsPrincipal user,
        CooperationRequests requests, IStringLocalizer<SharedResource> text, CancellationToken ct) => WriteAsync(requests.SubmitAsync(Viewer.Of(user), id, ct), text);

    private static Task<Results<NoContent, ProblemHttpResult>> ReturnAsync(Guid id, CooperationRequests.ReturnInput input, ClaimsPrincipal user,
        CooperationRequests requests, IStringLocalizer<SharedResource> text, CancellationToken ct) => WriteAsync(requests.ReturnAsync(Viewer.Of(user), Roles(user), id, input, ct), text);

    private static Task<Results<NoContent, ProblemHttpResult>> SendAsync(Guid id, CooperationRequests.SendInput input, ClaimsPrincipal user,
        CooperationRequests requests, IStringLocalizer<SharedResource> text, CancellationToken ct) => WriteAsync(requests.SendAsync(Viewer.Of(user), Roles(user), id, input, ct), text);

    private static Task<Results<NoContent, ProblemHttpResult>> ReplyAsync(Guid id, CooperationRequests.ReplyInput input, ClaimsPrincipal user,
        CooperationRequests requests, IStringLocalizer<SharedResource> text, CancellationToken ct) => WriteAsync(requests.RecordReplyAsync(Viewer.Of(user), Roles(user), id, input, ct), text);

    private static Task<Results<NoContent, ProblemHttpResult>> RemindAsync(Guid id, CooperationRequests.ReminderInput input, ClaimsPrincipal user,
        CooperationRequests requests, IStringLocalizer<SharedResource> text, CancellationToken ct) => WriteAsync(requests.RemindAsync(Viewer.Of(user), Roles(user), id, input, ct), text);

    private static Task<Results<NoContent, ProblemHttpResult>> CloseAsync(Guid id, ClaimsPrincipal user,
        CooperationRequests requests, IStringLocalizer<SharedResource> text, CancellationToken ct) => WriteAsync(requests.CloseAsync(Viewer.Of(user), id, ct), text);
}
