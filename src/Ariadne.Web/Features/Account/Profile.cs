namespace Ariadne.Web.Features.Account;

/// <summary>GET /api/v1/me: the token's owner, their roles and the token's scopes.</summary>
public sealed record Profile(Guid UserId, Guid InstitutionId, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes);
