using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Admin;

/// <summary>An institution as the API gives it.</summary>
public sealed record InstitutionDto(Guid Id, string Name, string Code, InstitutionKind Kind, bool IsActive);
