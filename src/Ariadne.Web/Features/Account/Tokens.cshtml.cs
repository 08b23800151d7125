using Ariadne.Web.Platform.Api;
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
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Account;

/// <summary>
/// A user's own API tokens: created with a name, scopes and a lifetime; the secret is shown once and
/// only its hash is kept; revocable at any time. Administrative scopes are offered only to administrators.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class TokensModel(
    AriadneDbContext db, TimeProvider time, IOptions<SecurityOptions> security, IStringLocalizer<SharedResource> text, AuditedWrites writes,
    ILogger<TokensModel> logger, Platform.Modules.ModuleCatalog modules) : PageModel
{
    public const string SecretKey = "NewTokenSecret";

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];
    public IReadOnlyList<string> OfferedScopes { get; private set; } = [];
    public string? NewSecret { get; private set; }
    public int MaxDays => security.Value.MaxApiTokenLifetimeDays;

    [BindProperty]
    public TokenInput Input { get; set; } = new();

    public sealed class TokenInput
    {
        public string? Name { get; set; }
        public List<string> Scopes { get; set; } = [];
        public int? Days { get; set; }
    }

    /// <summary>Creating a token hands out lasting access: the page opens, and a token is made, only within minutes of proving one's factors (<see cref="Reauthentication"/>). Revoking needs nothing more.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        if (!Reauthentication.IsRecent(HttpContext))
            return Reauthentication.Ask(this);
        Input.Days = 30;
        NewSecret = TempData[SecretKey] as string;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!Reauthentication.IsRecent(HttpContext))
            return Reauthentication.Ask(this);
        var userId = User.UserId()!.Value;
        ModelState.Remove("Input.Days"); // a non-number is reported below with the range message
        var name = Input.Name?.Trim();
        OfferedScopes = ScopesFor();
        if (string.IsNullOrEmpty(name))
            ModelState.AddModelError("Input.Name", text["Validation_Required"]);
        else if (name.Length > 100)
            ModelState.AddModelError("Input.Name", text["Validation_TooLong", 100]);
        if (Input.Scopes.Count == 0)
            ModelState.AddModelError("Input.Scopes", text["Tokens_ScopeRequired"]);
        else if (Input.Scopes.Except(OfferedScopes).Any())
            ModelState.AddModelError("Input.Scopes", text["Tokens_ScopeNotAllowed"]);
        if (Input.Days is not { } days || days < 1 || days > MaxDays)
            ModelState.AddModelError("Input.Days", text["Tokens_DaysRange", MaxDays]);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var (secret, prefix, hash) = ApiTokenSecrets.Create();
        var now = time.GetUtcNow();
        var token = new ApiToken
        {
            UserId = userId,
            Name = name!,
            Prefix = prefix,
            SecretHash = hash,
            Scopes = string.Join(' ', Input.Scopes.Distinct().Order(StringComparer.Ordinal)),
            CreatedAt = now,
            ExpiresAt = now.AddDays(Input.Days!.Value),
        };
        await writes.RunAsync(null, async ct =>
        {
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(PlatformAudit.ApiTokenChanged, ActorUserId: userId, TargetType: AuditTarget.ApiToken, TargetId: token.Id,
                Purpose: AccountAudit.TokenCreated));
        });
        logger.ApiTokenChanged(userId, "created", token.Id);
        TempData[SecretKey] = secret;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        var userId = User.UserId()!.Value;
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId);
        if (token is null)
            return NotFound();
        await writes.RunAsync(null, async ct =>
        {
            token.RevokedAt ??= time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(PlatformAudit.ApiTokenChanged, ActorUserId: userId, TargetType: AuditTarget.ApiToken, TargetId: token.Id,
                Purpose: AccountAudit.TokenRevoked));
        });
        logger.ApiTokenChanged(userId, "revoked", token.Id);
        TempData["Notice"] = "Tokens_Revoked";
        return RedirectToPage();
    }

    /// <summary>The scopes the platform and the modules offer this user (administrative scopes to administrators, case scopes to those whose roles reach cases...).</summary>
    private List<string> ScopesFor() => modules.ApiScopes.Where(s => s.OfferedTo(User)).Select(s => s.Name).ToList();

    private async Task LoadAsync()
    {
        var userId = User.UserId()!.Value;
        OfferedScopes = ScopesFor();
        Tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync();
        Tokens = Tokens.OrderByDescending(t => t.CreatedAt).ToList();
    }

    public bool IsActive(ApiToken token) => token.IsActive(time.GetUtcNow());
}
