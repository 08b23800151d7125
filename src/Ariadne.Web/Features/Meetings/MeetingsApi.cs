using System.Security.Claims;
using System.Text.Json;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Meetings;

/// <summary>
/// <c>/api/v1/meetings</c>: meetings with the same rules as the pages (<see cref="CoordinationMeetings"/>). The Coordinator's
/// office sees every meeting and schedules them; anyone else sees the meetings they or their institution are invited to or
/// own an action item of. A meeting the caller may not see is a 404, whether it exists or not.
/// </summary>
public static class MeetingsApi
{
    public sealed record MeetingSummary(Guid Id, string Number, string Title, MeetingKind Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place,
        int OpenActionItems, int OverdueActionItems);

    public sealed record AgendaDocument(int Order, string Title);

    public sealed record DecisionDocument(int Number, string Text);

    public sealed record ActionItemDocument(Guid Id, string Reference, string Title, Guid OwnerInstitutionId, string Owner, Guid? OwnerUserId, DateOnly DueOn,
        ActionItemStatus Status, bool Overdue, string? CompletionNote);

    public sealed record ParticipantDocument(bool Institution, string Name, Attendance Attendance);

    public sealed record MinutesDocument(int Version, MinutesStatus Status, string Text, DateTimeOffset? ApprovedAt);

    public sealed record MeetingDocument(Guid Id, string Number, string Title, MeetingKind Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place,
        string? OnlineLink, int Sequence, string Organizer, IReadOnlyList<ParticipantDocument> Participants, IReadOnlyList<AgendaDocument> Agenda,
        MinutesDocument? Minutes, IReadOnlyList<DecisionDocument> Decisions, IReadOnlyList<ActionItemDocument> ActionItems);

    public sealed record CreateMeeting(string? Title, MeetingKind? Kind, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Place, string? OnlineLink,
        List<Guid>? Institutions, List<Guid>? Users, List<string>? Agenda);

    public static void MapMeetingsApi(this RouteGroupBuilder v1)
    {
        var meetings = v1.MapGroup("/meetings").ProducesTokenProblems();
        meetings.MapGet("/", ListAsync).RequireAuthorization(MeetingsModule.ReadPolicy).WithName("ListMeetings")
            .WithSummary("The meetings the caller may see (the Coordinator's office: all; anyone else: those they or their institution are invited to or own an action item of), upcoming first.");
        meetings.MapGet("/{id:guid}", ReadAsync).RequireAuthorization(MeetingsModule.ReadPolicy).WithName("GetMeeting")
            .WithSummary("One meeting with its participants and attendance, agenda, the latest minutes, decisions and action items (overdue ones marked).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        meetings.MapPost("/", CreateAsync).RequireAuthorization(MeetingsModule.WritePolicy).WithName("CreateMeeting")
            .WithSummary("The Coordinator's office schedules a meeting and invites institutions and people (each notified). Once per Idempotency-Key (required): the same key and body answer with the meeting made first; another body is a 422.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        meetings.MapPost("/{id:guid}/action-items/{itemId:guid}/status", StatusAsync).RequireAuthorization(MeetingsModule.WritePolicy).WithName("SetMeetingActionItemStatus")
            .WithSummary("The owner marks an action item done (with a note); the Coordinator may also cancel it. Anyone else who sees the meeting gets a 403; a closed item a 409.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static List<string> Roles(ClaimsPrincipal user) => user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    private static ProblemHttpResult NotFound(IStringLocalizer text) => TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);

    private static async Task<Ok<List<MeetingSummary>>> ListAsync(ClaimsPrincipal user, CoordinationMeetings meetings, CancellationToken ct)
    {
        var lists = await meetings.ListAsync(Viewer.Of(user), Roles(user), ct);
        return TypedResults.Ok(lists.Upcoming.Concat(lists.Past)
            .Select(m => new MeetingSummary(m.Id, m.Number, m.Title, m.Kind, m.StartsAt, m.EndsAt, m.Place, m.OpenItems, m.OverdueItems)).ToList());
    }

    private static async Task<Results<Ok<MeetingDocument>, ProblemHttpResult>> ReadAsync(Guid id, ClaimsPrincipal user, CoordinationMeetings meetings,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await meetings.ReadAsync(Viewer.Of(user), Roles(user), id, ct) is { } v ? TypedResults.Ok(Document(v)) : NotFound(text);

    private static async Task<Results<Created<MeetingDocument>, ProblemHttpResult>> CreateAsync(CreateMeeting input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, CoordinationMeetings meetings, BlindIndex index,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);
        var request = new IdempotentRequest(idempotencyKey!, index.Fingerprint(JsonSerializer.Serialize(input)), nameof(Meeting));
        var viewer = Viewer.Of(user);
        var (id, errors) = await meetings.CreateAsync(viewer, Roles(user), new CoordinationMeetings.MeetingInput
        {
            Title = input.Title,
            Kind = input.Kind,
            StartsAt = input.StartsAt,
            EndsAt = input.EndsAt,
            Place = input.Place,
            OnlineLink = input.OnlineLink,
            Institutions = input.Institutions ?? [],
            Users = input.Users ?? [],
            Agenda = input.Agenda ?? [],
        }, request, ct);
        if (errors is null)
            return TypedResults.Problem(title: text["Status_403"], statusCode: StatusCodes.Status403Forbidden);
        if (errors.TryGetValue("", out var refusal))
            return TypedResults.Problem(title: refusal[0], statusCode: StatusCodes.Status422UnprocessableEntity);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, text);
        return await meetings.ReadAsync(viewer, Roles(user), id!.Value, ct) is { } v ? TypedResults.Created($"/api/v1/meetings/{v.Id}", Document(v)) : NotFound(text);
    }

    private static async Task<Results<Ok<ActionItemDocument>, ProblemHttpResult>> StatusAsync(Guid id, Guid itemId, CoordinationMeetings.StatusInput input,
        ClaimsPrincipal user, CoordinationMeetings meetings, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var viewer = Viewer.Of(user);
        var errors = await meetings.SetActionStatusAsync(viewer, Roles(user), id, itemId, input, ct);
        if (errors is null)
            return NotFound(text);
        if (errors.TryGetValue("", out var refusal))
            return TypedResults.Problem(title: refusal[0],
                statusCode: refusal[0] == text["Meeting_NotOwner"] ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, text);
        return await meetings.ReadAsync(viewer, Roles(user), id, ct) is { } v && v.ActionItems.FirstOrDefault(a => a.Id == itemId) is { } item
            ? TypedResults.Ok(Item(item))
            : NotFound(text);
    }

    private static ActionItemDocument Item(CoordinationMeetings.ItemRow a) =>
        new(a.Id, a.Reference, a.Title, a.OwnerInstitutionId, a.Owner, a.OwnerUserId, a.DueOn, a.Status, a.Overdue, a.CompletionNote);

    private static MeetingDocument Document(CoordinationMeetings.MeetingView v) =>
        new(v.Id, v.Number, v.Title, v.Kind, v.StartsAt, v.EndsAt, v.Place, v.OnlineLink, v.Sequence, v.Organizer,
            [.. v.Participants.Select(p => new ParticipantDocument(p.IsInstitution, p.Name, p.Attendance))],
            [.. v.Agenda.Select(a => new AgendaDocument(a.Order, a.Title))],
            v.Current is { } m ? new MinutesDocument(m.Version, m.Status, m.Text, m.ApprovedAt) : null,
            [.. v.Decisions.Select(d => new DecisionDocument(d.Number, d.Text))],
            [.. v.ActionItems.Select(Item)]);
}
