using Ariadne.Web.Features.Admin.Users;
using Ariadne.Web.Features.Participants;
using Ariadne.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Cli;

/// <summary>
/// <c>bootstrap-admin USER "Display name"</c>: makes the first platform administrator of a new
/// deployment, with a temporary password printed once. Refused once any administrator exists: every
/// later account is made on the administration screens.
/// </summary>
public sealed class BootstrapAdministrator(AriadneDbContext db, UserManager<AriadneUser> users, TimeProvider time)
{
    public async Task<(int ExitCode, string Message)> RunAsync(string[] args)
    {
        if (args.Length != 2 || string.IsNullOrWhiteSpace(args[0]) || string.IsNullOrWhiteSpace(args[1]))
            return (2, "Usage: bootstrap-admin USER \"Display name\"");

        var administrators = await users.GetUsersInRoleAsync(RoleCatalog.Administrator);
        if (administrators.Count > 0)
            return (1, "An administrator already exists; make further accounts on the administration screens.");

        var institution = await db.Institutions.FirstOrDefaultAsync(i => i.Kind == InstitutionKind.PlatformAdministration);
        if (institution is null)
        {
            institution = new Institution
            {
                Name = "Platform administration",
                Code = "ADMIN",
                Kind = InstitutionKind.PlatformAdministration,
                CreatedAt = time.GetUtcNow(),
            };
            db.Institutions.Add(institution);
            await db.SaveChangesAsync();
        }

        var password = TemporaryPassword.Create();
        var user = new AriadneUser
        {
            UserName = args[0].Trim().ToLowerInvariant(),
            DisplayName = args[1].Trim(),
            InstitutionId = institution.Id,
            MustChangePassword = true,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        if (created.Succeeded)
            created = await users.AddToRoleAsync(user, RoleCatalog.Administrator);
        if (!created.Succeeded)
            return (1, "Not created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        return (0, $"Administrator '{user.UserName}' created. Temporary password (shown once; to be changed at first sign-in, then a second factor is enrolled): {password}");
    }
}
