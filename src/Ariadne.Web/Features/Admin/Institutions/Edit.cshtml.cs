using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Admin.Institutions;

/// <summary>Creates an institution, or renames and (de)activates one. The kind is fixed once users exist.</summary>
[Authorize(Policy = Policies.Admin)]
[RequireRecentAuthentication]
public sealed class EditModel(AriadneDbContext db, IStringLocalizer<SharedResource> text, TimeProvider time, AuditedWrites writes, ILogger<EditModel> logger)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public InstitutionInput Input { get; set; } = new();

    public bool KindLocked { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var institution = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id);
            if (institution is null)
                return NotFound();
            Input = new InstitutionInput { Name = institution.Name, Code = institution.Code, Kind = institution.Kind, IsActive = institution.IsActive };
            KindLocked = await db.Users.AnyAsync(u => u.InstitutionId == id);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Institution? institution = null;
        if (Id is { } id)
        {
            institution = await db.Institutions.FirstOrDefaultAsync(i => i.Id == id);
            if (institution is null)
                return NotFound();
            KindLocked = await db.Users.AnyAsync(u => u.InstitutionId == id);
            if (KindLocked)
                Input.Kind = institution.Kind;
        }
        ModelState.Clear();
        foreach (var (field, messages) in await Input.ValidateAsync(db, text, Id, HttpContext.RequestAborted))
            foreach (var message in messages)
                ModelState.AddModelError("Input." + field, message);
        if (!ModelState.IsValid)
            return Page();

        var actor = Platform.Access.Viewer.Of(User);
        institution = await writes.RunAsync(actor, async ct =>
        {
            if (institution is null)
            {
                institution = new Institution { Name = Input.Name!, Code = Input.Code!, CreatedAt = time.GetUtcNow() };
                db.Institutions.Add(institution);
            }
            institution.Name = Input.Name!;
            institution.Code = Input.Code!;
            institution.Kind = Input.Kind!.Value;
            institution.IsActive = Input.IsActive;
            await db.SaveChangesAsync(ct);
            return new Audited<Institution>(institution, new AuditRecord(PlatformAudit.InstitutionChanged, TargetType: AuditTarget.Institution, TargetId: institution.Id,
                Purpose: Id is null ? AdminAudit.Created : AdminAudit.Updated));
        });
        logger.InstitutionChanged(actor.UserId, institution.Id, Id is null ? "created" : "updated");
        TempData["Notice"] = "Common_Saved";
        return RedirectToPage("/Admin/Institutions/Index");
    }
}
