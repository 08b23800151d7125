using System.Security.Claims;
using Ariadne.Web.Features.Statistics.Output;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Statistics;

/// <summary>
/// One release: its protected tables with their charts; approve (a second Coordinator), publish, discard; the tables as CSV
/// and the release as XLSX (each download audited). A draft is the office's; a published release is every member of staff's.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class ReleaseModel(StatisticsReleases releases, StatTableFiles files, StatLabels labels, AuditedWrites writes, IStringLocalizer<SharedResource> text) : PageModel
{
    public StatisticsReleases.ReleaseView View { get; private set; } = null!;
    public IReadOnlyList<string> Conflicts { get; private set; } = [];

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    private static string Lang() => StatLabels.Checked(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is "ru" or "en"
        ? System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName : "az");

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await releases.GetAsync(Viewer.Of(User), Roles, id, HttpContext.RequestAborted) is not { } view)
            return false;
        View = view;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(Guid id, int version) => StepAsync(id, releases.ApproveAsync(Viewer.Of(User), Roles, id, version, HttpContext.RequestAborted), "Stat_Approved");

    public Task<IActionResult> OnPostPublishAsync(Guid id, int version) => StepAsync(id, releases.PublishAsync(Viewer.Of(User), Roles, id, version, HttpContext.RequestAborted), "Stat_PublishedNotice");

    public async Task<IActionResult> OnPostDiscardAsync(Guid id, int version)
    {
        var outcome = await releases.DiscardAsync(Viewer.Of(User), Roles, id, version, HttpContext.RequestAborted);
        return await AfterAsync(id, outcome, [], "Stat_DiscardedNotice");
    }

    private async Task<IActionResult> StepAsync(Guid id, Task<(StatisticsReleases.StepOutcome Outcome, IReadOnlyList<StatisticsReleases.Conflict> Conflicts)> step, string notice)
    {
        var (outcome, conflicts) = await step;
        return await AfterAsync(id, outcome, conflicts, notice);
    }

    private async Task<IActionResult> AfterAsync(Guid id, StatisticsReleases.StepOutcome outcome, IReadOnlyList<StatisticsReleases.Conflict> conflicts, string notice)
    {
        if (outcome is StatisticsReleases.StepOutcome.NotFound || !await LoadAsync(id))
            return NotFound();
        switch (outcome)
        {
            case StatisticsReleases.StepOutcome.Done:
                TempData["Notice"] = notice;
                return RedirectToPage("/Statistics/Release", new { id });
            case StatisticsReleases.StepOutcome.NotAllowed:
                return Forbid();
            case StatisticsReleases.StepOutcome.OwnDraft:
                ModelState.AddModelError("", text["Stat_OwnDraft"]);
                break;
            case StatisticsReleases.StepOutcome.Stale:
                ModelState.AddModelError("", text["Stat_Stale"]);
                break;
            default:
                var lang = Lang();
                var tables = releases.Tables.ToDictionary(t => t.Code);
                foreach (var c in conflicts)
                    ModelState.AddModelError("", text["Stat_Conflict", labels.Text(lang, c.TitleKey), labels.Code(tables[c.TableCode].Rows, c.Row, lang),
                        labels.Code(tables[c.TableCode].Columns, c.Column, lang), c.ReleaseNumber]);
                break;
        }
        return Page();
    }

    private Task<bool> ExportedAsync(Guid id) => writes.RunAsync(Viewer.Of(User), _ => Task.FromResult(new Audited<bool>(true,
        new AuditRecord(StatisticsAudit.Exported, TargetType: StatisticsAudit.Release, TargetId: id, Purpose: StatisticsAudit.Production))), HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetCsvAsync(Guid id, string? code)
    {
        if (!await LoadAsync(id) || View.Tables.FirstOrDefault(t => t.Code == code) is not { } table)
            return NotFound();
        await ExportedAsync(id);
        return File(files.Csv(table, Lang()), StatTableFiles.CsvContentType, $"{View.Release.Number}-{table.Code}.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(Guid id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        await ExportedAsync(id);
        var r = View.Release;
        var set = new Platform.Statistics.PublishedSet(r.Id, r.Number, r.Period, r.PublishedAt ?? r.DraftedAt, View.Tables);
        return File(files.Xlsx(set, Lang()), StatTableFiles.XlsxContentType, $"{r.Number}.xlsx");
    }
}
