using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Identification;

/// <summary>HTCDS "who identified": the kind of body that made the decision.</summary>
public enum DecidingBody
{
    Police = 1,
    Ngo = 2,
    CourtOrProsecution = 3,
    OtherGovernment = 4,
}
