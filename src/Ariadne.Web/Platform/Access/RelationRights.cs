using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Platform.Access;

/// <summary>What a relation may open at most: a deployment or a grant may narrow it, never widen it.</summary>
public sealed record RelationRights(DataClass Read, DataClass Write, IReadOnlySet<string> Roles, IReadOnlySet<InstitutionKind> Kinds);
