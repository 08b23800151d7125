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
/// <c>/api/v1/investigations</c> and <c>/api/v1/evidence</c>: the same rules as the pages (<see cref="CriminalFiles"/>,
/// <see cref="EvidenceLocker"/>). A file or item the caller may not see is a 404, whether it exists or not.
/// </summary>
public static class InvestigationsApi
{
    public sealed record FileSummary(Guid Id, string Number, string? OfficialNumber, string Title, FileStage Stage, DateTimeOffset UpdatedAt, string Relation);

    public sealed record PartyDocument(Guid Id, PartyRole Role, string Name, string? Detail, PartySex Sex, int? BirthYear, string? Citizenship,
        SuspectOutcome? Outcome, int? SentenceMonths, string? CaseNumber, bool LinkedCaseHidden);

    public sealed record StageDocument(FileStage Stage, DateOnly On, DateTimeOffset RecordedAt, string RecordedBy, string? Note, string? Court);

    public sealed record MeasureDocument(Guid Id, string Party, MeasureKind Kind, MeasureAuthority OrderedBy, DateOnly From, DateOnly? Until, string? Note);

    public sealed record NonPunishmentDocument(Guid Id, string Party, string? Offence, NonPunishmentDecision Decision, DateOnly? DecidedOn);

    public sealed record EvidenceSummary(Guid Id, string Number, string Description, string ContentType, long Size, DateTimeOffset ReceivedAt, string Location, int CustodyEvents);

    public sealed record FileDocument(Guid Id, string Number, string? OfficialNumber, string Title, string? Summary, FileStage Stage, DateTimeOffset OpenedAt,
        string Owner, string Relation, IReadOnlyList<string> Offences, IReadOnlyList<StageDocument> Stages, IReadOnlyList<PartyDocument> Parties,
        IReadOnlyList<MeasureDocument> Measures, IReadOnlyList<NonPunishmentDocument> NonPunishment, IReadOnlyList<EvidenceSummary> Evidence);

    public sealed record CustodyDocument(int Sequence, CustodyKind Kind, DateTimeOffset At, string By, string? To, string Location, string? Reason, bool HashMatched);

    public sealed record EvidenceDocument(Guid Id, string Number, Guid FileId, string FileNumber, string Description, string FileName, string ContentType, long Size,
        string Sha256, DateTimeOffset ReceivedAt, string Holder, string Location, bool TimestampValid, bool ChainValid, IReadOnlyList<CustodyDocument> Custody);

    public sealed record Created(Guid Id);

    public static void MapInvestigationsApi(this RouteGroupBuilder v1)
    {
        var files = v1.MapGroup("/investigations").ProducesTokenProblems();
        files.MapGet("/", ListAsync).RequireAuthorization(InvestigationModule.ReadPolicy).WithName("ListInvestigations")
            .WithSummary("The criminal files the caller may see (through a grant on each file), most recently changed first.");
        files.MapPost("/", OpenAsync).RequireAuthorization(InvestigationModule.WritePolicy).WithName("OpenInvestigation")
            .WithSummary("The Squad opens a criminal file (once per Idempotency-Key): the lead investigator's grant and the Squad chief's.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        files.MapGet("/{id:guid}", ReadAsync).RequireAuthorization(InvestigationModule.ReadPolicy).WithName("GetInvestigation")
            .WithSummary("One criminal file (the read is audited). A linked protection case the caller may not see is named hidden, never shown.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        files.MapPost("/{id:guid}/stages", StageAsync).RequireAuthorization(InvestigationModule.WritePolicy).WithName("RecordInvestigationStage")
            .WithSummary("Records a stage: the Squad its investigation, the prosecutor the indictment (with the court, which then sees the file), the court hearings and the verdict. Once per Idempotency-Key: a retry is answered as done.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        files.MapPost("/{id:guid}/parties", PartyAsync).RequireAuthorization(InvestigationModule.WritePolicy).WithName("AddInvestigationParty")
            .WithSummary("Adds a suspect, victim or witness (the Squad); a victim's protection case by its number, only one the caller may see. Once per Idempotency-Key.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        files.MapPost("/{id:guid}/measures", MeasureAsync).RequireAuthorization(InvestigationModule.WritePolicy).WithName("RecordCoerciveMeasure")
            .WithSummary("Records a coercive procedural measure on a suspect (once per Idempotency-Key).")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        files.MapPost("/{id:guid}/non-punishment", NonPunishmentAsync).RequireAuthorization(InvestigationModule.WritePolicy).WithName("RecordNonPunishment")
            .WithSummary("Records an offence a victim was compelled to commit and the decision on it (the non-punishment principle), once per Idempotency-Key.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var evidence = v1.MapGroup("/evidence").ProducesTokenProblems();
        evidence.MapGet("/", EvidenceListAsync).RequireAuthorization(InvestigationModule.EvidenceReadPolicy).WithName("ListEvidence")
            .WithSummary("The evidence items of one criminal file the caller may see.")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        evidence.MapPost("/", IntakeAsync).RequireAuthorization(InvestigationModule.EvidenceWritePolicy).WithName("TakeInEvidence")
            .WithSummary("Takes a file into the locker (multipart: fileId, description, location, file). A file already in the file's locker (same SHA-256) is refused with 409 naming it, so a retried upload makes no second item. Type by content; active content, oversized files and unsafe names are refused.")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(EvidenceOptions.MaxUploadBytes))
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        evidence.MapGet("/{id:guid}", EvidenceReadAsync).RequireAuthorization(InvestigationModule.EvidenceReadPolicy).WithName("GetEvidence")
            .WithSummary("One item with its chain of custody, its hash and whether its signed timestamp and chain verify.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        evidence.MapGet("/{id:guid}/content", DownloadAsync).RequireAuthorization(InvestigationModule.EvidenceReadPolicy).WithName("DownloadEvidence")
            .WithSummary("The content, watermarked with the caller's identity (visibly on images and PDFs; in a zip's metadata otherwise), always as an attachment. A content that no longer matches its hash is refused with 409.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        evidence.MapPost("/{id:guid}/custody", CustodyAsync).RequireAuthorization(InvestigationModule.EvidenceWritePolicy).WithName("RecordCustody")
            .WithSummary("Appends a custody event (transfer, examination, disclosure to the defence or the court, return); the content's hash is re-checked. Once per Idempotency-Key: a retry records no second event.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static List<string> Roles(ClaimsPrincipal user) => user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    private static ProblemHttpResult NotFound(IStringLocalizer text) => TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);

    /// <summary>Errors by field (400), or a refusal (the empty key) as 409 — an <c>Idempotency-Key</c> already used for another body as 422.</summary>
    private static ProblemHttpResult Problem(Dictionary<string, string[]> errors, IStringLocalizer text) =>
        errors.TryGetValue("", out var refusal)
            ? TypedResults.Problem(title: refusal[0], statusCode: refusal[0] == text["Api_IdempotencyKeyReused"] ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict)
            : ApiProblems.Invalid(errors, text);

    private static async Task<Ok<List<FileSummary>>> ListAsync(ClaimsPrincipal user, CriminalFiles files, CancellationToken ct) =>
        TypedResults.Ok((await files.ListAsync(Viewer.Of(user), 500, ct)).Select(r => new FileSummary(r.Id, r.Number, r.OfficialNumber, r.Title, r.Stage, r.UpdatedAt, r.Relation)).ToList());

    private static async Task<Results<Created<FileDocument>, ProblemHttpResult>> OpenAsync(CriminalFiles.OpenInput input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, CriminalFiles files, BlindIndex index,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);
        var request = new IdempotentRequest(idempotencyKey!, index.Fingerprint(JsonSerializer.Serialize(input)), nameof(CriminalFile));
        var viewer = Viewer.Of(user);
        var (id, errors) = await files.OpenAsync(viewer, Roles(user), input, request, ct);
        if (errors.TryGetValue("", out var refusal))
            return TypedResults.Problem(title: refusal[0], statusCode: refusal[0] == text["Api_IdempotencyKeyReused"] ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status403Forbidden);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, text);
        return await files.ReadAsync(viewer, id!.Value, ct) is { } file
            ? TypedResults.Created($"/api/v1/investigations/{file.Id}", Document(file))
            : NotFound(text);
    }

    private static async Task<Results<Ok<FileDocument>, ProblemHttpResult>> ReadAsync(Guid id, ClaimsPrincipal user, CriminalFiles files,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await files.ReadAsync(Viewer.Of(user), id, ct) is { } file ? TypedResults.Ok(Document(file)) : NotFound(text);

    private static Task<Results<NoContent, ProblemHttpResult>> StageAsync(Guid id, CriminalFiles.StageInput input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, CriminalFiles files, BlindIndex index,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        OnceAsync(IdempotentRequest.ForAddition(index, idempotencyKey, nameof(FileStageEvent), id, input),
            request => files.RecordStageAsync(Viewer.Of(user), id, input, request, ct), text);

    private static Task<Results<NoContent, ProblemHttpResult>> PartyAsync(Guid id, CriminalFiles.PartyInput input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, CriminalFiles files, BlindIndex index,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        OnceAsync(IdempotentRequest.ForAddition(index, idempotencyKey, nameof(FileParty), id, input),
            request => files.AddPartyAsync(Viewer.Of(user), id, input, request, ct), text);

    private static Task<Results<NoContent, ProblemHttpResult>> MeasureAsync(Guid id, CriminalFiles.MeasureInput input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, CriminalFiles files, BlindIndex index,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        OnceAsync(IdempotentRequest.ForAddition(index, idempotencyKey, nameof(CoerciveMeasure), id, input),
            request => files.RecordMeasureAsync(Viewer.Of(user), id, input, request, ct), text);

    private static Task<Results<NoContent, ProblemHttpResult>> NonPunishmentAsync(Guid id, CriminalFiles.NonPunishmentInput input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, CriminalFiles files, BlindIndex index,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        OnceAsync(IdempotentRequest.ForAddition(index, idempotencyKey, nameof(NonPunishmentRecord), id, input),
            request => files.RecordNonPunishmentAsync(Viewer.Of(user), id, input, request, ct), text);

    /// <summary>An addition: the <c>Idempotency-Key</c> is required (400 without), as for the creating endpoints; then as <see cref="WriteAsync"/>.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> OnceAsync(IdempotentRequest? request,
        Func<IdempotentRequest, Task<Dictionary<string, string[]>?>> write, IStringLocalizer text) =>
        request is null
            ? TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest)
            : await WriteAsync(write(request), text);

    private static async Task<Results<NoContent, ProblemHttpResult>> WriteAsync(Task<Dictionary<string, string[]>?> write, IStringLocalizer text) =>
        await write switch
        {
            null => NotFound(text),
            { Count: 0 } => TypedResults.NoContent(),
            var errors => Problem(errors, text),
        };

    private static async Task<Results<Ok<List<EvidenceSummary>>, ProblemHttpResult>> EvidenceListAsync(Guid fileId, ClaimsPrincipal user, CriminalFiles files,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await files.ReadAsync(Viewer.Of(user), fileId, ct) is { } file
            ? TypedResults.Ok(file.Evidence.Select(Summary).ToList())
            : NotFound(text);

    private static async Task<Results<Created<EvidenceDocument>, ProblemHttpResult>> IntakeAsync([FromForm] Guid? fileId, [FromForm] string? description,
        [FromForm] string? location, IFormFile? file, ClaimsPrincipal user, EvidenceLocker locker, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (fileId is null)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["fileId"] = [text["File_Required"]] }, text);
        byte[] content = [];
        if (file is not null)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        var viewer = Viewer.Of(user);
        var (id, errors) = await locker.TakeInAsync(viewer, fileId.Value, new EvidenceLocker.IntakeInput { Description = description, Location = location },
            file?.FileName, file?.ContentType, content, ct);
        if (errors is null)
            return NotFound(text);
        if (errors.Count > 0)
            return Problem(errors.ToDictionary(e => e.Key == "Upload" ? "file" : e.Key, e => e.Value), text);
        return await locker.ReadAsync(viewer, id!.Value, ct) is { } item
            ? TypedResults.Created($"/api/v1/evidence/{item.Id}", Document(item))
            : NotFound(text);
    }

    private static async Task<Results<Ok<EvidenceDocument>, ProblemHttpResult>> EvidenceReadAsync(Guid id, ClaimsPrincipal user, EvidenceLocker locker,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await locker.ReadAsync(Viewer.Of(user), id, ct) is { } item ? TypedResults.Ok(Document(item)) : NotFound(text);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(Guid id, ClaimsPrincipal user, EvidenceLocker locker,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var (outcome, served) = await locker.DownloadAsync(Viewer.Of(user), id, ct);
        return outcome switch
        {
            EvidenceLocker.DownloadOutcome.Served => TypedResults.File(served!.Content, served.ContentType, served.FileName),
            EvidenceLocker.DownloadOutcome.Tampered => TypedResults.Problem(title: text["Evidence_Tampered"], statusCode: StatusCodes.Status409Conflict),
            EvidenceLocker.DownloadOutcome.NotAllowed => TypedResults.Problem(title: text["Custody_NotAllowed"], statusCode: StatusCodes.Status409Conflict),
            _ => NotFound(text),
        };
    }

    private static Task<Results<NoContent, ProblemHttpResult>> CustodyAsync(Guid id, EvidenceLocker.CustodyInput input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, EvidenceLocker locker, BlindIndex index,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        OnceAsync(IdempotentRequest.ForAddition(index, idempotencyKey, nameof(CustodyEvent), id, input),
            request => locker.RecordCustodyAsync(Viewer.Of(user), id, input, request, ct), text);

    private static EvidenceSummary Summary(CriminalFiles.EvidenceRow e) => new(e.Id, e.Number, e.Description, e.ContentType, e.Size, e.ReceivedAt, e.Location, e.Custody);

    private static FileDocument Document(CriminalFiles.FileView f) => new(f.Id, f.Number, f.OfficialNumber, f.Title, f.Summary, f.Stage, f.OpenedAt, f.Owner,
        f.Rights.Relation, [.. f.Offences.Select(o => o.Code)],
        [.. f.Stages.Select(s => new StageDocument(s.Stage, s.On, s.RecordedAt, s.By, s.Note, s.Court))],
        [.. f.Parties.Select(p => new PartyDocument(p.Id, p.Role, p.Name, p.Detail, p.Sex, p.BirthYear, p.Citizenship, p.Outcome, p.SentenceMonths, p.CaseNumber, p.CaseLinkedButHidden))],
        [.. f.Measures.Select(m => new MeasureDocument(m.Id, m.Party, m.Kind, m.OrderedBy, m.From, m.Until, m.Note))],
        [.. f.NonPunishment.Select(n => new NonPunishmentDocument(n.Id, n.Party, n.Offence, n.Decision, n.DecidedOn))],
        [.. f.Evidence.Select(Summary)]);

    private static EvidenceDocument Document(EvidenceLocker.ItemView i) => new(i.Id, i.Number, i.FileId, i.FileNumber, i.Description, i.FileName, i.ContentType, i.Size,
        i.Sha256, i.ReceivedAt, i.Holder, i.Location, i.TimestampValid, i.ChainValid,
        [.. i.Custody.Select(c => new CustodyDocument(c.Sequence, c.Kind, c.At, c.By, c.To, c.Location, c.Reason, c.HashMatched))]);
}
