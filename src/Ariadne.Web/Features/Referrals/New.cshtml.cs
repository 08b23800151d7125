using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// Refer a suspected victim to the Squad: one subject per page (who, where and what danger, what was
/// observed with its supporting files, consent, then the check page). Earlier answers travel in the form
/// body, never in the address; files are kept on the server as encrypted drafts of this form
/// (<see cref="ReferralDrafts"/>). The submission id, made on the first page, is the idempotency key: a
/// double click or a resent form makes one referral.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
[RequestSizeLimit(Platform.RequestLimits.FileUploadBytes)]
public sealed class NewModel(ReferralIntake referrals, ReferralDrafts drafts, IStringLocalizer<SharedResource> text, UiTime uiTime) : PageModel
{
    [BindProperty] public ReferralInput Input { get; set; } = new();
    [BindProperty] public ReferralStep Step { get; set; } = ReferralStep.Person;
    [BindProperty] public Guid SubmissionId { get; set; }
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    /// <summary>The attached files the person kept ticked on the "what you observed" page (the others are removed).</summary>
    [BindProperty] public List<Guid> KeepFiles { get; set; } = [];
    /// <summary>Set when the page showed the attached files, so that an unticked list means "remove them all".</summary>
    [BindProperty] public bool FilesShown { get; set; }

    /// <summary>The files attached so far (kept on the server, encrypted, for this person and this form only).</summary>
    public IReadOnlyList<ReferralDrafts.DraftRow> Attached { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!ReferralIntake.CanRefer(Viewer.Of(User)))
            return Forbid();
        SubmissionId = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostBackAsync()
    {
        ModelState.Clear();
        if (!ReferralIntake.CanRefer(Viewer.Of(User)))
            return Forbid();
        if (!await SaveFilesAsync())
            return await ShowAsync();
        Step = Step > ReferralStep.Person ? Step - 1 : ReferralStep.Person;
        return await ShowAsync();
    }

    /// <summary>"Change" on the check page: back to that step, with every answer kept.</summary>
    public async Task<IActionResult> OnPostGotoAsync(ReferralStep to)
    {
        ModelState.Clear();
        if (!ReferralIntake.CanRefer(Viewer.Of(User)))
            return Forbid();
        Step = Enum.IsDefined(to) && to < ReferralStep.Review ? to : ReferralStep.Person;
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostNextAsync()
    {
        ModelState.Clear();
        if (!ReferralIntake.CanRefer(Viewer.Of(User)))
            return Forbid();
        if (!Enum.IsDefined(Step) || Step == ReferralStep.Review)
            Step = ReferralStep.Person;
        var valid = AddErrors(Input.Validate(text, Today, Step));
        if (await SaveFilesAsync() && valid)
            Step++;
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        ModelState.Clear();
        var viewer = Viewer.Of(User);
        if (!ReferralIntake.CanRefer(viewer))
            return Forbid();
        Step = ReferralStep.Review;
        var errors = Input.Validate(text, Today);
        if (errors.Count > 0)
        {
            // Send the user to the first page with a problem, with its errors.
            Step = Enum.GetValues<ReferralStep>().First(s => Input.Validate(text, Today, s).Count > 0);
            AddErrors(Input.Validate(text, Today, Step));
            return await ShowAsync();
        }
        if (SubmissionId == Guid.Empty)
            SubmissionId = Guid.NewGuid();
        // The files were attached at their step; they travel with the referral, and the drafts are destroyed in its transaction.
        var uploads = await drafts.TakeAsync(viewer, SubmissionId);
        if (ReferralFiles.Validate(uploads, text) is { } fileError)
        {
            Step = FilesStep;
            ModelState.AddModelError(nameof(Files), fileError);
            return await ShowAsync();
        }
        var submissionId = SubmissionId;
        var (outcome, referral) = await referrals.SubmitAsync(viewer, Input, uploads, "form:" + submissionId.ToString("N"),
            filesFingerprint: await drafts.FingerprintAsync(viewer, submissionId),
            alsoInTransaction: (_, ct) => drafts.ConsumeAsync(viewer, submissionId, ct));
        switch (outcome)
        {
            case ReferralIntake.SubmitOutcome.Created or ReferralIntake.SubmitOutcome.Replayed:
                TempData["Notice"] = "Referral_Sent";
                return RedirectToPage("/Referrals/Detail", new { id = referral!.Id });
            case ReferralIntake.SubmitOutcome.NoSquad:
                ModelState.AddModelError(string.Empty, text["Referral_NoSquad"]);
                return await ShowAsync();
            case ReferralIntake.SubmitOutcome.KeyConflict:
                SubmissionId = Guid.NewGuid();
                ModelState.AddModelError(string.Empty, text["Referral_ChangedAfterSending"]);
                return await ShowAsync();
            default:
                return Forbid();
        }
    }

    /// <summary>
    /// On the page that takes files: removes the attached files the person unticked and attaches the new ones.
    /// False (with the error beside the field) when the new files break the limits; then nothing is attached.
    /// </summary>
    private async Task<bool> SaveFilesAsync()
    {
        if (Step != FilesStep || SubmissionId == Guid.Empty)
            return true;
        var viewer = Viewer.Of(User);
        if (FilesShown)
            foreach (var row in await drafts.ListAsync(viewer, SubmissionId))
                if (!KeepFiles.Contains(row.Id))
                    await drafts.RemoveAsync(viewer, SubmissionId, row.Id);
        var uploads = new List<ReferralUpload>();
        foreach (var file in Files.Where(f => f.Length > 0))
        {
            if (file.Length > ReferralFiles.MaxBytes)
            {
                ModelState.AddModelError(nameof(Files), text["Referral_FileSize", ReferralFiles.MaxBytes / 1024 / 1024]);
                return false;
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            uploads.Add(new ReferralUpload(file.FileName, buffer.ToArray()));
        }
        if (await drafts.AddAsync(viewer, SubmissionId, uploads, text) is { } error)
        {
            ModelState.AddModelError(nameof(Files), error);
            return false;
        }
        return true;
    }

    private async Task<IActionResult> ShowAsync()
    {
        if (SubmissionId != Guid.Empty)
            Attached = await drafts.ListAsync(Viewer.Of(User), SubmissionId);
        return Page();
    }

    /// <summary>Files belong with what was observed: they are attached on that page.</summary>
    public const ReferralStep FilesStep = ReferralStep.Indicators;

    public DateOnly Today => uiTime.Today;

    public sealed record ReviewRow(string Label, string Value);
    public sealed record ReviewSection(ReferralStep Step, IReadOnlyList<ReviewRow> Rows);

    /// <summary>Every answer, by the step that asked it, in words (codes shown as names), for the check page.</summary>
    public IReadOnlyList<ReviewSection> Review()
    {
        var i = Input;
        string Or(string? value) => string.IsNullOrWhiteSpace(value) ? "—" : value.Trim();
        string Yes(bool value) => text[value ? "Common_Yes" : "Common_No"];
        var person = new List<ReviewRow> { new("Referral_Anonymous", Yes(i.Anonymous)) };
        if (!i.Anonymous)
        {
            person.Add(new("CaseField_givenName", Or(i.GivenName)));
            person.Add(new("CaseField_familyName", Or(i.FamilyName)));
            person.Add(new("CaseField_patronymic", Or(i.Patronymic)));
            person.Add(new("CaseField_dateOfBirth", Platform.Ui.DateText.TryParse(i.DateOfBirth, out var born) ? born.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture) : "—"));
            person.Add(new("CaseField_sex", i.Sex is { Length: > 0 } sex ? text["Sex_" + sex.Trim()] : "—"));
            person.Add(new("CaseField_citizenship", i.Citizenship is { Length: > 0 } c ? Platform.Ui.Countries.Name(c) : "—"));
            person.Add(new("CaseField_documentNumber", Or(i.DocumentNumber)));
            person.Add(new("CaseField_phone", Or(i.Phone)));
        }
        person.Add(new("CaseField_languages", Or(Platform.Ui.Languages.Names(i.Languages))));
        person.Add(new("Referral_NeedsInterpreter", Yes(i.NeedsInterpreter)));
        var child = i.IsChildOn(Today);
        person.Add(new("Case_Minor", child
            ? (i.Child ? text["Common_Yes"] : text["Referral_ChildFromBirth"])
            : text["Common_No"]));
        var situation = new List<ReviewRow>
        {
            new("Referral_Whereabouts", Or(i.Whereabouts)),
            new("Referral_ImmediateDanger", Yes(i.ImmediateDanger == true)),
        };
        if (i.ImmediateDanger == true)
            situation.Add(new("Referral_DangerText", Or(i.Danger)));
        situation.Add(new("Referral_Urgency", text["Urgency_" + i.EffectiveUrgencyOn(Today)]));
        var indicators = new List<ReviewRow>
        {
            new("Referral_Indicators", i.Indicators.Count == 0 ? "—" : string.Join(", ", i.Indicators.Select(c => text["Ilo_" + c].Value))),
            new("Referral_Exploitation", i.Exploitation.Count == 0 ? "—" : string.Join(", ", i.Exploitation.Select(c => text["Exploitation_" + c].Value))),
            new("Referral_Observations", Or(i.Observations)),
            new("Referral_Files", Attached.Count == 0 ? "—" : string.Join(", ", Attached.Select(a => a.Name))),
        };
        var consent = new List<ReviewRow>
        {
            new("Referral_Consent", i.Consent is { } given ? text["ReferralConsent_" + given] : "—"),
            new("Referral_ConsentNote", Or(i.ConsentNote)),
        };
        return
        [
            new(ReferralStep.Person, person), new(ReferralStep.Situation, situation),
            new(ReferralStep.Indicators, indicators), new(ReferralStep.Consent, consent),
        ];
    }

    private bool AddErrors(Dictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError("Input." + field, message);
        return errors.Count == 0;
    }

    /// <summary>The values of the other pages, carried as hidden fields (name, value).</summary>
    public IEnumerable<(string Name, string Value)> Carried()
    {
        var i = Input;
        IEnumerable<(string, string?)> all(ReferralStep step) => step switch
        {
            ReferralStep.Person =>
            [
                ("Anonymous", i.Anonymous ? "true" : "false"), ("GivenName", i.GivenName), ("FamilyName", i.FamilyName), ("Patronymic", i.Patronymic),
                ("DateOfBirth", i.DateOfBirth), ("Sex", i.Sex), ("Citizenship", i.Citizenship), ("Languages", i.Languages),
                ("NeedsInterpreter", i.NeedsInterpreter ? "true" : "false"), ("Child", i.Child ? "true" : "false"),
                ("DocumentNumber", i.DocumentNumber), ("Phone", i.Phone),
            ],
            ReferralStep.Situation =>
            [
                ("Whereabouts", i.Whereabouts), ("ImmediateDanger", i.ImmediateDanger?.ToString().ToLowerInvariant()), ("Danger", i.Danger),
                ("Urgency", i.Urgency?.ToString()),
            ],
            ReferralStep.Indicators =>
                [.. i.Indicators.Select(c => ("Indicators", (string?)c)), .. i.Exploitation.Select(c => ("Exploitation", (string?)c)), ("Observations", i.Observations)],
            ReferralStep.Consent => [("Consent", i.Consent?.ToString()), ("ConsentNote", i.ConsentNote)],
            _ => [],
        };
        return Enum.GetValues<ReferralStep>().Where(s => s != Step).SelectMany(all)
            .Where(p => p.Item2 is not null).Select(p => ("Input." + p.Item1, p.Item2!));
    }
}
