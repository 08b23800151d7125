namespace Ariadne.Web.Features.Investigation;

public enum CooperationUrgency
{
    Normal = 1,
    Urgent = 2,
    /// <summary>A life is at risk or a person is about to be moved.</summary>
    Immediate = 3,
}
