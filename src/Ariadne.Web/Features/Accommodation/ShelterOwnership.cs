namespace Ariadne.Web.Features.Accommodation;

/// <summary>Who runs a shelter (the plan's §6: state shelters and those of non-governmental organisations).</summary>
public enum ShelterOwnership
{
    State = 1,
    Ngo = 2,
}
