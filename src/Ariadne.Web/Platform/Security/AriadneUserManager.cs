using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// Identity's user manager, with one rule added where every password change passes: a user who changes
/// their own password loses their API tokens (a stolen token must not outlive the credential it came with), and is told
/// (<see cref="CredentialNotices"/>).
/// </summary>
public sealed class AriadneUserManager : UserManager<AriadneUser>
{
    private readonly IServiceProvider _services;

    public AriadneUserManager(
        IUserStore<AriadneUser> store, IOptions<IdentityOptions> optionsAccessor, IPasswordHasher<AriadneUser> passwordHasher,
        IEnumerable<IUserValidator<AriadneUser>> userValidators, IEnumerable<IPasswordValidator<AriadneUser>> passwordValidators,
        ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<AriadneUser>> logger)
        : base(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger) =>
        _services = services;

    /// <summary>The new password, the owner's notice and the revocation of their tokens in one transaction.</summary>
    public override async Task<IdentityResult> ChangePasswordAsync(AriadneUser user, string currentPassword, string newPassword)
    {
        var db = _services.GetRequiredService<AriadneDbContext>();
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(CancellationToken) : null;
        var result = await base.ChangePasswordAsync(user, currentPassword, newPassword);
        if (result.Succeeded)
        {
            var now = _services.GetRequiredService<TimeProvider>().GetUtcNow();
            CredentialNotices.Add(db, user.Id, CredentialNotices.PasswordChanged, now);
            await ApiTokenRevocation.RevokeAllAsync(db, user.Id, now, CancellationToken);
            if (transaction is not null)
                await transaction.CommitAsync(CancellationToken);
        }
        return result;
    }
}
