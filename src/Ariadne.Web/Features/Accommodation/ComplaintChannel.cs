namespace Ariadne.Web.Features.Accommodation;

/// <summary>How a complaint arrived: through a worker outside the shelter, or by the resident with the code on the welcome sheet.</summary>
public enum ComplaintChannel
{
    Worker = 1,
    Code = 2,
}
