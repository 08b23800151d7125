using System.Security.Claims;
using Ariadne.Web.Platform.Security;

namespace Ariadne.Web.Platform.Access;

/// <summary>Who is asking: the user, their institution, and the relations their roles can hold there.</summary>
public sealed record Viewer(Guid UserId, Guid InstitutionId, IReadOnlyList<Relation> InstitutionRelations)
{
    public static Viewer Of(ClaimsPrincipal user) => new(
        user.UserId() ?? throw new InvalidOperationException("No signed-in user."),
        Guid.Parse(user.FindFirstValue(AriadneClaims.InstitutionId) ?? throw new InvalidOperationException("No institution.")),
        AccessMatrix.RelationsFor(user.FindAll(ClaimTypes.Role).Select(c => c.Value)));
}

/// <summary>What a viewer may do with one case now, and through what.</summary>
public sealed record CaseRights(DataClass Read, DataClass Write, string Through)
{
    public bool CanRead(DataClass dataClass) => (Read & dataClass) == dataClass;
    public bool CanWrite(DataClass dataClass) => (Write & dataClass) == dataClass;
    public bool IsBreakGlass => Through == BreakGlassRelation;

    public const string BreakGlassRelation = "break-glass";

    /// <summary>Break-glass: read-only, everything but contact and location.</summary>
    public static CaseRights BreakGlass { get; } = new(DataClass.All & ~DataClass.ContactLocation, DataClass.None, BreakGlassRelation);
}
