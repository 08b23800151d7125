using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Cli;

/// <summary>
/// The two accounts a new deployment cannot make on its screens, each printed once with a temporary password:
/// <list type="bullet">
/// <item><c>bootstrap-admin USER "Display name"</c>: the first platform administrator. Refused once any administrator exists.</item>
/// <item><c>bootstrap-auditor USER "Display name"</c>: the first auditor of the oversight body. The administrator's
/// account changes in an institution without a head are confirmed by oversight, and oversight's own by another
/// auditor (docs/decisions.md), so the very first auditor comes from the operator, like the first administrator.
/// Refused once any active auditor exists. An auditor reads the audit trail, never case data.</item>
/// </list>
/// Every later account is made on the administration screens and confirmed by its institution.
/// </summary>
public sealed class BootstrapAccount(AriadneDbContext db, UserManager<AriadneUser> users, TimeProvider time)
{
    private sealed record Kind(string Verb, string Role, InstitutionKind Institution, string InstitutionName, string InstitutionCode, string Label);

    private static readonly Kind[] Kinds =
    [
        new("bootstrap-admin", RoleCatalog.Administrator, InstitutionKind.PlatformAdministration, "Platform administration", "ADMIN", "Administrator"),
        new("bootstrap-auditor", RoleCatalog.Auditor, InstitutionKind.Oversight, "Oversight", "OVERSIGHT", "Auditor"),
    ];

    public async Task<(int ExitCode, string Message)> RunAsync(string verb, string[] args)
    {
        var kind = Kinds.Single(k => k.Verb == verb);
        if (args.Length != 2 || string.IsNullOrWhiteSpace(args[0]) || string.IsNullOrWhiteSpace(args[1]))
            return (2, $"Usage: {verb} USER \"Display name\"");

        var holders = await users.GetUsersInRoleAsync(kind.Role);
        if (holders.Any(u => !u.IsDisabled))
            return (1, $"An {kind.Label.ToLowerInvariant()} already exists; make further accounts on the administration screens.");

        var institution = await db.Institutions.OrderBy(i => i.Code).FirstOrDefaultAsync(i => i.Kind == kind.Institution);
        if (institution is null)
        {
            institution = new Institution
            {
                Name = kind.InstitutionName,
                Code = kind.InstitutionCode,
                Kind = kind.Institution,
                CreatedAt = time.GetUtcNow(),
            };
            db.Institutions.Add(institution);
            await db.SaveChangesAsync();
        }

        var user = new AriadneUser
        {
            UserName = args[0].Trim().ToLowerInvariant(),
            DisplayName = args[1].Trim(),
            InstitutionId = institution.Id,
            MustChangePassword = true,
            CreatedAt = time.GetUtcNow(),
        };
        var password = await TemporaryPassword.CreateValidAsync(users, user);
        var created = await users.CreateAsync(user, password);
        if (created.Succeeded)
            created = await users.AddToRoleAsync(user, kind.Role);
        if (!created.Succeeded)
            return (1, "Not created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        return (0, $"{kind.Label} '{user.UserName}' created. Temporary password (shown once; to be changed at first sign-in, then a second factor is enrolled): {password}");
    }
}
