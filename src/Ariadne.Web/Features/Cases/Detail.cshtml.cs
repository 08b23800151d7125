using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Security;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// The case workspace's overview (the case's own classes) and person tab (identity, contact and health):
/// read-only summary lists of the fields the viewer's grants open, each writable one with a "Change" link
/// to <see cref="EditModel"/>. A case they cannot see is a 404, like one that does not exist, and audited.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class DetailModel(
    CaseService cases, CaseHeaders headers, CaseAccess access, AriadneDbContext db, IStringLocalizer<SharedResource> text, UiTime uiTime,
    IEnumerable<ICaseTaskSource> taskSources) : PageModel
{
    public static readonly DataClass[] OverviewClasses = [DataClass.Status, DataClass.Investigation, DataClass.Legal, DataClass.Care];
    public static readonly DataClass[] PersonClasses = [DataClass.Identity, DataClass.ContactLocation, DataClass.Health];

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    /// <summary>"person" for the person tab; anything else is the overview.</summary>
    [BindProperty(SupportsGet = true)] public string? Tab { get; set; }

    public CaseService.CaseView View { get; private set; } = null!;
    public CaseHeader Header { get; private set; } = null!;
    public string ResponsibleInstitution { get; private set; } = "";
    public DateTimeOffset? EmergencyUntil { get; private set; }
    /// <summary>The work on the case, step by step, as far as the viewer's rights show it (overview tab only).</summary>
    public IReadOnlyList<CaseTask> Tasks { get; private set; } = [];
    public UiTime Time => uiTime;
    public bool IsPersonTab => string.Equals(Tab, "person", StringComparison.OrdinalIgnoreCase);
    public IReadOnlyList<DataClass> Sections => IsPersonTab ? PersonClasses : OverviewClasses;

    public async Task<IActionResult> OnGetAsync()
    {
        var viewer = Viewer.Of(User);
        var read = await cases.ReadWithAsync(viewer, Id, CasesAudit.View, async (view, ct) =>
        {
            var responsible = view.Fields.TryGetValue("responsibleInstitutionId", out var institutionId) && institutionId is Guid iid
                ? await db.Institutions.Where(i => i.Id == iid).Select(i => i.Name).FirstAsync(ct)
                : "";
            var emergencyUntil = view.Rights.IsBreakGlass
                ? await access.ActiveBreakGlass(viewer).Where(b => b.CaseId == Id).MaxAsync(b => (DateTimeOffset?)b.ExpiresAt, ct)
                : null;
            // The task list: each module's steps of the work, read in this audited read under the same rights.
            var tasks = new List<CaseTask>();
            if (!IsPersonTab && !view.Erased)
                foreach (var source in taskSources) // one at a time: they share the request's DbContext
                    tasks.AddRange(await source.TasksAsync(viewer, Id, view.Rights, ct));
            return (Header: await headers.BuildAsync(view, ct), Responsible: responsible, EmergencyUntil: emergencyUntil,
                Tasks: tasks.OrderBy(t => t.Order).ToList());
        });
        if (read is not { } found)
            return NotFound();
        View = found.View;
        Header = found.More.Header with { Tab = IsPersonTab ? CaseTab.Person : CaseTab.Overview };
        ResponsibleInstitution = found.More.Responsible;
        EmergencyUntil = found.More.EmergencyUntil;
        Tasks = found.More.Tasks;
        return Page();
    }

    public string Display(CaseFields.Field field) => View.Fields.GetValueOrDefault(field.Name) switch
    {
        null => "—",
        CaseStatus status => text["CaseStatus_" + status],
        CaseClosureOutcome outcome => text["ClosureOutcome_" + outcome],
        TraffickingStatus trafficking => text["TraffickingStatus_" + trafficking],
        DateOnly day => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        bool flag => flag ? text["Common_Yes"] : text["Common_No"],
        DateTimeOffset at => uiTime.Format(at),
        Guid => ResponsibleInstitution,
        string sex when field.Input == FieldInput.Sex => text["Sex_" + sex] is { ResourceNotFound: false } word ? word : sex,
        var value => value.ToString() ?? "—",
    };
}
