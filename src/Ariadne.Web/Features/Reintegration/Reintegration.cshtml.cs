using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Reintegration;

/// <summary>The case's reintegration tab: the repatriation and the partner's view, re-trafficking risk, witness safety.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class ReintegrationModel(ReintegrationService reintegration, AriadneDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public ReintegrationService.RepatriationInput Repatriation { get; set; } = new();
    [BindProperty] public ReintegrationService.ProgressInput Progress { get; set; } = new();
    [BindProperty] public ReintegrationService.FlagInput Flag { get; set; } = new();
    [BindProperty] public ReintegrationService.MeasureInput Measure { get; set; } = new();
    [BindProperty] public ReintegrationService.MeasureStatusInput Step { get; set; } = new();

    public ReintegrationService.State State { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Partners { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Holders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        if (State.Repatriation is { } r)
            Repatriation = new()
            {
                DestinationCountry = r.Country,
                PartnerInstitutionId = r.PartnerInstitutionId,
                PartnerName = r.PartnerInstitutionId is null ? r.Partner : null,
                Escort = r.Escort,
                EscortBy = r.EscortBy,
                PlannedOn = r.PlannedOn,
                ArrivalPoint = r.ArrivalPoint,
                ReceivingOrganisation = r.ReceivingOrganisation,
                NeedsOnArrival = r.NeedsOnArrival,
            };
        return Page();
    }

    public Task<IActionResult> OnPostRepatriationAsync() => SaveAsync("Repatriation", v => reintegration.SaveRepatriationAsync(v, Id, Repatriation), "Repatriation_Saved");

    public Task<IActionResult> OnPostProgressAsync() => SaveAsync("Progress", v => reintegration.ProgressAsync(v, Id, Progress), "Repatriation_Saved");

    public Task<IActionResult> OnPostShareAsync() => SaveAsync("Repatriation", v => reintegration.ShareAsync(v, Id), "Repatriation_SharedNotice");

    public Task<IActionResult> OnPostFlagAsync() => SaveAsync("Flag", v => reintegration.FlagAsync(v, Id, Flag), "Flag_Saved");

    public Task<IActionResult> OnPostCloseFlagAsync(Guid flagId) => SaveAsync("", v => reintegration.CloseFlagAsync(v, Id, flagId), "Flag_ClosedNotice");

    public Task<IActionResult> OnPostMeasureAsync() => SaveAsync("Measure", v => reintegration.SaveMeasureAsync(v, Id, Measure), "Measure_Saved");

    public Task<IActionResult> OnPostStepAsync() => SaveAsync("Step", v => reintegration.MeasureStatusAsync(v, Id, Step), "Measure_Saved");

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
                ModelState.AddModelError(field.Length == 0 ? "" : prefix.Length == 0 ? field : prefix + "." + field, message);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (await reintegration.ReadAsync(Viewer.Of(User), Id) is not { } state)
            return false;
        State = state;
        if (state.CanPlan)
            Partners = (await db.Institutions.AsNoTracking().Where(i => i.IsActive && i.Kind == InstitutionKind.InternationalPartner).OrderBy(i => i.Name)
                .Select(i => new { i.Id, i.Name }).ToListAsync()).Select(i => (i.Id, i.Name)).ToList();
        if (state.CanProtect)
            Holders = (await db.Institutions.AsNoTracking().Where(i => i.IsActive && (i.Kind == InstitutionKind.AntiTraffickingSquad || i.Kind == InstitutionKind.Police
                    || i.Kind == InstitutionKind.SecurityService || i.Kind == InstitutionKind.Prosecution)).OrderBy(i => i.Name)
                .Select(i => new { i.Id, i.Name }).ToListAsync()).Select(i => (i.Id, i.Name)).ToList();
        return true;
    }
}
