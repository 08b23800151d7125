using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Training;

/// <summary>
/// <c>/api/v1/trainings</c>: the catalogue of courses and sessions (enrolment counts; participants by name only for the
/// training managers, or a head for their own staff), the verification of a certificate by its number (managers: its state
/// and the holder's initials, nothing more), and the attendance of a held session (managers, with an <c>Idempotency-Key</c>).
/// The same rules as the pages (<see cref="Trainings"/>).
/// </summary>
public static class TrainingApi
{
    public sealed record CourseDocument(Guid Id, string Code, string Title, string? Description, string? Topic, int? ValidityMonths, string Provider);

    public sealed record TrainerDocument(string Name, string Organisation);

    public sealed record ParticipantDocument(Guid UserId, string Name, string Institution, AttendanceMark? Attendance, TrainingResult? Result, string? CertificateNumber);

    public sealed record SessionDocument(Guid Id, Guid CourseId, string CourseCode, string CourseTitle, DateOnly StartsOn, DateOnly EndsOn, string Place,
        string Language, int Capacity, SessionStatus Status, int Enrolled, IReadOnlyList<TrainerDocument> Trainers, IReadOnlyList<ParticipantDocument>? Participants);

    public sealed record VerificationDocument(string Number, string State, string HolderInitials, string Course, string? Topic, DateOnly IssuedOn, DateOnly? ExpiresOn);

    public static void MapTrainingApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/trainings").ProducesTokenProblems();
        group.MapGet("/courses", CoursesAsync).RequireAuthorization(TrainingModule.ReadPolicy).WithName("ListTrainingCourses")
            .WithSummary("The courses of the national training programme: the topic each qualifies for and how long its certificate counts.");
        group.MapGet("/sessions", SessionsAsync).RequireAuthorization(TrainingModule.ReadPolicy).WithName("ListTrainingSessions")
            .WithSummary("The sessions with their trainers and enrolment counts. Participants are named only to the training managers (all) and to an institution's heads (their own staff); never to auditors or administrators.");
        group.MapGet("/certificates/{number}", VerifyAsync).RequireAuthorization(TrainingModule.ReadPolicy).WithName("VerifyTrainingCertificate")
            .WithSummary("Verifies a certificate by its number for a training manager: valid, expired or revoked, with the holder's initials only. Audited; any other caller, or an unknown number, gets 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/sessions/{id:guid}/attendance", AttendanceAsync).RequireAuthorization(TrainingModule.WritePolicy).WithName("RecordTrainingAttendance")
            .WithSummary("A participant's attendance (attended, partial, absent) and result (passed, failed) at a held session, by a training manager. Requires an Idempotency-Key: the same request again changes nothing; the key with another body is a 422.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static List<string> Roles(ClaimsPrincipal user) => user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    private static ProblemHttpResult NotFound(IStringLocalizer text) => TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);

    private static async Task<Ok<List<CourseDocument>>> CoursesAsync(Trainings trainings, CancellationToken ct) =>
        TypedResults.Ok((await trainings.CoursesAsync(ct)).Select(c => new CourseDocument(c.Id, c.Code, c.Title, c.Description, c.Topic?.ToString(), c.ValidityMonths, c.Provider)).ToList());

    private static async Task<Ok<List<SessionDocument>>> SessionsAsync(ClaimsPrincipal user, Trainings trainings, CancellationToken ct)
    {
        var viewer = Viewer.Of(user);
        var roles = Roles(user);
        var standing = await trainings.StandingAsync(viewer, roles, ct);
        var list = new List<SessionDocument>();
        foreach (var s in await trainings.SessionsAsync(false, ct))
        {
            IReadOnlyList<ParticipantDocument>? participants = null;
            if (standing.Nominates && await trainings.SessionAsync(viewer, roles, s.Id, ct) is { } view)
                participants = [.. view.Participants.Select(p => new ParticipantDocument(p.UserId, p.Name, p.Institution, p.Attendance, p.Result, p.CertificateNumber))];
            list.Add(new SessionDocument(s.Id, s.CourseId, s.CourseCode, s.CourseTitle, s.StartsOn, s.EndsOn, s.Place, s.Language, s.Capacity, s.Status, s.Enrolled,
                [.. s.Trainers.Select(t => new TrainerDocument(t.Name, t.Organisation))], participants));
        }
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<VerificationDocument>, ProblemHttpResult>> VerifyAsync(string number, ClaimsPrincipal user, Trainings trainings,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await trainings.VerifyAsync(Viewer.Of(user), Roles(user), number, ct) is { } v
            ? TypedResults.Ok(new VerificationDocument(v.Number, v.State.ToString(), v.HolderInitials, v.Course, v.Topic?.ToString(), v.IssuedOn, v.ExpiresOn))
            : NotFound(text);

    private static async Task<Results<NoContent, ProblemHttpResult>> AttendanceAsync(Guid id, Trainings.AttendanceInput input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, Trainings trainings, BlindIndex index,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var request = IdempotentRequest.ForAddition(index, idempotencyKey, nameof(TrainingEnrolment), id, input);
        if (request is null)
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);
        return await trainings.RecordAttendanceAsync(Viewer.Of(user), Roles(user), id, input, request, ct) switch
        {
            null => NotFound(text),
            { Count: 0 } => TypedResults.NoContent(),
            var errors when errors.TryGetValue("", out var refusal) => TypedResults.Problem(title: refusal[0],
                statusCode: refusal[0] == text["Api_IdempotencyKeyReused"] ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict),
            var errors => ApiProblems.Invalid(errors, text),
        };
    }
}
