using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// <c>/api/v1/helpline</c>: the call webhook any PBX (Asterisk, FreeSWITCH…) posts to on an incoming call, and the contacts of
/// the caller's helpline — listed, created once per <c>Idempotency-Key</c>, read (audited) and forwarded to the Squad. The same
/// rules as the console (<see cref="ContactService"/>); another institution gets 404 for a contact, 403 for the lists.
/// </summary>
public static partial class HelplineApi
{
    /// <summary>What the PBX says: its own id of the call, the caller's number if it has one, and what happened (ringing, answered, hangup).</summary>
    public sealed record CallNotice(string? CallId, string? From, string? Event);

    /// <summary>
    /// What the PBX gets back: the contact opened on the operators' screens (never the number or anything said), and whether
    /// anyone is on shift — when nobody is (<c>outOfHours</c>), the PBX plays the out-of-hours message and its escalation route.
    /// </summary>
    public sealed record CallAnswer(Guid ContactId, string Number, ContactStatus Status, bool OutOfHours);

    public sealed record ContactSummary(Guid Id, string Number, ContactChannel Channel, ContactStatus Status, DateTimeOffset ReceivedAt, ContactCategory? Category,
        NonDataKind? NonData, string? ForwardingRule, DateTimeOffset? ForwardBy, DateTimeOffset? ForwardedAt, string? HeldReason, bool RepeatCaller);

    public sealed record ContactDocument(Guid Id, string Number, ContactChannel Channel, ContactStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset? AnsweredAt,
        DateTimeOffset? ClosedAt, CallerType? CallerType, string? Language, ContactCategory? Category, string? TraffickingCode, NonDataKind? NonData,
        ConsentBasis? ConsentBasis, string? ForwardingRule, DateTimeOffset? ForwardBy, DateTimeOffset? ForwardedAt, string? ReferralNumber, string? HeldReason,
        string? Summary, string? Whereabouts, int EarlierContacts, IReadOnlyList<CallerFlagKind> Flags);

    public sealed record ForwardAnswer(string ReferralNumber);

    [GeneratedRegex("^[A-Za-z0-9._:@-]{1,100}$")]
    private static partial Regex CallIdPattern();

    public static void MapHelplineApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/helpline").ProducesTokenProblems();
        group.MapPost("/calls", CallAsync).RequireAuthorization(HelplineModule.CallsPolicy).WithName("HelplineCall")
            .WithSummary("The PBX webhook: event 'ringing' opens a waiting contact on the operators' screens (once per callId, however often it is repeated), 'answered' marks it answered, 'hangup' before an answer logs a hang-up. The caller's number is kept only as a keyed HMAC. outOfHours in the answer: nobody is on shift (play the out-of-hours message and route).")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/contacts", ListAsync).RequireAuthorization(HelplineModule.ContactsReadPolicy).WithName("ListHelplineContacts")
            .WithSummary("The caller's helpline's contacts, newest first (waiting ones first); open=true for those not closed. No content.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/contacts", CreateAsync).RequireAuthorization(HelplineModule.ContactsWritePolicy).WithName("CreateHelplineContact")
            .WithSummary("Records a contact, once per Idempotency-Key. A minor or imminent danger is forwarded to the Squad at once.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/contacts/{id:guid}", ReadAsync).RequireAuthorization(HelplineModule.ContactsReadPolicy).WithName("GetHelplineContact")
            .WithSummary("One contact of the caller's helpline with what was said (the read is audited).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/contacts/{id:guid}/forward", ForwardAsync).RequireAuthorization(HelplineModule.ContactsWritePolicy).WithName("ForwardHelplineContact")
            .WithSummary("Forwards the tip to the Squad as an anonymous referral, once per contact (a repeat answers 409 with the referral made).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static List<string> Roles(ClaimsPrincipal user) => user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    private static async Task<Results<Ok<CallAnswer>, ProblemHttpResult>> CallAsync(CallNotice notice, ClaimsPrincipal user, ContactService contacts,
        RosterService roster, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (notice.CallId is null || !CallIdPattern().IsMatch(notice.CallId))
            errors["callId"] = [text["Helpline_CallIdInvalid"]];
        ContactService.CallEvent? kind = notice.Event?.Trim().ToLowerInvariant() switch
        {
            "ringing" => ContactService.CallEvent.Ringing,
            "answered" => ContactService.CallEvent.Answered,
            "hangup" => ContactService.CallEvent.Hangup,
            _ => null,
        };
        if (kind is null)
            errors["event"] = [text["Helpline_CallEventInvalid"]];
        // A withheld number ("anonymous", "unknown", empty) is no number.
        var from = notice.From?.Trim();
        if (from is { Length: > 30 })
            errors["from"] = [text["Helpline_NumberInvalid"]];
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, text);
        var number = from is not null && ContactInput.IsPhoneNumber(from) ? from : null;
        if (await contacts.CallEventAsync(Viewer.Of(user), Roles(user), notice.CallId!, number, kind!.Value, ct) is not { } contact)
            return TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);
        var cover = await roster.CoverAsync(contact.InstitutionId, ct);
        return TypedResults.Ok(new CallAnswer(contact.Id, contact.Number, contact.Status, cover.OutOfHours));
    }

    private static async Task<Results<Ok<List<ContactSummary>>, ProblemHttpResult>> ListAsync(bool? open, ClaimsPrincipal user, ContactService contacts,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (await contacts.ListAsync(Viewer.Of(user), Roles(user), open == true, 200, ct) is not { } rows)
            return TypedResults.Problem(title: text["Api_Forbidden"], statusCode: StatusCodes.Status403Forbidden);
        return TypedResults.Ok(rows.Select(r => new ContactSummary(r.Id, r.Number, r.Channel, r.Status, r.ReceivedAt, r.Category, r.NonData, r.Rule, r.ForwardBy,
            r.ForwardedAt, r.HeldReason, r.Repeat)).ToList());
    }

    private static async Task<Results<Created<ContactDocument>, ProblemHttpResult>> CreateAsync(ContactInput input, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user, ContactService contacts, BlindIndex index, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);
        // The body holds what was said: fingerprinted with a keyed hash.
        var request = new IdempotentRequest(idempotencyKey!, index.Fingerprint(JsonSerializer.Serialize(input)), nameof(HelplineContact));
        var viewer = Viewer.Of(user);
        var (errors, outcome, contact) = await contacts.CreateOnceAsync(viewer, Roles(user), input, request, ct);
        if (errors is null)
            return TypedResults.Problem(title: text["Api_Forbidden"], statusCode: StatusCodes.Status403Forbidden);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, text);
        if (outcome == OnceOutcome.KeyConflict || contact is null)
            return TypedResults.Problem(title: text["Api_IdempotencyKeyReused"], statusCode: StatusCodes.Status422UnprocessableEntity);
        if (await contacts.ReadAsync(viewer, Roles(user), contact.Id, ct) is not { } detail)
            return TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Created($"/api/v1/helpline/contacts/{contact.Id}", Document(detail));
    }

    private static async Task<Results<Ok<ContactDocument>, ProblemHttpResult>> ReadAsync(Guid id, ClaimsPrincipal user, ContactService contacts,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await contacts.ReadAsync(Viewer.Of(user), Roles(user), id, ct) is { } detail
            ? TypedResults.Ok(Document(detail))
            : TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<ForwardAnswer>, ProblemHttpResult>> ForwardAsync(Guid id, ClaimsPrincipal user, ContactService contacts,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var (outcome, number) = await contacts.ForwardAsync(Viewer.Of(user), Roles(user), id, ct);
        return outcome switch
        {
            ContactService.ForwardOutcome.Forwarded => TypedResults.Ok(new ForwardAnswer(number!)),
            ContactService.ForwardOutcome.AlreadyForwarded => TypedResults.Problem(title: text["Helpline_AlreadyForwarded"], detail: number, statusCode: StatusCodes.Status409Conflict),
            ContactService.ForwardOutcome.NothingToForward => TypedResults.Problem(title: text["Helpline_NothingToForward"], statusCode: StatusCodes.Status422UnprocessableEntity),
            ContactService.ForwardOutcome.NoSquad => TypedResults.Problem(title: text["Helpline_NoSquad"], statusCode: StatusCodes.Status422UnprocessableEntity),
            _ => TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound),
        };
    }

    private static ContactDocument Document(ContactService.Detail d)
    {
        var c = d.Contact;
        return new ContactDocument(c.Id, c.Number, c.Channel, c.Status, c.ReceivedAt, c.AnsweredAt, c.ClosedAt, c.CallerType, c.Language, c.Category,
            c.Category is { } category ? ContactCategories.Of(category).TraffickingCode : null, c.NonData, c.ConsentBasis, c.ForwardingRule, c.ForwardBy,
            c.ForwardedAt, d.ReferralNumber, c.HeldReason, d.Summary, d.Whereabouts, d.EarlierContacts, [.. d.Flags.Select(f => f.Kind)]);
    }
}
