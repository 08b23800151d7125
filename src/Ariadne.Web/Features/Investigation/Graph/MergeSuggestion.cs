namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// Two entities of one kind that may be one and the same, with a score in [0, 1] (1: the same phone number, IBAN,
/// plate or registration number) and the reasons, strongest evidence first. <see cref="LeftId"/> is the one met
/// first in the input. A suggestion only: an investigator decides.
/// </summary>
public sealed record MergeSuggestion(Guid LeftId, Guid RightId, EntityKind Kind, double Score, IReadOnlyList<MergeReason> Explanation);
