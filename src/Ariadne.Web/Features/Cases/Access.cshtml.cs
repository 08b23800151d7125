using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// Who may see the case (<c>/Cases/{id}/Access</c>): the grants as <see cref="GrantService.ListAsync"/> lets
/// the viewer list them, and — for one who may manage them — the form to give access. Revoking goes through
/// its own confirmation page (<see cref="RevokeGrantModel"/>).
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class AccessModel(CaseService cases, CaseHeaders headers, GrantService grants, AriadneDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public GrantService.GrantInput Grant { get; set; } = new();

    public CaseHeader Header { get; private set; } = null!;
    public IReadOnlyList<Relation> Grantable { get; private set; } = [];
    public IReadOnlyList<GrantService.GrantRow> Grants { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Institutions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddGrantAsync()
    {
        ModelState.Clear();
        var viewer = Viewer.Of(User);
        if ((await grants.GrantableAsync(viewer, Id)).Count == 0)
            return await LoadAsync() ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        var errors = await grants.AddAsync(viewer, Id, Grant);
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError("Grant." + field, message);
        if (errors.Count == 0)
        {
            TempData["Notice"] = "Grant_Added";
            return RedirectToPage(new { id = Id });
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    private sealed record Around(CaseHeader Header, IReadOnlyList<Relation> Grantable, IReadOnlyList<GrantService.GrantRow> Grants,
        IReadOnlyList<(Guid Id, string Name)> Institutions);

    private async Task<bool> LoadAsync()
    {
        var viewer = Viewer.Of(User);
        var read = await cases.ReadWithAsync(viewer, Id, CasesAudit.GrantList, async (view, ct) =>
        {
            var header = await headers.BuildAsync(view, ct) with { Tab = CaseTab.Access };
            var grantable = await grants.GrantableAsync(viewer, Id, ct);
            var list = await grants.ListAsync(viewer, Id, ct) ?? [];
            IReadOnlyList<(Guid, string)> institutions = grantable.Count == 0 ? [] :
                (await db.Institutions.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.Name).Select(i => new { i.Id, i.Name }).ToListAsync(ct))
                .Select(i => (i.Id, i.Name)).ToList();
            return new Around(header, grantable, list, institutions);
        });
        if (read is not { } found)
            return false;
        (Header, Grantable, Grants, Institutions) = found.More;
        return true;
    }
}
