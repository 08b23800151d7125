using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// Refer a suspected victim to the Squad: one subject per page (who, where and what danger, what was
/// observed, consent, then review with supporting files). Earlier answers travel in the form body,
/// never in the address. The submission id, made on the first page, is the idempotency key: a
/// double click or a resent form makes one referral.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
[RequestSizeLimit(Platform.RequestLimits.FileUploadBytes)]
public sealed class NewModel(ReferralIntake referrals, IStringLocalizer<SharedResource> text, TimeProvider time) : PageModel
{
    [BindProperty] public ReferralInput Input { get; set; } = new();
    [BindProperty] public ReferralStep Step { get; set; } = ReferralStep.Person;
    [BindProperty] public Guid SubmissionId { get; set; }
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public IActionResult OnGet()
    {
        if (!ReferralIntake.CanRefer(Viewer.Of(User)))
            return Forbid();
        SubmissionId = Guid.NewGuid();
        return Page();
    }

    public IActionResult OnPostBack()
    {
        ModelState.Clear();
        if (!ReferralIntake.CanRefer(Viewer.Of(User)))
            return Forbid();
        Step = Step > ReferralStep.Person ? Step - 1 : ReferralStep.Person;
        return Page();
    }

    /// <summary>"Change" on the check page: back to that step, with every answer kept.</summary>
    public IActionResult OnPostGoto(ReferralStep to)
    {
        ModelState.Clear();
        if (!ReferralIntake.CanRefer(Viewer.Of(User)))
            return Forbid();
        Step = Enum.IsDefined(to) && to < ReferralStep.Review ? to : ReferralStep.Person;
        return Page();
    }

    public IActionResult OnPostNext()
    {
        ModelState.Clear();
        if (!ReferralIntake.CanRefer(Viewer.Of(User)))
            return Forbid();
        if (!Enum.IsDefined(Step) || Step == ReferralStep.Review)
            Step = ReferralStep.Person;
        if (AddErrors(Input.Validate(text, Today, Step)))
            Step++;
        return Page();
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
            return Page();
        }
        var uploads = new List<ReferralUpload>();
        foreach (var file in Files.Where(f => f.Length > 0))
        {
            if (file.Length > ReferralFiles.MaxBytes)
            {
                ModelState.AddModelError(nameof(Files), text["Referral_FileSize", ReferralFiles.MaxBytes / 1024 / 1024]);
                return Page();
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            uploads.Add(new ReferralUpload(file.FileName, buffer.ToArray()));
        }
        if (ReferralFiles.Validate(uploads, text) is { } fileError)
        {
            ModelState.AddModelError(nameof(Files), fileError);
            return Page();
        }
        if (SubmissionId == Guid.Empty)
            SubmissionId = Guid.NewGuid();
        var (outcome, referral) = await referrals.SubmitAsync(viewer, Input, uploads, "form:" + SubmissionId.ToString("N"));
        switch (outcome)
        {
            case ReferralIntake.SubmitOutcome.Created or ReferralIntake.SubmitOutcome.Replayed:
                TempData["Notice"] = "Referral_Sent";
                return RedirectToPage("/Referrals/Detail", new { id = referral!.Id });
            case ReferralIntake.SubmitOutcome.NoSquad:
                ModelState.AddModelError(string.Empty, text["Referral_NoSquad"]);
                return Page();
            case ReferralIntake.SubmitOutcome.KeyConflict:
                SubmissionId = Guid.NewGuid();
                ModelState.AddModelError(string.Empty, text["Referral_ChangedAfterSending"]);
                return Page();
            default:
                return Forbid();
        }
    }

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

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
