using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// One criminal file: its stages, parties, measures, non-punishment decisions, evidence and who may see it; each form records only what
/// the viewer's relation allows. The forms that add a record carry a key made when the page rendered (<see cref="FormKey"/>): a form
/// sent twice (a double click, a retry after a lost answer) records once.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
[RequestSizeLimit(EvidenceOptions.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = EvidenceOptions.MaxUploadBytes)]
public sealed class FileModel(CriminalFiles files, EvidenceLocker locker, CooperationRequests cooperation, BlindIndex index,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    /// <summary>The key of the form sent (<see cref="Idempotency.NewFormKey"/>); without one the write is not deduplicated.</summary>
    [BindProperty] public string? FormKey { get; set; }
    [BindProperty] public CriminalFiles.StageInput Stage { get; set; } = new();
    [BindProperty] public CriminalFiles.PartyInput Party { get; set; } = new();
    [BindProperty] public CriminalFiles.OutcomeInput Outcome { get; set; } = new();
    [BindProperty] public CriminalFiles.MeasureInput Measure { get; set; } = new();
    [BindProperty] public CriminalFiles.NonPunishmentInput NonPunishment { get; set; } = new();
    [BindProperty] public CriminalFiles.ShareInput Share { get; set; } = new();
    [BindProperty] public EvidenceLocker.IntakeInput Intake { get; set; } = new();
    [BindProperty] public IFormFile? Upload { get; set; }

    public CriminalFiles.FileView View { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Courts { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> ShareTargets { get; private set; } = [];
    public IReadOnlyList<CooperationRequests.Row> Cooperation { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostStageAsync() =>
        SaveAsync("Stage", v => files.RecordStageAsync(v, Id, Stage, Keyed(nameof(FileStageEvent), Stage)), "File_StageSaved");

    public Task<IActionResult> OnPostPartyAsync() => SaveAsync("Party", v => files.AddPartyAsync(v, Id, Party, Keyed(nameof(FileParty), Party)), "Party_Saved");

    public Task<IActionResult> OnPostOutcomeAsync() => SaveAsync("Outcome", v => files.RecordOutcomeAsync(v, Id, Outcome), "Outcome_Saved");

    public Task<IActionResult> OnPostMeasureAsync() =>
        SaveAsync("Measure", v => files.RecordMeasureAsync(v, Id, Measure, Keyed(nameof(CoerciveMeasure), Measure)), "Coercive_Saved");

    public Task<IActionResult> OnPostNonPunishmentAsync() =>
        SaveAsync("NonPunishment", v => files.RecordNonPunishmentAsync(v, Id, NonPunishment, Keyed(nameof(NonPunishmentRecord), NonPunishment)), "NonPunishment_Saved");

    /// <summary>The form's key with the fingerprint of what it sends, as the API's <c>Idempotency-Key</c>; null without a key.</summary>
    private IdempotentRequest? Keyed(string resourceType, object input) => IdempotentRequest.ForAddition(index, FormKey, resourceType, Id, input);

    public Task<IActionResult> OnPostShareAsync() => SaveAsync("Share", v => files.ShareAsync(v, Id, Share), "File_Shared");

    public Task<IActionResult> OnPostEvidenceAsync() => SaveAsync("Intake", async v =>
    {
        byte[] content = [];
        if (Upload is not null)
        {
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer);
            content = buffer.ToArray();
        }
        var (_, errors) = await locker.TakeInAsync(v, Id, Intake, Upload?.FileName, Upload?.ContentType, content);
        return errors;
    }, "Evidence_Taken");

    private async Task<IActionResult> SaveAsync(string prefix, Func<Viewer, Task<Dictionary<string, string[]>?>> action, string notice)
    {
        ModelState.Clear();
        var errors = await action(Viewer.Of(User));
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = notice;
            return RedirectToPage(new { id = Id });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : field == "Upload" ? "Upload" : prefix + "." + field,
                    message == text["Api_IdempotencyKeyReused"] ? text["Form_AlreadySent"] : message);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (await files.ReadAsync(Viewer.Of(User), Id) is not { } view)
            return false;
        View = view;
        if (view.Rights.Prosecutes || view.Rights.Keeps || view.Rights.Supervises)
            Courts = await files.InstitutionsAsync(InstitutionKind.Court);
        if (view.Rights.Shares)
            ShareTargets = [.. (view.Rights.Keeps || view.Rights.Supervises ? await files.InstitutionsAsync(InstitutionKind.Prosecution) : []), .. Courts];
        if (CooperationRequests.Drafts(view.Rights))
            Cooperation = await cooperation.ListAsync(Viewer.Of(User), [], Id);
        return true;
    }
}
