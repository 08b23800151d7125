using Microsoft.AspNetCore.Identity;

namespace Ariadne.Web.Platform.Participants;

/// <summary>A person working for one institution. Identity keeps the credentials.</summary>
public sealed class AriadneUser : IdentityUser<Guid>
{
    public AriadneUser() => Id = Guid.CreateVersion7();

    public string DisplayName { get; set; } = "";
    public Guid InstitutionId { get; set; }
    public Institution? Institution { get; set; }
    /// <summary>A disabled account cannot sign in, and its open sessions end at the next request.</summary>
    public bool IsDisabled { get; set; }
    /// <summary>Seeded by <c>--demo</c>; production refuses to start while any exists.</summary>
    public bool IsDemo { get; set; }
    /// <summary>§5: the one trained officer of a law-enforcement body who keeps relations with the Squad.</summary>
    public bool IsLiaisonOfficer { get; set; }
    /// <summary>Set when an administrator issues a temporary password.</summary>
    public bool MustChangePassword { get; set; }
    /// <summary>
    /// When the temporary password now held was issued; it no longer signs in after <c>Security:TemporaryPasswordLifetime</c>
    /// (ASVS 6.4.1). Null once the user chose their own, and for the operator's bootstrap accounts.
    /// </summary>
    public DateTimeOffset? TemporaryPasswordIssuedAt { get; set; }
    /// <summary>The last TOTP time step accepted, so that a code is usable once.</summary>
    public long LastTotpTimeStep { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<TrainingRecord> Trainings { get; set; } = [];
}
