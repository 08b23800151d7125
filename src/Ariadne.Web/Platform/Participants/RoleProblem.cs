using System.Collections.Frozen;

namespace Ariadne.Web.Platform.Participants;

/// <summary>Why a role assignment was refused: a resource key and the role it concerns.</summary>
public sealed record RoleProblem(string MessageKey, string? Role);
