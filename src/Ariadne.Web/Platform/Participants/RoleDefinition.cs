using System.Collections.Frozen;

namespace Ariadne.Web.Platform.Participants;

/// <summary>A role a user can hold, the institution kinds it fits and the training it needs.</summary>
public sealed record RoleDefinition(string Name, IReadOnlySet<InstitutionKind> Kinds, TrainingTopic? RequiredTraining);
