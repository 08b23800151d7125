using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// "Are you sure?" before a grant is revoked: the GET names the grant and changes nothing; only the POST from
/// this page revokes. A grant the viewer may not revoke (or that is already revoked) is a 404.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class RevokeGrantModel(CaseService cases, CaseHeaders headers, GrantService grants) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid GrantId { get; set; }

    public CaseHeader Header { get; private set; } = null!;
    public GrantService.GrantRow Row { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var viewer = Viewer.Of(User);
        var read = await cases.ReadWithAsync(viewer, Id, CasesAudit.GrantList, async (view, ct) =>
        {
            var grantable = await grants.GrantableAsync(viewer, Id, ct);
            var row = (await grants.ListAsync(viewer, Id, ct) ?? []).FirstOrDefault(g => g.Id == GrantId && g.RevokedAt is null && grantable.Contains(g.Relation));
            return (Header: await headers.BuildAsync(view, ct) with { Tab = CaseTab.Access }, Row: row);
        });
        if (read is not { More.Row: { } grant } found)
            return NotFound();
        Header = found.More.Header;
        Row = grant;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await grants.RevokeAsync(Viewer.Of(User), Id, GrantId))
            return NotFound();
        TempData["Notice"] = "Grant_Revoked";
        return RedirectToPage("/Cases/Access", new { id = Id });
    }
}
