using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Security;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// /api/v1/referrals: systems of other participants refer through the API. A POST needs an
/// <c>Idempotency-Key</c>: a retried submission returns the referral made the first time, never a
/// second one. The referrer reads the status of what it sent; nothing else about the case.
/// </summary>
public static class ReferralsApi
{
    /// <summary>The body's own member among the validation keys; the rest are fields of <c>referral</c>.</summary>
    private static readonly HashSet<string> FilesField = new(StringComparer.Ordinal) { "Files" };

    public static void MapReferralsApi(this RouteGroupBuilder api)
    {
        // The handlers' problems carry their status in the body, not in their type: each endpoint names them.
        var group = api.MapGroup("/referrals").ProducesTokenProblems();
        group.MapPost("/", CreateAsync).RequireAuthorization(ReferralsModule.WritePolicy).WithName("CreateReferral")
            .WithMetadata(new RequestSizeLimitAttribute(Platform.RequestLimits.FileUploadBytes))
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity) // an Idempotency-Key reused for another body
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/", ListAsync).RequireAuthorization(ReferralsModule.ReadPolicy).WithName("ListReferrals");
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(ReferralsModule.ReadPolicy).WithName("GetReferral")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<ReferralStatusDocument>, ProblemHttpResult>> CreateAsync(
        ReferralRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user,
        ReferralIntake referrals, IStringLocalizer<SharedResource> text, UiTime uiTime, CancellationToken ct)
    {
        var viewer = Viewer.Of(user);
        if (!ReferralIntake.CanRefer(viewer))
            return TypedResults.Problem(title: text["Api_Forbidden"], statusCode: StatusCodes.Status403Forbidden);
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);
        var input = request.Referral ?? new ReferralInput();
        var errors = input.Validate(text, uiTime.Today);
        var uploads = new List<ReferralUpload>();
        foreach (var file in request.Files)
        {
            var bytes = new byte[((file?.Content?.Length ?? 0) * 3 / 4) + 3];
            if (file?.Content is null || !Convert.TryFromBase64String(file.Content, bytes, out var length))
            {
                errors["Files"] = [text["Referral_FileEncoding"]];
                break;
            }
            uploads.Add(new ReferralUpload(file!.Name ?? "", bytes[..length]));
        }
        if (!errors.ContainsKey("Files") && ReferralFiles.Validate(uploads, text) is { } fileError)
            errors["Files"] = [fileError];
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, text, "referral", FilesField);

        var (outcome, referral) = await referrals.SubmitAsync(viewer, input, uploads, idempotencyKey!, ct: ct);
        return outcome switch
        {
            ReferralIntake.SubmitOutcome.Created or ReferralIntake.SubmitOutcome.Replayed =>
                TypedResults.Created($"/api/v1/referrals/{referral!.Id}", Document(referral, uploads.Count)),
            ReferralIntake.SubmitOutcome.KeyConflict => TypedResults.Problem(title: text["Api_IdempotencyKeyReused"], statusCode: StatusCodes.Status422UnprocessableEntity),
            ReferralIntake.SubmitOutcome.NoSquad => TypedResults.Problem(title: text["Referral_NoSquad"], statusCode: StatusCodes.Status503ServiceUnavailable),
            _ => TypedResults.Problem(title: text["Api_Forbidden"], statusCode: StatusCodes.Status403Forbidden),
        };
    }

    private static async Task<Ok<List<ReferralSummary>>> ListAsync(ClaimsPrincipal user, ReferralDesk referrals, CancellationToken ct)
    {
        var viewer = Viewer.Of(user);
        var rows = new List<ReferralDesk.Row>();
        if (ReferralIntake.CanRefer(viewer))
            rows.AddRange(await referrals.MadeByMyInstitutionAsync(viewer, ct));
        if (viewer.OnDutyDesk)
            rows.AddRange(await referrals.DeskAsync(viewer, ct));
        return TypedResults.Ok(rows.DistinctBy(r => r.Id)
            .Select(r => new ReferralSummary(r.Id, r.Number, r.Status, r.Urgency, r.ReceivedAt, r.AcknowledgeBy, r.AcknowledgedAt)).ToList());
    }

    private static async Task<Results<Ok<ReferralStatusDocument>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, ReferralDesk referrals, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await referrals.ReadAsync(Viewer.Of(user), id, ReferralsAudit.ApiStatus, false, ct) is { } view
            ? TypedResults.Ok(Document(view.Referral, view.Files.Count))
            : TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);

    private static ReferralStatusDocument Document(Referral r, int files) =>
        new(r.Id, r.Number, r.Status, r.Urgency, r.ReceivedAt, r.AcknowledgeBy, r.AcknowledgedAt, r.NeedsInterpreter, files);
}
